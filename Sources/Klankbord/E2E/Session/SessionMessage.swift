// Binary layout of `SessionMessage` (version 1): what travels in a device inbox.
//
//   version      1 byte   = 1
//   kind         1 byte   1 initial message, 2 ratchet message
//   body         n bytes  the InitialMessage or RatchetMessage layout without its version byte

import KlankbordProtocol

/// A 1:1 message as it travels: either one that can start a session or a plain ratchet message.
public enum SessionMessage: Hashable, Sendable {
    static let version: UInt8 = 1

    /// Carries X3DH data; sent until the responder answers.
    case initial(InitialMessage)
    /// A Double Ratchet message in an established session.
    case ratchet(RatchetMessage)

    /// The inner Double Ratchet message.
    public var ratchetMessage: RatchetMessage {
        switch self {
        case .initial(let initial): initial.message
        case .ratchet(let message): message
        }
    }

    /// The layout above.
    public func serialized() -> [UInt8] {
        var writer = WireWriter(prefix: [Self.version], capacity: 256 + ratchetMessage.ciphertext.count)
        switch self {
        case .initial(let initial):
            writer.u8(1)
            initial.encodeBody(into: &writer)
        case .ratchet(let message):
            writer.u8(2)
            message.encodeBody(into: &writer)
        }
        return writer.bytes
    }

    /// Decodes the layout above.
    public init(serialized bytes: [UInt8]) throws(E2EError) {
        self = try E2EReader.decode(bytes, version: Self.version) { reader throws(E2EError) in
            switch try reader.u8() {
            case 1: return .initial(try InitialMessage(body: &reader))
            case 2: return .ratchet(try RatchetMessage(body: &reader))
            default: throw .malformed
            }
        }
    }
}
