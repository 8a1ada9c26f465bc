// Binary layout of `InitialMessage` (version 1), 166 or 170 bytes + ratchet message body:
//
//   version                      1 byte   = 1
//   initiator identity body    128 bytes  see IdentityKeys+PublicBundle.swift (verified on decode)
//   base key                    32 bytes  the initiator's ephemeral X25519 public key EKa
//   signed prekey id             4 bytes  UInt32
//   has one-time prekey id       1 byte   0 or 1, then 4 bytes UInt32 id if 1
//   ratchet message body     44+n bytes   RatchetMessage without its version byte:
//                                         ratchet key 32 || PN 4 || N 4 || length 4 || ciphertext

import KlankbordCrypto
import KlankbordProtocol

/// The message that starts a session (X3DH's initial message): who is writing, the ephemeral
/// key and prekeys used, and the first Double Ratchet message. The initiator keeps sending its
/// messages in this form until the responder answers, so any of them can start the session.
public struct InitialMessage: Hashable, Sendable {
    static let version: UInt8 = 1

    /// The initiator's identity (its signature verified).
    public let identity: IdentityKeys.PublicBundle
    /// The initiator's ephemeral key EKa, which also names the session.
    public let baseKey: X25519.PublicKey
    /// Which of the responder's signed prekeys was used.
    public let signedPrekeyID: UInt32
    /// Which of the responder's one-time prekeys was used, if any.
    public let oneTimePrekeyID: UInt32?
    /// The Double Ratchet message carrying the content.
    public let message: RatchetMessage

    /// An initial message from its parts.
    public init(identity: IdentityKeys.PublicBundle, baseKey: X25519.PublicKey, signedPrekeyID: UInt32,
                oneTimePrekeyID: UInt32?, message: RatchetMessage) {
        self.identity = identity
        self.baseKey = baseKey
        self.signedPrekeyID = signedPrekeyID
        self.oneTimePrekeyID = oneTimePrekeyID
        self.message = message
    }

    /// The layout above.
    public func serialized() -> [UInt8] {
        var writer = WireWriter(prefix: [Self.version], capacity: 220 + message.ciphertext.count)
        encodeBody(into: &writer)
        return writer.bytes
    }

    /// Decodes the layout above.
    public init(serialized bytes: [UInt8]) throws(E2EError) {
        self = try E2EReader.decode(bytes, version: Self.version) { reader throws(E2EError) in
            try InitialMessage(body: &reader)
        }
    }

    func encodeBody(into writer: inout WireWriter) {
        identity.encodeBody(into: &writer)
        writer.fixed(baseKey.bytes)
        writer.u32(signedPrekeyID)
        writer.bool(oneTimePrekeyID != nil)
        if let oneTimePrekeyID { writer.u32(oneTimePrekeyID) }
        message.encodeBody(into: &writer)
    }

    init(body reader: inout E2EReader) throws(E2EError) {
        let identity = try IdentityKeys.PublicBundle(body: &reader)
        let baseKey = try reader.x25519PublicKey()
        let signedPrekeyID = try reader.u32()
        let oneTimePrekeyID = try reader.bool() ? try reader.u32() : nil
        self.init(identity: identity, baseKey: baseKey, signedPrekeyID: signedPrekeyID, oneTimePrekeyID: oneTimePrekeyID,
                  message: try RatchetMessage(body: &reader))
    }
}
