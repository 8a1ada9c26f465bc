import CSQLite

extension Database {
    /// A consistent copy of the whole database in memory, made with SQLite's online backup API
    /// (`sqlite3_backup_*`).
    ///
    /// The copy is taken in one step inside one read transaction, so it is one committed state even
    /// while another connection (the daemon) keeps writing; in WAL mode the writer is not blocked.
    /// The copy never touches the disk: a backup must not leave a readable database file behind.
    public func snapshot() throws(StorageError) -> Database {
        // Room for the whole copy at once: memdb would otherwise double its buffer as it grows.
        let pages = try readOne("PRAGMA page_count") { $0.int64(0) } ?? 0
        let pageSize = try readOne("PRAGMA page_size") { $0.int64(0) } ?? 4096
        let copy = try Database.emptyInMemoryImage(capacity: Int(pages * pageSize) + Int(pageSize) * 16)
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
        return copy
    }

    /// Lends the bytes of this database as a database file. For an in-memory image (from `snapshot`
    /// or `inMemory(adopting:)`) they are lent in place, without a copy; they must not escape `body`.
    public func withImage<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) throws -> Result {
        var size: sqlite3_int64 = 0
        if let bytes = sqlite3_serialize(handle, "main", &size, UInt32(SQLITE_SERIALIZE_NOCOPY)) {
            return try body(UnsafeRawBufferPointer(start: bytes, count: Int(size)))
        }
        guard let copy = sqlite3_serialize(handle, "main", &size, 0) else { throw StorageError.stepFailed(code: SQLITE_NOMEM) }
        defer { sqlite3_free(copy) }
        return try body(UnsafeRawBufferPointer(start: copy, count: Int(size)))
    }

    /// A private in-memory database made of `image`, which it takes over (no copy is made).
    /// Bytes 18–19 of the image must say "rollback journal" (1): SQLite refuses an in-memory image that says WAL.
    public static func inMemory(adopting image: DatabaseImage) throws(StorageError) -> Database {
        let database = try Database(.memory)
        // Cached statements belong to the empty schema that is about to be replaced.
        database.statementCache.removeAll()
        let count = image.count
        guard let bytes = image.adopt() else { throw .corrupt }
        let flags = UInt32(SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE)
        // On failure SQLite frees the buffer itself (FREEONCLOSE).
        try StorageError.check(sqlite3_deserialize(database.handle, "main", bytes, sqlite3_int64(count), sqlite3_int64(count), flags))
        _ = try database.readOne("PRAGMA schema_version") { $0.int64(0) }
        return database
    }

    /// An empty database kept by SQLite's memdb in a buffer of `capacity` bytes (grown when needed),
    /// so that `withImage` can lend its bytes in place.
    private static func emptyInMemoryImage(capacity: Int) throws(StorageError) -> Database {
        let database = try Database(.memory)
        database.statementCache.removeAll()
        guard let buffer = sqlite3_malloc64(sqlite3_uint64(max(capacity, 1))) else { throw .stepFailed(code: SQLITE_NOMEM) }
        let flags = UInt32(SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE)
        let bytes = buffer.assumingMemoryBound(to: UInt8.self)
        try StorageError.check(sqlite3_deserialize(database.handle, "main", bytes, 0, sqlite3_int64(max(capacity, 1)), flags))
        return database
    }
}
