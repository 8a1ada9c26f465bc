import CSQLite

extension Database {
    /// Runs `PRAGMA integrity_check`: `true` when SQLite answers "ok", `false` when it lists
    /// problems or finds the file corrupt.
    public func integrityCheck() throws(StorageError) -> Bool {
        do {
            let firstLine = try readOne("PRAGMA integrity_check") { $0.text(0) }
            return firstLine == "ok"
        } catch .corrupt {
            return false
        }
    }

    /// Copies the write-ahead log into the database file and truncates the log to zero bytes
    /// (`wal_checkpoint(TRUNCATE)`). Throws `.busy` when readers or a writer kept it from finishing.
    public func checkpoint() throws(StorageError) {
        if let fault = faults.takeCheckpointFault() { throw fault }
        let code = sqlite3_wal_checkpoint_v2(handle, nil, SQLITE_CHECKPOINT_TRUNCATE, nil, nil)
        try StorageError.check(code)
    }
}
