/// One message inside one Noise transport message: a 6-byte header (kind, type, request id) and a body.
///
/// Pushes have a 2-byte header (kind, type): they answer no request.
public enum WireMessage: Sendable, Equatable {
    case request(id: UInt32, Request)
    case response(id: UInt32, Response, type: MessageType)
    case error(id: UInt32, ErrorCode, type: MessageType)
    case push(Push)

    /// The first byte of every message.
    public enum Kind: UInt8, Sendable {
        case request = 1, response = 2, error = 3, push = 4
    }

    /// The protocol version a client states in its first handshake payload and the server echoes.
    public static let version: UInt8 = 1

    /// The bytes of this message.
    public func encoded() -> [UInt8] {
        var w = WireWriter(capacity: 64)
        switch self {
        case let .request(id, request):
            w.u8(Kind.request.rawValue)
            w.u8(request.type.rawValue)
            w.u32(id)
            request.encodeBody(into: &w)
        case let .response(id, response, type):
            w.u8(Kind.response.rawValue)
            w.u8(type.rawValue)
            w.u32(id)
            response.encodeBody(into: &w)
        case let .error(id, code, type):
            w.u8(Kind.error.rawValue)
            w.u8(type.rawValue)
            w.u32(id)
            w.string(code.rawValue)
        case let .push(push):
            w.u8(Kind.push.rawValue)
            w.u8(push.type.rawValue)
            push.encodeBody(into: &w)
        }
        return w.bytes
    }

    /// Decodes a message; payload fields longer than `payloadLimit` are refused.
    /// An error code this version does not know decodes as `.unavailable`, so old clients still show something.
    public static func decode(_ bytes: [UInt8], payloadLimit: Int = 65535) throws(WireError) -> WireMessage {
        var r = WireReader(bytes)
        let kindByte = try r.u8()
        guard let kind = Kind(rawValue: kindByte) else { throw .unknownKind(kindByte) }
        let typeByte = try r.u8()
        guard let type = MessageType(rawValue: typeByte) else { throw .unknownType(typeByte) }
        let message: WireMessage
        switch kind {
        case .request: message = .request(id: try r.u32(), try Request.decodeBody(type, from: &r, payloadLimit: payloadLimit))
        case .response: message = .response(id: try r.u32(), try Response.decodeBody(type, from: &r), type: type)
        case .error: message = .error(id: try r.u32(), ErrorCode(rawValue: try r.string()) ?? .unavailable, type: type)
        case .push: message = .push(try Push.decodeBody(type, from: &r))
        }
        try r.finish()
        return message
    }
}
