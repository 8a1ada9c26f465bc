// Binary layout of `SessionRecord` (version 1):
//
//   version              1 byte   = 1
//   has current          1 byte   0 or 1, then if 1: UInt32 length || RatchetSession layout
//   previous count       1 byte   at most 4, then count × (UInt32 length || RatchetSession layout)
//
// Each session keeps its own version byte, so a record can hold sessions of different versions.

import KlankbordProtocol

extension SessionRecord {
    /// The layout above.
    ///
    /// - Warning: Contains every session's keys in the clear: store only in sealed storage.
    public func serialized() -> [UInt8] {
        var writer = WireWriter(prefix: [Self.version], capacity: 512 * (1 + previous.count))
        writer.bool(current != nil)
        if let current { writer.data(current.serialized()) }
        writer.u8(UInt8(previous.count))
        for session in previous { writer.data(session.serialized()) }
        return writer.bytes
    }

    /// Decodes the layout above.
    public init(serialized bytes: [UInt8]) throws(E2EError) {
        let maxSessionLength = 1024 + E2ELimits.maxStoredRatchetKeys * 68
        self = try E2EReader.decode(bytes, version: Self.version, maxLength: (1 + Self.maxPreviousSessions) * (maxSessionLength + 4) + 3) {
            reader throws(E2EError) in
            var record = SessionRecord()
            if try reader.bool() {
                record.current = try RatchetSession(serialized: try reader.data(limit: maxSessionLength))
            }
            let count = Int(try reader.u8())
            guard count <= Self.maxPreviousSessions else { throw .malformed }
            for _ in 0..<count {
                record.previous.append(try RatchetSession(serialized: try reader.data(limit: maxSessionLength)))
            }
            return record
        }
    }
}
