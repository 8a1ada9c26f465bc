/// One stored log entry and its index (docs/TRUST.md): the server keeps it as an opaque blob.
///
/// Layout: `index u32 · entry data`.
public struct LogRecord: Sendable, Equatable {
    public var index: UInt32
    public var entry: [UInt8]

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
