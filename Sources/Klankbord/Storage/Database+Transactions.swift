import CSQLite

extension Database {
    /// Runs `body` in a transaction: commits when it returns, rolls back when it throws and
    /// rethrows its error unchanged.
    ///
    /// `immediate` (the default) takes the write lock at `BEGIN`, so a writer waits for the busy
    /// timeout at the start instead of failing halfway through. Transactions do not nest: use
    /// `savepoint` inside one. If the commit fails, the transaction is rolled back and the commit's
    /// error is thrown.
    public func transaction<T>(immediate: Bool = true, _ body: () throws -> T) throws -> T {
        try run(immediate ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED", checkingWrites: false)
        let changesAtStart = sqlite3_total_changes64(handle)
        let result: T
        do {
            result = try body()
            if failWritesWithDiskFull && sqlite3_total_changes64(handle) != changesAtStart {
                throw StorageError.diskFull
            }
            // An injected fault fails the commit after every write succeeded; the rollback below undoes them.
            if sqlite3_total_changes64(handle) != changesAtStart, let fault = faults.takeCommitFault() {
                throw fault
            }
            try run("COMMIT", checkingWrites: false)
        } catch {
            rollBack()
            throw error
        }
        return result
    }

    /// Runs `body` inside a savepoint, nested in any enclosing transaction or savepoint.
    ///
    /// When `body` throws, only its own work is undone (`ROLLBACK TO`, then `RELEASE`) and the
    /// error is rethrown; the enclosing transaction carries on. Outside a transaction a savepoint
    /// behaves like a deferred transaction.
    public func savepoint<T>(_ body: () throws -> T) throws -> T {
        savepointDepth += 1
        defer { savepointDepth -= 1 }
        let name = "klankbord_savepoint_\(savepointDepth)"
        try run("SAVEPOINT \(name)", checkingWrites: false)
        do {
            let result = try body()
            try run("RELEASE \(name)", checkingWrites: false)
            return result
        } catch {
            // Both may fail if SQLite already rolled the whole transaction back (after SQLITE_FULL,
            // for instance); the error worth reporting is the one that got us here.
            try? run("ROLLBACK TO \(name)", checkingWrites: false)
            try? run("RELEASE \(name)", checkingWrites: false)
            throw error
        }
    }

    /// Whether a transaction is open on this connection.
    public var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// Rolls back the open transaction, if SQLite has not already done so after an error.
    private func rollBack() {
        guard isInTransaction else { return }
        // A failed ROLLBACK leaves nothing better to do; the caller is already throwing the cause.
        try? run("ROLLBACK", checkingWrites: false)
    }
}
