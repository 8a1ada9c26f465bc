// Binary layout of `RatchetMessage` (version 1), 45 bytes + ciphertext:
//
//   version                1 byte   = 1
//   ratchet key           32 bytes  the sender's current X25519 ratchet public key
//   previous chain length  4 bytes  UInt32 PN: messages sent on the sender's previous chain
//   message number         4 bytes  UInt32 N: this message's number on the current chain
//   ciphertext length      4 bytes  UInt32, 16 ... 1 MiB + 16
//   ciphertext             n bytes  XChaCha20-Poly1305 ciphertext || 16-byte tag
//
// The first 41 bytes (version through message number) are the encoded header: the AEAD's
// associated data is the session's X3DH associated data followed by them. Embedded in an
// initial message without the version byte ("ratchet message body"); the header bytes used as
// associated data still start with the version byte.

import KlankbordCrypto
import KlankbordProtocol

/// One Double Ratchet message: a cleartext header and the AEAD ciphertext of the content.
public struct RatchetMessage: Hashable, Sendable {
    static let version: UInt8 = 1
    static let headerLength = 41

    /// The Double Ratchet header: the sender's ratchet key, PN and N.
    public struct Header: Hashable, Sendable {
        /// The sender's current ratchet public key.
        public let ratchetKey: X25519.PublicKey
        /// How many messages the sender sent on its previous sending chain (PN).
        public let previousChainLength: UInt32
        /// This message's number on the sender's current chain (N).
        public let messageNumber: UInt32

        /// A header from its fields.
        public init(ratchetKey: X25519.PublicKey, previousChainLength: UInt32, messageNumber: UInt32) {
            self.ratchetKey = ratchetKey
            self.previousChainLength = previousChainLength
            self.messageNumber = messageNumber
        }

        /// The 41-byte encoding authenticated as associated data.
        var encoded: [UInt8] {
            var writer = WireWriter(prefix: [RatchetMessage.version], capacity: RatchetMessage.headerLength)
            writer.fixed(ratchetKey.bytes)
            writer.u32(previousChainLength)
            writer.u32(messageNumber)
            return writer.bytes
        }
    }

    /// The cleartext header.
    public let header: Header
    /// The ciphertext followed by its 16-byte tag.
    public let ciphertext: [UInt8]

    /// A message from its parts.
    public init(header: Header, ciphertext: [UInt8]) {
        self.header = header
        self.ciphertext = ciphertext
    }

    /// The layout above.
    public func serialized() -> [UInt8] {
        var writer = WireWriter(prefix: [Self.version], capacity: Self.headerLength + 4 + ciphertext.count)
        encodeBody(into: &writer)
        return writer.bytes
    }

    /// Decodes the layout above.
    public init(serialized bytes: [UInt8]) throws(E2EError) {
        self = try E2EReader.decode(bytes, version: Self.version) { reader throws(E2EError) in
            try RatchetMessage(body: &reader)
        }
    }

    func encodeBody(into writer: inout WireWriter) {
        writer.fixed(header.ratchetKey.bytes)
        writer.u32(header.previousChainLength)
        writer.u32(header.messageNumber)
        writer.data(ciphertext)
    }

    init(body reader: inout E2EReader) throws(E2EError) {
        let header = Header(ratchetKey: try reader.x25519PublicKey(),
                            previousChainLength: try reader.u32(), messageNumber: try reader.u32())
        let ciphertext = try reader.data(limit: E2ELimits.maxMessageLength + AEAD.tagLength)
        guard ciphertext.count >= AEAD.tagLength else { throw .malformed }
        self.init(header: header, ciphertext: ciphertext)
    }
}
