import CSQLite

/// Failures of the SQLite layer.
///
/// Cases carry SQLite result codes (extended codes where SQLite gives them) and, for a failed
/// prepare, the SQL text. They never carry bound values or file paths: either may be a secret.
public enum StorageError: Error, Equatable, Sendable {
    /// The database could not be opened (for example `SQLITE_CANTOPEN`).
    case openFailed(code: Int32)
    /// A statement could not be compiled; `sql` is the statement text, never its values.
    case prepareFailed(code: Int32, sql: String)
    /// A statement failed while running, with the SQLite primary or extended result code.
    case stepFailed(code: Int32)
    /// A constraint failed (`SQLITE_CONSTRAINT_UNIQUE`, `_FOREIGNKEY`, `_NOTNULL`, …).
    case constraintViolation(code: Int32)
    /// Another connection held a lock for longer than the busy timeout.
    case busy
    /// The disk is full (`SQLITE_FULL`).
    case diskFull
    /// The database, or its file, is read-only (`SQLITE_READONLY`).
    case readOnly
    /// The file is damaged or is not a database (`SQLITE_CORRUPT`, `SQLITE_NOTADB`).
    case corrupt
    /// The named migration failed with `code`; its changes were rolled back.
    ///
    /// `code` is `SQLITE_SCHEMA` when the database records a migration this binary does not know
    /// (its schema is newer), and `SQLITE_MISUSE` when the list names a migration twice.
    case migrationFailed(name: String, code: Int32)
    /// A column did not hold the type its reader expected.
    case typeMismatch(column: Int32)
}

extension StorageError {
    /// The SQLite result code behind this error (`SQLITE_FULL` for `.diskFull`, and so on).
    public var resultCode: Int32 {
        switch self {
        case .openFailed(let code), .prepareFailed(let code, _), .stepFailed(let code),
             .constraintViolation(let code), .migrationFailed(_, let code):
            return code
        case .busy: return SQLITE_BUSY
        case .diskFull: return SQLITE_FULL
        case .readOnly: return SQLITE_READONLY
        case .corrupt: return SQLITE_CORRUPT
        case .typeMismatch: return SQLITE_MISMATCH
        }
    }

    /// What was being done when SQLite returned a code, to pick the generic case.
    enum Operation {
        case open
        case prepare(sql: String)
        case step
    }

    /// Maps a SQLite result code to an error; conditions callers act on get their own case.
    init(code: Int32, during operation: Operation) {
        switch code & 0xff {
        case SQLITE_CONSTRAINT: self = .constraintViolation(code: code)
        case SQLITE_BUSY, SQLITE_LOCKED: self = .busy
        case SQLITE_FULL: self = .diskFull
        case SQLITE_READONLY: self = .readOnly
        case SQLITE_CORRUPT, SQLITE_NOTADB: self = .corrupt
        default:
            switch operation {
            case .open: self = .openFailed(code: code)
            case .prepare(let sql): self = .prepareFailed(code: code, sql: sql)
            case .step: self = .stepFailed(code: code)
            }
        }
    }

    /// Throws the mapped error unless `code` is `SQLITE_OK`: every SQLite call is checked here.
    static func check(_ code: Int32, during operation: Operation = .step) throws(StorageError) {
        guard code == SQLITE_OK else { throw StorageError(code: code, during: operation) }
    }
}
