// Binary layout of `SessionRecord` (version 1):
//
//   version              1 byte   = 1
//   has current          1 byte   0 or 1, then if 1: UInt32 length || RatchetSession layout
//   previous count       1 byte   at most 4, then count × (UInt32 length || RatchetSession layout)
//
// Each session keeps its own version byte, so a record can hold sessions of different versions.

extension SessionRecord {
    /// The layout above.
    ///
    /// - Warning: Contains every session's keys in the clear: store only in sealed storage.
    public func serialized() -> [UInt8] {
        var writer = BinaryWriter(version: Self.version, capacity: 512 * (1 + previous.count))
        writer.writeFlag(current != nil)
        if let current { writer.writeLengthPrefixed(current.serialized()) }
        writer.writeUInt8(UInt8(previous.count))
        for session in previous { writer.writeLengthPrefixed(session.serialized()) }
        return writer.bytes
    }

    /// Decodes the layout above.
    public init(serialized bytes: [UInt8]) throws(E2EError) {
        let maxSessionLength = 1024 + E2ELimits.maxStoredRatchetKeys * 68
        self = try BinaryReader.decode(bytes, version: Self.version, maxLength: (1 + Self.maxPreviousSessions) * (maxSessionLength + 4) + 3) {
            reader throws(E2EError) in
            var record = SessionRecord()
            if try reader.readFlag() {
                record.current = try RatchetSession(serialized: try reader.readLengthPrefixed(maxLength: maxSessionLength))
            }
            let count = Int(try reader.readUInt8())
            guard count <= Self.maxPreviousSessions else { throw .malformed }
            for _ in 0..<count {
                record.previous.append(try RatchetSession(serialized: try reader.readLengthPrefixed(maxLength: maxSessionLength)))
            }
            return record
        }
    }
}
