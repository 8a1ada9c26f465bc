// Binary layout of `SenderKeyChain` (version 1), 81 bytes:
//
//   version              1 byte   = 1
//   room id              8 bytes  UInt64
//   epoch                4 bytes  UInt32
//   index                4 bytes  UInt32, the index of the next message
//   chain key           32 bytes  secret, the chain key at index
//   signing seed        32 bytes  secret, Ed25519 seed of the chain's signing key

import KlankbordCrypto
import KlankbordProtocol

/// The sending side of one member's sender key chain in one room and epoch. Every epoch starts
/// from a fresh random chain key and signing key, unrelated to earlier epochs, so a member
/// removed before the epoch began can read nothing in it.
///
/// - Warning: Persist the chain after every `encrypt` before sending: an older state would reuse
///   a message key (and its nonce). Store it only in sealed storage.
public struct SenderKeyChain: Sendable {
    static let version: UInt8 = 1

    /// The room the chain belongs to.
    public let roomID: UInt64
    /// The room epoch.
    public let epoch: UInt32
    /// The index the next message will get.
    public private(set) var index: UInt32
    private var chainKey: SecretBytes
    private let signingKey: Ed25519.SigningKey

    /// A new chain with a random chain key and signing key, starting at index 0.
    public init(roomID: UInt64, epoch: UInt32) {
        self.init(roomID: roomID, epoch: epoch, index: 0, chainKey: SecretBytes(randomCount: KeyDerivation.chainKeyLength),
                  signingKey: Ed25519.SigningKey())
    }

    private init(roomID: UInt64, epoch: UInt32, index: UInt32, chainKey: SecretBytes, signingKey: Ed25519.SigningKey) {
        self.roomID = roomID
        self.epoch = epoch
        self.index = index
        self.chainKey = chainKey
        self.signingKey = signingKey
    }

    /// The distribution message for a member joining now: it opens messages from `index` on,
    /// never earlier ones.
    public var distribution: SenderKeyDistribution {
        SenderKeyDistribution(roomID: roomID, epoch: epoch, chainIndex: index, validChainKey: chainKey, signingKey: signingKey.verifyingKey)
    }

    /// Encrypts and signs one message, then advances the chain.
    public mutating func encrypt(_ plaintext: [UInt8]) throws(E2EError) -> SenderKeyMessage {
        guard plaintext.count <= E2ELimits.maxMessageLength else { throw .messageTooLarge }
        guard index < UInt32.max else { throw .chainExhausted }
        let (messageKey, nextChainKey) = KeyDerivation.chainStep(chainKey)
        let ciphertext = try KeyDerivation.seal(plaintext, messageKey: messageKey, info: KeyDerivation.senderKeyMessageInfo,
                                                associatedData: SenderKeyMessage.associatedData(roomID: roomID, epoch: epoch, index: index))
        let signature = signingKey.signature(for: SenderKeyMessage.signedBytes(roomID: roomID, epoch: epoch, index: index, ciphertext: ciphertext))
        let message = SenderKeyMessage(epoch: epoch, index: index, ciphertext: ciphertext, signature: signature)
        chainKey = nextChainKey
        index += 1
        return message
    }

    /// The 81-byte layout above.
    ///
    /// - Warning: Contains the chain key and signing seed in the clear.
    public func serialized() -> [UInt8] {
        var writer = WireWriter(prefix: [Self.version], capacity: 81)
        writer.u64(roomID)
        writer.u32(epoch)
        writer.u32(index)
        writer.secret(chainKey)
        writer.secret(signingKey.seed)
        return writer.bytes
    }

    /// Decodes the layout above.
    public init(serialized bytes: [UInt8]) throws(E2EError) {
        self = try E2EReader.decode(bytes, version: Self.version) { reader throws(E2EError) in
            SenderKeyChain(roomID: try reader.u64(), epoch: try reader.u32(), index: try reader.u32(),
                           chainKey: try reader.secret(KeyDerivation.chainKeyLength), signingKey: try reader.ed25519SigningKey())
        }
    }
}
