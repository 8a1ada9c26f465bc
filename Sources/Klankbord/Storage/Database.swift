import CSQLite
import Glibc
import KlankbordConfig

/// One SQLite connection, with a cache of prepared statements.
///
/// Not `Sendable`: one owner (one thread, or one actor) uses a `Database` at a time. The server
/// keeps a single writer connection; readers may open their own.
public final class Database {
    /// Where the database lives.
    public enum Location: Sendable {
        /// A private in-memory database, gone when the connection closes.
        case memory
        /// A file at this path, created with mode 0600 when missing.
        case file(String)
    }

    /// How hard a commit works to reach the disk (`PRAGMA synchronous`).
    public enum Durability: Sendable {
        /// `FULL`: a committed transaction survives power loss.
        case full
        /// `NORMAL`: in WAL mode a commit survives a crash of the process, not always of the machine.
        case normal
    }

    /// Where a writable file database keeps a transaction's pages until they are in the file (`PRAGMA journal_mode`).
    public enum Journal: Sendable {
        /// `WAL`: commits append to `-wal`, readers never wait for a writer; the log keeps old pages until a checkpoint.
        case writeAheadLog
        /// `DELETE`: the old pages of the open transaction go to `-journal`, which is deleted at commit, so no
        /// earlier version of a page outlives its transaction in a file.
        case rollback
    }

    /// Beyond this many cached statements the cache starts over, so SQL built on the fly cannot grow it without bound.
    static let statementCacheLimit = 256

    let handle: OpaquePointer
    /// Prepared statements keyed by SQL text, reset and unbound after each use.
    var statementCache: [String: Statement] = [:]
    /// How many `savepoint` calls are open, to name each level uniquely.
    var savepointDepth = 0

    /// Fault injection for tests: while `true`, any statement that would write throws `.diskFull`,
    /// and so does committing a transaction that wrote.
    public var failWritesWithDiskFull = false

    /// Fault injection for tests: commits, fsyncs and checkpoints that fail (see `StorageFaults`).
    public var faults = StorageFaults()

    /// Opens (and for a writable file, creates) a database.
    ///
    /// Every connection has extended result codes, `foreign_keys = ON` and a 5 s busy timeout.
    /// A writable file database is switched to `journal` (WAL unless asked otherwise).
    public init(_ location: Location, readOnly: Bool = false, durability: Durability = .full, journal: Journal = .writeAheadLog) throws(StorageError) {
        _ = Self.libraryConfigured
        let path: String
        switch location {
        case .memory:
            path = ":memory:"
        case .file(let filePath):
            path = filePath
            if !readOnly { try Self.createPrivateFile(at: filePath) }
        }
        let access = readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        var opened: OpaquePointer?
        let code = sqlite3_open_v2(path, &opened, access | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE, nil)
        guard code == SQLITE_OK, let opened else {
            sqlite3_close_v2(opened)
            throw StorageError(code: code, during: .open)
        }
        handle = opened
        // From here on a throw still runs deinit, which closes the handle.
        try StorageError.check(sqlite3_extended_result_codes(handle, 1), during: .open)
        try StorageError.check(sqlite3_busy_timeout(handle, 5000), during: .open)
        // Reading the schema version touches the file header, so a file that is not a database fails now.
        _ = try readOne("PRAGMA schema_version") { $0.int64(0) }
        try execute("PRAGMA foreign_keys = ON")
        try execute(durability == .full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL")
        if case .file = location, !readOnly {
            let wanted = journal == .writeAheadLog ? "wal" : "delete"
            let mode = try readOne("PRAGMA journal_mode = \(wanted)") { $0.text(0) }
            guard mode == wanted else { throw .openFailed(code: SQLITE_CANTOPEN) }
        }
    }

    deinit {
        // Statements must be finalized first, or sqlite3_close_v2 leaves a zombie connection behind.
        statementCache.removeAll()
        sqlite3_close_v2(handle)
    }

    /// The rowid of the most recent successful `INSERT` on this connection.
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// How many rows the most recent `INSERT`, `UPDATE` or `DELETE` changed.
    public var changes: Int { Int(sqlite3_changes64(handle)) }

    /// Process-wide SQLite settings, made once before the first connection opens (SQLite refuses them after).
    ///
    /// Statement journals stay in memory in 1 KiB chunks. SQLite's default keeps up to 64 KiB in memory
    /// in one chunk: each write statement of a multi-statement transaction (every send) allocated and freed
    /// that chunk, and glibc returned it to the kernel each time, so the next statement faulted it in again
    /// (about one `madvise` and eight page faults per send at light load). A statement journal holds the
    /// pages one statement changes, a few for every statement the package runs.
    static let libraryConfigured: Bool = klankbord_sqlite3_config_statement_journal_spill(-1) == SQLITE_OK

    /// Creates a missing file with mode 0600 before SQLite does (SQLite would use 0644); the
    /// `-wal` and `-shm` files copy the mode of the database file.
    private static func createPrivateFile(at path: String) throws(StorageError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if descriptor >= 0 {
            close(descriptor)
        } else if errno != EEXIST {
            throw .openFailed(code: SQLITE_CANTOPEN)
        }
    }
}
