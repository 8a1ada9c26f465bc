import KlankbordCrypto
import KlankbordProtocol

/// The X3DH key agreement (Signal's X3DH specification) with X25519, HKDF-SHA256 and
/// XChaCha20-Poly1305, starting a Double Ratchet session.
///
///     DH1 = DH(IKa, SPKb)  DH2 = DH(EKa, IKb)  DH3 = DH(EKa, SPKb)  DH4 = DH(EKa, OPKb) if used
///     SK  = HKDF-SHA256(ikm = 32 × 0xFF || DH1 || DH2 || DH3 [|| DH4], salt = 32 × 0x00,
///                       info = "klankbord/x3dh/1", 32 bytes)
///     AD  = Encode(IKa) || Encode(IKb), Encode(IK) = X25519 public key || Ed25519 public key
///
/// SK becomes the Double Ratchet's first root key and the signed prekey its first ratchet key.
///
/// - Warning: X3DH authenticates the peer's *keys*, not the person: compare safety numbers to
///   know who holds them. An initial message without a one-time prekey can be replayed to the
///   responder while its signed prekey lives; `SessionRecord` answers such a replay with
///   `duplicateMessage` while it still holds the session.
public enum X3DH {
    static let info = Array("klankbord/x3dh/1".utf8)

    /// What the responder gets from an initial message.
    public struct Response: Sendable {
        /// The new session, already past the first message.
        public let session: RatchetSession
        /// The first message's content.
        public let plaintext: [UInt8]
        /// The one-time prekey that was used: delete it now.
        public let usedOneTimePrekeyID: UInt32?
    }

    /// Starts a session with the owner of `bundle`. Verifies the signed prekey's signature first
    /// (`invalidSignature` if it does not verify). The session's `seal` produces initial messages
    /// until the responder answers.
    public static func initiate(identity: IdentityKeys, bundle: PrekeyBundle) throws(E2EError) -> RatchetSession {
        try initiate(identity: identity, bundle: bundle, ephemeral: X25519.PrivateKey(), ratchetKey: X25519.PrivateKey())
    }

    /// `initiate` with the ephemeral key EKa and the first ratchet key given: random in
    /// production, fixed only by the test vectors (docs/vectors).
    static func initiate(identity: IdentityKeys, bundle: PrekeyBundle, ephemeral: X25519.PrivateKey,
                         ratchetKey: X25519.PrivateKey) throws(E2EError) -> RatchetSession {
        try bundle.verify()
        let sharedSecret = try initiatorSecret(identity: identity, bundle: bundle, ephemeral: ephemeral)
        return try RatchetSession(
            initiatorWith: sharedSecret, remoteSignedPrekey: bundle.signedPrekey.publicKey,
            localIdentity: identity.publicBundle, remoteIdentity: bundle.identity, baseKey: ephemeral.publicKey,
            pendingPrekey: .init(signedPrekeyID: bundle.signedPrekey.id, oneTimePrekeyID: bundle.oneTimePrekey?.id),
            ratchetKey: ratchetKey)
    }

    /// Accepts an initial message with the prekeys it names (`unknownPrekey` if the ids differ)
    /// and decrypts its first message (`decryptionFailed` if that fails; keep the one-time
    /// prekey then, since nothing was accepted).
    public static func respond(to message: InitialMessage, identity: IdentityKeys, signedPrekey: SignedPrekey,
                               oneTimePrekey: OneTimePrekey?) throws(E2EError) -> Response {
        guard message.signedPrekeyID == signedPrekey.id else { throw .unknownPrekey(message.signedPrekeyID) }
        if let wanted = message.oneTimePrekeyID, oneTimePrekey?.id != wanted { throw .unknownPrekey(wanted) }
        let usedOneTimePrekey = message.oneTimePrekeyID == nil ? nil : oneTimePrekey
        let sharedSecret = try responderSecret(identity: identity, signedPrekey: signedPrekey, oneTimePrekey: usedOneTimePrekey,
                                               initiator: message.identity, baseKey: message.baseKey)
        var session = RatchetSession(
            responderWith: sharedSecret, signedPrekey: signedPrekey.keyPair,
            localIdentity: identity.publicBundle, remoteIdentity: message.identity, baseKey: message.baseKey)
        let plaintext = try session.decrypt(message.message)
        return Response(session: session, plaintext: plaintext, usedOneTimePrekeyID: usedOneTimePrekey?.id)
    }

    /// The initiator's SK: DH1 = DH(IKa, SPKb), DH2 = DH(EKa, IKb), DH3 = DH(EKa, SPKb), DH4 = DH(EKa, OPKb).
    static func initiatorSecret(identity: IdentityKeys, bundle: PrekeyBundle, ephemeral: X25519.PrivateKey) throws(E2EError) -> SecretBytes {
        try deriveSharedSecret([
            (identity.agreementKey, bundle.signedPrekey.publicKey),
            (ephemeral, bundle.identity.agreementKey),
            (ephemeral, bundle.signedPrekey.publicKey),
        ] + (bundle.oneTimePrekey.map { [(ephemeral, $0.publicKey)] } ?? []))
    }

    /// The responder's SK: the same four DH values from the other ends.
    static func responderSecret(identity: IdentityKeys, signedPrekey: SignedPrekey, oneTimePrekey: OneTimePrekey?,
                                initiator: IdentityKeys.PublicBundle, baseKey: X25519.PublicKey) throws(E2EError) -> SecretBytes {
        try deriveSharedSecret([
            (signedPrekey.keyPair, initiator.agreementKey),
            (identity.agreementKey, baseKey),
            (signedPrekey.keyPair, baseKey),
        ] + (oneTimePrekey.map { [($0.keyPair, baseKey)] } ?? []))
    }

    /// SK = HKDF-SHA256(F || DH1 || ... , salt = 32 zero bytes, info, 32) for the given DH pairs.
    static func deriveSharedSecret(_ pairs: [(X25519.PrivateKey, X25519.PublicKey)]) throws(E2EError) -> SecretBytes {
        var material = SecretBytes(copying: [UInt8](repeating: 0xFF, count: 32))
        for (privateKey, publicKey) in pairs {
            material = material.appending(try crypto { () throws(CryptoError) in try privateKey.sharedSecret(with: publicKey) })
        }
        return try crypto { () throws(CryptoError) in
            try HKDF.sha256(inputKeyMaterial: material, secretSalt: KeyDerivation.zeroSalt, info: info, length: 32)
        }
    }
}
