// Binary layout of `SenderKeyMessage` (version 1), 77 bytes + ciphertext:
//
//   version              1 byte   = 1
//   epoch                4 bytes  UInt32
//   chain index          4 bytes  UInt32
//   ciphertext length    4 bytes  UInt32, 16 ... 1 MiB + 16
//   ciphertext           n bytes  XChaCha20-Poly1305 ciphertext || 16-byte tag
//   signature           64 bytes  Ed25519 by the chain's signing key over
//                                 "klankbord/sender-key-signature/1" || room id (8, UInt64) || all bytes above
//
// The AEAD key and nonce come from the chain's message key (see KeyDerivation.swift, info
// "klankbord/sender-key-message/1"); its associated data is room id (8) || version || epoch || index.
// The room id is not sent: the receiver knows it, and a message moved to another room fails.

import KlankbordCrypto
import KlankbordProtocol

/// One room message encrypted with a sender key chain and signed by the chain's signing key.
public struct SenderKeyMessage: Hashable, Sendable {
    static let version: UInt8 = 1
    static let signatureDomain = Array("klankbord/sender-key-signature/1".utf8)

    /// The room epoch whose chain encrypted it.
    public let epoch: UInt32
    /// The position in the sender's chain.
    public let index: UInt32
    /// The ciphertext followed by its 16-byte tag.
    public let ciphertext: [UInt8]
    /// Ed25519 signature by the sender's chain signing key.
    public let signature: [UInt8]

    /// A message from its parts (nothing is checked: see `SenderKeyReceiver.decrypt`).
    public init(epoch: UInt32, index: UInt32, ciphertext: [UInt8], signature: [UInt8]) {
        self.epoch = epoch
        self.index = index
        self.ciphertext = ciphertext
        self.signature = signature
    }

    /// The bytes before the signature in the layout above.
    private var unsignedBytes: [UInt8] {
        Self.unsignedBytes(epoch: epoch, index: index, ciphertext: ciphertext)
    }

    private static func unsignedBytes(epoch: UInt32, index: UInt32, ciphertext: [UInt8]) -> [UInt8] {
        var writer = WireWriter(prefix: [version], capacity: 12 + ciphertext.count + Ed25519.signatureLength)
        writer.u32(epoch)
        writer.u32(index)
        writer.data(ciphertext)
        return writer.bytes
    }

    /// What the signature covers: domain || room id || the bytes before the signature.
    static func signedBytes(roomID: UInt64, epoch: UInt32, index: UInt32, ciphertext: [UInt8]) -> [UInt8] {
        var writer = WireWriter(prefix: signatureDomain, capacity: 8)
        writer.u64(roomID)
        return writer.bytes + unsignedBytes(epoch: epoch, index: index, ciphertext: ciphertext)
    }

    /// The AEAD associated data: room id || version || epoch || index.
    static func associatedData(roomID: UInt64, epoch: UInt32, index: UInt32) -> [UInt8] {
        var writer = WireWriter(prefix: [], capacity: 17)
        writer.u64(roomID)
        writer.u8(version)
        writer.u32(epoch)
        writer.u32(index)
        return writer.bytes
    }

    /// Throws `invalidSignature` unless `signingKey` signed this message for `roomID`.
    func verify(roomID: UInt64, signingKey: Ed25519.VerifyingKey) throws(E2EError) {
        do {
            try signingKey.verify(signature, for: Self.signedBytes(roomID: roomID, epoch: epoch, index: index, ciphertext: ciphertext))
        } catch {
            throw .invalidSignature
        }
    }

    /// Opens a reported message with the key the reporter revealed, after checking that the sender's chain signing
    /// key (as this device holds it) signed it: a report cannot quote words the sender never sent.
    public func openReported(roomID: UInt64, signingKey: Ed25519.VerifyingKey, messageKey: SecretBytes) throws(E2EError) -> [UInt8] {
        try verify(roomID: roomID, signingKey: signingKey)
        return try KeyDerivation.open(ciphertext, messageKey: messageKey, info: KeyDerivation.senderKeyMessageInfo,
                                      associatedData: Self.associatedData(roomID: roomID, epoch: epoch, index: index))
    }

    /// The layout above.
    public func serialized() -> [UInt8] {
        unsignedBytes + signature
    }

    /// Decodes the layout above (the signature is checked on decryption).
    public init(serialized bytes: [UInt8]) throws(E2EError) {
        self = try E2EReader.decode(bytes, version: Self.version) { reader throws(E2EError) in
            let epoch = try reader.u32()
            let index = try reader.u32()
            let ciphertext = try reader.data(limit: E2ELimits.maxMessageLength + AEAD.tagLength)
            guard ciphertext.count >= AEAD.tagLength else { throw .malformed }
            return SenderKeyMessage(epoch: epoch, index: index, ciphertext: ciphertext, signature: try reader.fixed(Ed25519.signatureLength))
        }
    }
}
