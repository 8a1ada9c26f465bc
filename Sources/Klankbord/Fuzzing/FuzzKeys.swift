import KlankbordCrypto
import KlankbordE2E
import KlankbordProtocol

/// Fixed keys for the fuzz targets, so that corpus inputs made once against them (a client's
/// handshake message, an initial message to the recipient) stay valid on every run.
///
/// - Warning: For fuzzing only: these keys are public knowledge.
enum FuzzKeys {
    /// The server's static key in `FuzzHandshake`.
    static let server = x25519(filledWith: 0x5e)
    /// The client's static key when a fuzz target completes a handshake itself.
    static let client = x25519(filledWith: 0xc1)
    /// The client's ephemeral key, fixed so that its first handshake message is always the same.
    static let clientEphemeral = x25519(filledWith: 0xce)
    /// The device that receives 1:1 messages in `FuzzE2E`.
    static let recipient = Recipient()

    /// A recipient's identity with one signed prekey (id 7) and one one-time prekey (id 100).
    struct Recipient: Sendable {
        let identity: IdentityKeys
        let signedPrekey: SignedPrekey
        let oneTimePrekey: OneTimePrekey

        init() {
            guard let seed = try? Ed25519.SigningKey(seed: SecretBytes(copying: [UInt8](repeating: 0x1d, count: Ed25519.seedLength))) else {
                preconditionFailure("a 32-byte seed is a valid Ed25519 seed")
            }
            identity = IdentityKeys(signingKey: seed, agreementKey: FuzzKeys.x25519(filledWith: 0x2e))
            let prekey = FuzzKeys.x25519(filledWith: 0x3f)
            let createdAt: UInt64 = 1_700_000_000
            var signed = WireWriter(prefix: [SignedPrekey.version], capacity: 109)
            signed.u32(7)
            signed.u64(createdAt)
            signed.secret(prekey.secret)
            signed.fixed(identity.signingKey.signature(for: SignedPrekey.signedMessage(id: 7, createdAt: createdAt, publicKey: prekey.publicKey)))
            var oneTime = WireWriter(prefix: [OneTimePrekey.version], capacity: 37)
            oneTime.u32(100)
            oneTime.secret(FuzzKeys.x25519(filledWith: 0x4a).secret)
            guard let signedPrekey = try? SignedPrekey(serialized: signed.bytes),
                  let oneTimePrekey = try? OneTimePrekey(serialized: oneTime.bytes) else {
                preconditionFailure("the fixed prekeys follow their layouts")
            }
            self.signedPrekey = signedPrekey
            self.oneTimePrekey = oneTimePrekey
        }

        /// The prekey bundle a sender would fetch for this recipient.
        var bundle: PrekeyBundle {
            PrekeyBundle(identity: identity.publicBundle, signedPrekey: signedPrekey.publicPart, oneTimePrekey: oneTimePrekey.publicPart)
        }

        func signedPrekey(_ id: UInt32) -> SignedPrekey? { id == signedPrekey.id ? signedPrekey : nil }
        func oneTimePrekey(_ id: UInt32) -> OneTimePrekey? { id == oneTimePrekey.id ? oneTimePrekey : nil }
    }

    private static func x25519(filledWith byte: UInt8) -> X25519.PrivateKey {
        guard let key = try? X25519.PrivateKey(secret: SecretBytes(copying: [UInt8](repeating: byte, count: X25519.keyLength))) else {
            preconditionFailure("32 bytes make a valid X25519 private key")
        }
        return key
    }
}
