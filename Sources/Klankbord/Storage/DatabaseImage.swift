import CSQLite

/// The bytes of a database file in memory SQLite allocated, so that `Database.inMemory(adopting:)`
/// can take them over without a copy (a backup being restored is held once, not twice).
public final class DatabaseImage {
    private var base: UnsafeMutablePointer<UInt8>?
    /// How many bytes the image holds.
    public let count: Int

    /// A zeroed image of `count` bytes, or nil when the memory is not there.
    public init?(count: Int) {
        guard count > 0, let raw = sqlite3_malloc64(sqlite3_uint64(count)) else { return nil }
        let bytes = raw.bindMemory(to: UInt8.self, capacity: count)
        bytes.initialize(repeating: 0, count: count)
        base = bytes
        self.count = count
    }

    deinit {
        if let base { sqlite3_free(base) }
    }

    /// Lends the bytes for filling; the pointer must not escape `body`.
    public func withMutableBytes<Result>(_ body: (UnsafeMutableRawBufferPointer) throws -> Result) rethrows -> Result {
        try body(UnsafeMutableRawBufferPointer(start: base, count: base == nil ? 0 : count))
    }

    /// Hands the memory to SQLite, which frees it from then on.
    func adopt() -> UnsafeMutablePointer<UInt8>? {
        defer { base = nil }
        return base
    }
}
