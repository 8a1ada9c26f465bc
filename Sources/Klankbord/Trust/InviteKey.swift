import KlankbordCrypto
import KlankbordE2E
import KlankbordProtocol

/// The Ed25519 key pair derived from an invite secret (docs/TRUST.md, "Keys derived from the invite secret").
///
/// Whoever holds the secret (the invite code) can sign with it, which is how a joiner proves, in a `join`
/// entry, that they were given the code, while the facilitator who made it is offline.
public struct InviteKey: Sendable {
    static let signingKeyDomain = Array("klankbord/invite-signing-key/1".utf8)
    static let welcomeKeyDomain = Array("klankbord/invite-welcome-key/1".utf8)
    static let proofDomain = Array("klankbord/log-join-proof/1".utf8)
    static let redeemTokenDomain = Array("klankbord/invite-redeem-token/1".utf8)

    /// The key pair; whoever holds the invite code can sign with it.
    public let signingKey: Ed25519.SigningKey
    /// The public key an `invite` entry names.
    public var publicKey: Ed25519.VerifyingKey { signingKey.verifyingKey }

    /// The key pair of the 32-byte invite `secret`.
    public init(secret: [UInt8]) throws(CryptoError) {
        try requireLength(secret, Request.secretLength)
        let seed = Self.derive(Self.signingKeyDomain, from: secret)
        signingKey = try Ed25519.SigningKey(seed: seed)
    }

    /// The key that seals the room log key into the invite's welcome blob.
    public static func welcomeKey(secret: [UInt8]) throws(CryptoError) -> SecretBytes {
        try requireLength(secret, Request.secretLength)
        return derive(welcomeKeyDomain, from: secret)
    }

    /// What `redeem` sends for an invite whose maker chose the secret: the server stores only its hash, and
    /// neither it nor the server can give back the secret, the invite key or the welcome key.
    public static func redeemToken(secret: [UInt8]) throws(CryptoError) -> [UInt8] {
        try requireLength(secret, Request.secretLength)
        return BLAKE2b.hash(redeemTokenDomain, length: 32, key: secret)
    }

    /// Keyed BLAKE2b-256 with the secret as key: libsodium's `crypto_kdf` construction, named by a domain string.
    private static func derive(_ domain: [UInt8], from secret: [UInt8]) -> SecretBytes {
        var output = BLAKE2b.hash(domain, length: 32, key: secret)
        defer { wipe(&output) }
        return SecretBytes(copying: output)
    }

    /// The join proof for `account` joining log `scope` with `identity` and `handle`.
    public func proof(scope: UInt64, account: UInt64, identity: IdentityKeys.PublicBundle, handle: String) -> [UInt8] {
        signingKey.signature(for: Self.proofMessage(scope: scope, account: account, identity: identity, handle: handle))
    }

    /// Whether `join` carries a valid proof by its invite key for `account` in log `scope`.
    public static func verifyProof(_ join: LogJoin, scope: UInt64, account: UInt64) -> Bool {
        let message = proofMessage(scope: scope, account: account, identity: join.identity, handle: join.handle)
        do {
            try join.inviteKey.verify(join.proof, for: message)
            return true
        } catch {
            return false
        }
    }

    /// "klankbord/log-join-proof/1" || scope u64 || account u64 || bundle (129) || handle (u16 length + UTF-8).
    static func proofMessage(scope: UInt64, account: UInt64, identity: IdentityKeys.PublicBundle, handle: String) -> [UInt8] {
        var w = WireWriter(capacity: 200)
        w.fixed(proofDomain)
        w.u64(scope)
        w.u64(account)
        w.fixed(identity.serialized())
        w.string(handle)
        return w.bytes
    }
}
