// Binary layout of `PayloadEvent` (version 1), 22 bytes + type name + body:
//
//   version         1 byte   = 1
//   type length     1 byte   1 ... 64
//   type            n bytes  a-z 0-9 . _ - (for example "text", "meeting.proposed")
//   id             16 bytes  random event id
//   body length     4 bytes  UInt32, at most 1 MiB
//   body            m bytes  per type, see PayloadEvent+Content.swift

import KlankbordProtocol

extension PayloadEvent {
    /// The layout above. An `.unsupported` content whose type is not a valid type name is written
    /// anyway and will not decode; check `isValidTypeName` when making one.
    public func serialized() -> [UInt8] {
        let body = content.body
        let type = Array(content.type.utf8)
        var writer = WireWriter(prefix: [Self.version], capacity: 22 + type.count + body.count)
        writer.u8(UInt8(truncatingIfNeeded: type.count))
        writer.fixed(type)
        writer.fixed(id.bytes)
        writer.data(body)
        return writer.bytes
    }

    /// Decodes the layout above. Unknown types decode as `.unsupported`; a known type with a bad
    /// body, or a bad type name, throws `malformed`.
    public init(serialized bytes: [UInt8]) throws(E2EError) {
        self = try E2EReader.decode(bytes, version: Self.version) { reader throws(E2EError) in
            let typeLength = Int(try reader.u8())
            let type = String(decoding: try reader.fixed(typeLength), as: UTF8.self)
            guard Self.isValidTypeName(type), type.utf8.count == typeLength else { throw .malformed }
            let id = try ID(try reader.fixed(ID.length))
            let body = try reader.data(limit: E2ELimits.maxMessageLength)
            return PayloadEvent(id: id, content: try Content(type: type, body: body))
        }
    }
}
