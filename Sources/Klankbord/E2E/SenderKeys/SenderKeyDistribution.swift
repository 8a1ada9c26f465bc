// Binary layout of `SenderKeyDistribution` (version 1), 81 bytes:
//
//   version              1 byte   = 1
//   room id              8 bytes  UInt64
//   epoch                4 bytes  UInt32
//   chain index          4 bytes  UInt32, the index of the next message the chain key opens
//   chain key           32 bytes  secret
//   signing key         32 bytes  Ed25519 public key of the chain

import KlankbordCrypto
import KlankbordProtocol

/// What a sender gives each room member (over their 1:1 sessions) so they can read the sender's
/// messages in one epoch from `chainIndex` on.
///
/// - Warning: Holds the chain key: send it only inside a 1:1 Double Ratchet message to a current
///   member, and store it only in sealed storage.
public struct SenderKeyDistribution: Sendable {
    static let version: UInt8 = 1

    /// The room the chain belongs to.
    public let roomID: UInt64
    /// The room epoch; a new epoch gets an unrelated chain.
    public let epoch: UInt32
    /// The index of the first message this chain key can open.
    public let chainIndex: UInt32
    /// The chain key at `chainIndex`.
    public let chainKey: SecretBytes
    /// The key that signs every message of the chain.
    public let signingKey: Ed25519.VerifyingKey

    /// A distribution from its parts (`invalidKey` unless the chain key has 32 bytes).
    public init(roomID: UInt64, epoch: UInt32, chainIndex: UInt32, chainKey: SecretBytes, signingKey: Ed25519.VerifyingKey) throws(E2EError) {
        guard chainKey.count == KeyDerivation.chainKeyLength else { throw .invalidKey }
        self.init(roomID: roomID, epoch: epoch, chainIndex: chainIndex, validChainKey: chainKey, signingKey: signingKey)
    }

    init(roomID: UInt64, epoch: UInt32, chainIndex: UInt32, validChainKey chainKey: SecretBytes, signingKey: Ed25519.VerifyingKey) {
        self.roomID = roomID
        self.epoch = epoch
        self.chainIndex = chainIndex
        self.chainKey = chainKey
        self.signingKey = signingKey
    }

    /// The 81-byte layout above.
    ///
    /// - Warning: Contains the chain key in the clear.
    public func serialized() -> [UInt8] {
        var writer = WireWriter(prefix: [Self.version], capacity: 81)
        writer.u64(roomID)
        writer.u32(epoch)
        writer.u32(chainIndex)
        writer.secret(chainKey)
        writer.fixed(signingKey.bytes)
        return writer.bytes
    }

    /// Decodes the layout above.
    public init(serialized bytes: [UInt8]) throws(E2EError) {
        self = try E2EReader.decode(bytes, version: Self.version) { reader throws(E2EError) in
            try SenderKeyDistribution(roomID: try reader.u64(), epoch: try reader.u32(), chainIndex: try reader.u32(),
                                      chainKey: try reader.secret(KeyDerivation.chainKeyLength), signingKey: try reader.ed25519VerifyingKey())
        }
    }
}
