import CSQLite

extension Database {
    /// Runs one or more `;`-separated statements without bindings (schema scripts, pragmas).
    ///
    /// Statements are not cached. A failure stops the script; wrap it in a transaction to undo
    /// the statements that ran before.
    public func execute(_ sql: String) throws(StorageError) {
        var failure: StorageError?
        sql.withCString { start in
            var cursor = start
            while cursor.pointee != 0 {
                var compiled: OpaquePointer?
                var tail: UnsafePointer<CChar>?
                let code = sqlite3_prepare_v2(handle, cursor, -1, &compiled, &tail)
                guard code == SQLITE_OK else {
                    sqlite3_finalize(compiled)
                    failure = StorageError(code: code, during: .prepare(sql: sql))
                    return
                }
                if let compiled {
                    do throws(StorageError) {
                        try runToCompletion(Statement(adopting: compiled))
                    } catch {
                        failure = error
                        return
                    }
                }
                // A nil statement means only whitespace, a comment or an empty ";" was consumed.
                guard let tail, tail != cursor else { return }
                cursor = tail
            }
        }
        if let failure { throw failure }
    }

    /// Runs one statement with `values` bound to its `?` parameters, stepping until it is done.
    ///
    /// The statement is prepared once and cached by its SQL text.
    public func run(_ sql: String, _ values: [SQLValue] = []) throws(StorageError) {
        try run(sql, values, checkingWrites: true)
    }

    /// `run`, with the disk-full fault injection optionally skipped for transaction control
    /// (`BEGIN IMMEDIATE` counts as a write to SQLite but writes nothing to disk).
    func run(_ sql: String, _ values: [SQLValue] = [], checkingWrites: Bool) throws(StorageError) {
        let statement = try checkOut(sql, values, checkingWrites: checkingWrites)
        defer { checkIn(statement) }
        while try statement.step() {}
    }

    /// Runs one query and maps every result row through `row`, in order.
    ///
    /// Rethrows any error `row` throws; everything else throws `StorageError`.
    public func query<T>(_ sql: String, _ values: [SQLValue] = [], _ row: (Row) throws -> T) throws -> [T] {
        let statement = try checkOut(sql, values)
        defer { checkIn(statement) }
        var rows: [T] = []
        while try statement.step() {
            rows.append(try row(Row(statement)))
        }
        return rows
    }

    /// Runs one query and maps its first result row through `row`, or returns `nil` when there is none.
    public func queryOne<T>(_ sql: String, _ values: [SQLValue] = [], _ row: (Row) throws -> T) throws -> T? {
        let statement = try checkOut(sql, values)
        defer { checkIn(statement) }
        guard try statement.step() else { return nil }
        return try row(Row(statement))
    }

    /// `queryOne` for a reader that cannot throw, so it throws only `StorageError` (typed).
    package func readOne<T>(_ sql: String, _ values: [SQLValue] = [], _ row: (Row) -> T) throws(StorageError) -> T? {
        let statement = try checkOut(sql, values)
        defer { checkIn(statement) }
        guard try statement.step() else { return nil }
        return row(Row(statement))
    }

    /// `query` for a reader that cannot throw, so it throws only `StorageError` (typed).
    func readAll<T>(_ sql: String, _ values: [SQLValue] = [], _ row: (Row) -> T) throws(StorageError) -> [T] {
        let statement = try checkOut(sql, values)
        defer { checkIn(statement) }
        var rows: [T] = []
        while try statement.step() {
            rows.append(row(Row(statement)))
        }
        return rows
    }

    /// The number of statements in the cache (for tests).
    var cachedStatementCount: Int { statementCache.count }

    /// Takes the cached statement for `sql` (or prepares one) and binds `values`.
    ///
    /// A cached statement that is already stepping, as in a query made from inside another's row
    /// closure, is left alone and a fresh one is prepared for this use.
    private func checkOut(_ sql: String, _ values: [SQLValue], checkingWrites: Bool = true) throws(StorageError) -> Statement {
        let statement: Statement
        if let cached = statementCache[sql], !cached.isInUse {
            statement = cached
        } else {
            statement = try Statement(database: handle, sql: sql, persistent: true)
            if statementCache[sql] == nil {
                if statementCache.count >= Self.statementCacheLimit { statementCache.removeAll() }
                statementCache[sql] = statement
            }
        }
        if checkingWrites { try refuseWriteIfFailing(statement) }
        statement.isInUse = true
        do throws(StorageError) {
            try statement.bind(values)
        } catch {
            checkIn(statement)
            throw error
        }
        return statement
    }

    /// Returns a statement after use: reset, bindings cleared, free for the next caller.
    private func checkIn(_ statement: Statement) {
        statement.reset()
        statement.isInUse = false
    }

    private func runToCompletion(_ statement: Statement) throws(StorageError) {
        try refuseWriteIfFailing(statement)
        while try statement.step() {}
    }

    private func refuseWriteIfFailing(_ statement: Statement) throws(StorageError) {
        if failWritesWithDiskFull && !statement.isReadOnly { throw .diskFull }
    }
}
