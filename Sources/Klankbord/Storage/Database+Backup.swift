import CSQLite

extension Database {
    /// A consistent copy of the whole database, as the bytes of a database file, made with SQLite's
    /// online backup API (`sqlite3_backup_*`) into memory.
    ///
    /// The copy is taken in one step inside one read transaction, so it is one committed state even
    /// while another connection (the daemon) keeps writing; in WAL mode the writer is not blocked.
    /// The copy never touches the disk: a backup must not leave a readable database file behind.
    /// Bytes 18–19 of the image say "rollback journal", so the image opens anywhere; a file database
    /// made from it switches itself back to WAL when it is opened.
    public func snapshotImage() throws(StorageError) -> [UInt8] {
        let copy = try Database(.memory)
        copy.statementCache.removeAll()
        guard let backup = sqlite3_backup_init(copy.handle, "main", handle, "main") else {
            throw StorageError(code: sqlite3_extended_errcode(copy.handle), during: .step)
        }
        var stepCode = SQLITE_OK
        var waits = 0
        // In WAL mode a reader is refused only briefly (while another connection recovers the log): wait up to 5 s.
        repeat {
            stepCode = sqlite3_backup_step(backup, -1)
            if stepCode == SQLITE_BUSY || stepCode == SQLITE_LOCKED {
                waits += 1
                sqlite3_sleep(10)
            }
        } while (stepCode == SQLITE_OK || stepCode == SQLITE_BUSY || stepCode == SQLITE_LOCKED) && waits < 500
        let finishCode = sqlite3_backup_finish(backup)
        guard stepCode == SQLITE_DONE else { throw StorageError(code: stepCode, during: .step) }
        try StorageError.check(finishCode)
        var size: sqlite3_int64 = 0
        guard let bytes = sqlite3_serialize(copy.handle, "main", &size, 0) else { throw .stepFailed(code: SQLITE_NOMEM) }
        defer { sqlite3_free(bytes) }
        var image = Array(UnsafeBufferPointer(start: bytes, count: Int(size)))
        Self.markRollbackJournal(&image)
        return image
    }

    /// A private in-memory database holding a copy of `image` (bytes of a database file), to
    /// inspect a backup without writing it to disk.
    public static func inMemory(image: [UInt8]) throws(StorageError) -> Database {
        let database = try Database(.memory)
        // Cached statements belong to the empty schema that is about to be replaced.
        database.statementCache.removeAll()
        var bytes = image
        markRollbackJournal(&bytes)
        guard !bytes.isEmpty, let buffer = sqlite3_malloc64(sqlite3_uint64(bytes.count)) else { throw .corrupt }
        let target = buffer.bindMemory(to: UInt8.self, capacity: bytes.count)
        bytes.withPointer { source, count in target.update(from: source, count: count) }
        let flags = UInt32(SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE)
        let code = sqlite3_deserialize(database.handle, "main", target, sqlite3_int64(bytes.count), sqlite3_int64(bytes.count), flags)
        try StorageError.check(code)
        _ = try database.readOne("PRAGMA schema_version") { $0.int64(0) }
        return database
    }

    /// Sets the file-format bytes (offsets 18 and 19) to 1, "rollback journal": SQLite refuses to
    /// open an in-memory image that says WAL.
    private static func markRollbackJournal(_ image: inout [UInt8]) {
        guard image.count >= 100 else { return }
        if image[18] == 2 { image[18] = 1 }
        if image[19] == 2 { image[19] = 1 }
    }
}
