/// One stored log entry and its index (docs/TRUST.md): the server keeps it as an opaque blob.
///
/// Layout: `index u32 · entry data`.
public struct LogRecord: Sendable, Equatable {
    /// The entry's place in its log (0 first).
    public var index: UInt32
    /// The stored bytes: a signed roster entry, or a sealed room-log entry.
    public var entry: [UInt8]

    /// A record from its parts.
    public init(index: UInt32, entry: [UInt8]) {
        self.index = index
        self.entry = entry
    }

    func encode(into w: inout WireWriter) {
        w.u32(index)
        w.data(entry)
    }

    init(from r: inout WireReader) throws(WireError) {
        index = try r.u32()
        entry = try r.data(limit: Request.maxLogEntryLength)
    }
}
