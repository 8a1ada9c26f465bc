// Binary layout of `IdentityKeys` (version 1), 65 bytes:
//
//   version             1 byte   = 1
//   signing seed       32 bytes  Ed25519 seed of the identity signing key
//   agreement secret   32 bytes  X25519 private key of the identity DH key
//
// The signature over the agreement key is deterministic (Ed25519), so it is recomputed on load.

import KlankbordCrypto
import KlankbordProtocol

/// One account's long-term identity: an Ed25519 key that signs, and an X25519 key for X3DH whose
/// public half is signed by the Ed25519 key.
///
/// - Warning: This holds the account's most valuable secrets. `serialized()` returns them in the
///   clear: store that only in sealed storage, and never send it anywhere.
public struct IdentityKeys: Sendable {
    static let version: UInt8 = 1
    static let agreementKeyDomain = Array("klankbord/identity-agreement-key/1".utf8)

    /// The Ed25519 key that signs the agreement key, signed prekeys and sender key messages' chains.
    public let signingKey: Ed25519.SigningKey
    /// The X25519 identity key used in X3DH.
    public let agreementKey: X25519.PrivateKey
    /// The public half, ready to publish.
    public let publicBundle: PublicBundle

    /// A new random identity.
    public init() {
        self.init(signingKey: Ed25519.SigningKey(), agreementKey: X25519.PrivateKey())
    }

    /// An identity from existing keys; signs the agreement key.
    public init(signingKey: Ed25519.SigningKey, agreementKey: X25519.PrivateKey) {
        self.signingKey = signingKey
        self.agreementKey = agreementKey
        let signature = signingKey.signature(for: Self.agreementKeyMessage(agreementKey.publicKey))
        self.publicBundle = PublicBundle(validSigningKey: signingKey.verifyingKey, agreementKey: agreementKey.publicKey, signature: signature)
    }

    /// What the identity signing key signs to vouch for the agreement key.
    static func agreementKeyMessage(_ key: X25519.PublicKey) -> [UInt8] {
        agreementKeyDomain + key.bytes
    }

    /// The 65-byte layout above.
    ///
    /// - Warning: Contains both private keys in the clear.
    public func serialized() -> [UInt8] {
        var writer = WireWriter(prefix: [Self.version], capacity: 65)
        writer.secret(signingKey.seed)
        writer.secret(agreementKey.secret)
        return writer.bytes
    }

    /// Decodes the layout above; throws `malformed` or `unsupportedVersion` for anything else.
    public init(serialized bytes: [UInt8]) throws(E2EError) {
        let (signingKey, agreementKey) = try E2EReader.decode(bytes, version: Self.version) { reader throws(E2EError) in
            (try reader.ed25519SigningKey(), try reader.x25519PrivateKey())
        }
        self.init(signingKey: signingKey, agreementKey: agreementKey)
    }
}
