import CSQLite

/// Owns one compiled `sqlite3_stmt` and finalizes it in `deinit`.
///
/// Lives only inside `Database`, which hands out `Row` views while a statement is stepping.
final class Statement {
    /// Tells SQLite to copy bound text and blobs (`SQLITE_TRANSIENT` is a macro Swift cannot import).
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    let handle: OpaquePointer
    /// Whether running this statement cannot change the database (see `sqlite3_stmt_readonly`).
    let isReadOnly: Bool
    /// Set while the statement is checked out, so a nested use of the same SQL prepares a fresh one.
    var isInUse = false

    /// Compiles exactly one statement; trailing whitespace and comments are allowed, a second statement is not.
    init(database: OpaquePointer, sql: String, persistent: Bool) throws(StorageError) {
        var statement: OpaquePointer?
        var trailing = false
        let flags = persistent ? UInt32(SQLITE_PREPARE_PERSISTENT) : 0
        let code = sql.withCString { text in
            var tail: UnsafePointer<CChar>?
            let code = sqlite3_prepare_v3(database, text, -1, flags, &statement, &tail)
            trailing = tail.map { Self.hasStatement(after: $0, in: database) } ?? false
            return code
        }
        guard code == SQLITE_OK else {
            sqlite3_finalize(statement)
            throw StorageError(code: code, during: .prepare(sql: sql))
        }
        guard let statement, !trailing else {
            sqlite3_finalize(statement)
            throw .prepareFailed(code: SQLITE_MISUSE, sql: sql)
        }
        handle = statement
        isReadOnly = sqlite3_stmt_readonly(statement) != 0
    }

    /// Takes ownership of a statement compiled elsewhere (`Database.execute` walks a script itself).
    init(adopting statement: OpaquePointer) {
        handle = statement
        isReadOnly = sqlite3_stmt_readonly(statement) != 0
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Binds `values` to parameters 1…n; their count must match the statement's parameters.
    func bind(_ values: [SQLValue]) throws(StorageError) {
        guard values.count == Int(sqlite3_bind_parameter_count(handle)) else {
            throw .stepFailed(code: SQLITE_RANGE)
        }
        for (offset, value) in values.enumerated() {
            try StorageError.check(bind(value, at: Int32(offset + 1)))
        }
    }

    /// Advances one row: `true` when a row is ready to read, `false` when the statement is done.
    func step() throws(StorageError) -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw StorageError(code: code, during: .step)
        }
    }

    /// Makes the statement ready for its next use and drops the copies of bound values.
    func reset() {
        // sqlite3_reset repeats the last step's error, which was already reported; nothing to check.
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    private func bind(_ value: SQLValue, at index: Int32) -> Int32 {
        switch value {
        case .integer(let number):
            return sqlite3_bind_int64(handle, index, number)
        case .real(let number):
            return sqlite3_bind_double(handle, index, number)
        case .text(let string):
            // withCString never hands out nil, so "" binds as empty text rather than NULL.
            let length = UInt64(string.utf8.count)
            return string.withCString { sqlite3_bind_text64(handle, index, $0, length, Self.transient, UInt8(SQLITE_UTF8)) }
        case .blob(let bytes):
            return bytes.withUnsafeBytes { buffer in
                guard let base = buffer.baseAddress, !buffer.isEmpty else {
                    // A nil pointer would bind NULL; a zero-length blob keeps empty bytes distinct from NULL.
                    return sqlite3_bind_zeroblob(handle, index, 0)
                }
                return sqlite3_bind_blob64(handle, index, base, UInt64(buffer.count), Self.transient)
            }
        case .null:
            return sqlite3_bind_null(handle, index)
        }
    }

    /// Whether SQL text after the first statement holds more than whitespace and comments.
    private static func hasStatement(after tail: UnsafePointer<CChar>, in database: OpaquePointer) -> Bool {
        guard tail.pointee != 0 else { return false }
        var next: OpaquePointer?
        let code = sqlite3_prepare_v2(database, tail, -1, &next, nil)
        defer { sqlite3_finalize(next) }
        // SQLite yields no statement for text that is only whitespace, semicolons and comments.
        return code != SQLITE_OK || next != nil
    }
}
