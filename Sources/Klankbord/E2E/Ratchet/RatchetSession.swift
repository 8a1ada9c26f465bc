import KlankbordCrypto
import KlankbordProtocol

/// One side of a 1:1 Double Ratchet session (Signal's Double Ratchet specification), made by
/// `X3DH.initiate` or `X3DH.respond`. A value type: decryption works on a copy and commits only
/// on success, so a failed message never changes the session.
///
/// KDF_RK is HKDF-SHA256 (salt = root key, input = DH output, info "klankbord/ratchet/1", 64
/// bytes); KDF_CK is HMAC-SHA256 (message key with 0x01, next chain key with 0x02); each message
/// key is expanded by HKDF into an XChaCha20-Poly1305 key and nonce (see `KeyDerivation`).
///
/// - Warning: The state holds the root, chain and skipped message keys. Persist `serialized()`
///   only in sealed storage, and persist it after every `encrypt` and successful `decrypt`:
///   reusing an older state after encrypting reuses message keys and nonces.
public struct RatchetSession: Sendable {
    static let version: UInt8 = 1
    /// Earlier remote ratchet keys remembered so that a replay on an old chain reads as a duplicate.
    static let maxPreviousReceivingKeys = 16

    /// Which side of X3DH this session was made on.
    public enum Role: UInt8, Sendable {
        /// Started the session with X3DH.initiate (Alice).
        case initiator = 1
        /// Accepted an initial message with X3DH.respond (Bob).
        case responder = 2
    }

    /// The prekeys an initiator used; repeated in every message until the responder answers.
    public struct PendingPrekey: Hashable, Sendable {
        /// The responder's signed prekey id.
        public let signedPrekeyID: UInt32
        /// The responder's one-time prekey id, if one was used.
        public let oneTimePrekeyID: UInt32?
    }

    /// Which side of X3DH this session was made on.
    public let role: Role
    /// This account's identity.
    public let localIdentity: IdentityKeys.PublicBundle
    /// The peer's identity, as authenticated by X3DH.
    public let remoteIdentity: IdentityKeys.PublicBundle
    /// The initiator's ephemeral X3DH key, which names the session in initial messages.
    public let baseKey: X25519.PublicKey
    /// Set on the initiator until the first message from the responder decrypts.
    public internal(set) var pendingPrekey: PendingPrekey?

    var rootKey: SecretBytes
    var sendingRatchetKey: X25519.PrivateKey
    var receivingRatchetKey: X25519.PublicKey?
    var sendingChainKey: SecretBytes?
    var receivingChainKey: SecretBytes?
    var sendCount: UInt32 = 0
    var receiveCount: UInt32 = 0
    var previousSendCount: UInt32 = 0
    var previousReceivingKeys: [X25519.PublicKey] = []
    var skipped = SkippedKeyStore<SkippedRatchetKeyID>()

    /// RatchetInitAlice: the responder's signed prekey is its first ratchet key. `ratchetKey` is
    /// random except in the test vectors.
    init(initiatorWith sharedSecret: SecretBytes, remoteSignedPrekey: X25519.PublicKey, localIdentity: IdentityKeys.PublicBundle,
         remoteIdentity: IdentityKeys.PublicBundle, baseKey: X25519.PublicKey, pendingPrekey: PendingPrekey,
         ratchetKey: X25519.PrivateKey = X25519.PrivateKey()) throws(E2EError) {
        let dhOutput = try crypto { () throws(CryptoError) in try ratchetKey.sharedSecret(with: remoteSignedPrekey) }
        let (rootKey, chainKey) = try KeyDerivation.rootStep(rootKey: sharedSecret, dhOutput: dhOutput)
        self.init(role: .initiator, localIdentity: localIdentity, remoteIdentity: remoteIdentity, baseKey: baseKey,
                  rootKey: rootKey, sendingRatchetKey: ratchetKey)
        self.receivingRatchetKey = remoteSignedPrekey
        self.sendingChainKey = chainKey
        self.pendingPrekey = pendingPrekey
    }

    /// RatchetInitBob: the signed prekey pair is the first sending ratchet key; no chains yet.
    init(responderWith sharedSecret: SecretBytes, signedPrekey: X25519.PrivateKey, localIdentity: IdentityKeys.PublicBundle,
         remoteIdentity: IdentityKeys.PublicBundle, baseKey: X25519.PublicKey) {
        self.init(role: .responder, localIdentity: localIdentity, remoteIdentity: remoteIdentity, baseKey: baseKey,
                  rootKey: sharedSecret, sendingRatchetKey: signedPrekey)
    }

    init(role: Role, localIdentity: IdentityKeys.PublicBundle, remoteIdentity: IdentityKeys.PublicBundle, baseKey: X25519.PublicKey,
         rootKey: SecretBytes, sendingRatchetKey: X25519.PrivateKey) {
        self.role = role
        self.localIdentity = localIdentity
        self.remoteIdentity = remoteIdentity
        self.baseKey = baseKey
        self.rootKey = rootKey
        self.sendingRatchetKey = sendingRatchetKey
    }

    /// X3DH's AD: Encode(IK initiator) || Encode(IK responder), each X25519 then Ed25519 public key.
    var associatedData: [UInt8] {
        let (initiator, responder) = role == .initiator ? (localIdentity, remoteIdentity) : (remoteIdentity, localIdentity)
        return initiator.encodedForAssociatedData + responder.encodedForAssociatedData
    }

    /// Encrypts one message on the sending chain (RatchetEncrypt).
    ///
    /// - Warning: Persist the session after this call before sending: the old state's next message
    ///   key was just used.
    public mutating func encrypt(_ plaintext: [UInt8]) throws(E2EError) -> RatchetMessage {
        guard plaintext.count <= E2ELimits.maxMessageLength else { throw .messageTooLarge }
        guard let chainKey = sendingChainKey else { throw .noSession }
        guard sendCount < UInt32.max else { throw .chainExhausted }
        let (messageKey, nextChainKey) = KeyDerivation.chainStep(chainKey)
        let header = RatchetMessage.Header(ratchetKey: sendingRatchetKey.publicKey, previousChainLength: previousSendCount, messageNumber: sendCount)
        let ciphertext = try KeyDerivation.seal(plaintext, messageKey: messageKey, info: KeyDerivation.ratchetMessageInfo,
                                                associatedData: associatedData + header.encoded)
        sendingChainKey = nextChainKey
        sendCount += 1
        return RatchetMessage(header: header, ciphertext: ciphertext)
    }

    /// Encrypts one message for the wire: an initial message (carrying the X3DH data) while the
    /// responder has not answered yet, a plain ratchet message after.
    public mutating func seal(_ plaintext: [UInt8]) throws(E2EError) -> SessionMessage {
        let message = try encrypt(plaintext)
        guard let pending = pendingPrekey else { return .ratchet(message) }
        return .initial(InitialMessage(identity: localIdentity, baseKey: baseKey, signedPrekeyID: pending.signedPrekeyID,
                                       oneTimePrekeyID: pending.oneTimePrekeyID, message: message))
    }

    /// Whether `message` continues this session (same initiator identity and base key), so its
    /// inner ratchet message should be decrypted here rather than start a new session.
    public func continues(_ message: InitialMessage) -> Bool {
        message.baseKey == baseKey && message.identity == remoteIdentity
    }
}

/// Names a skipped Double Ratchet message key: the sender's ratchet key and the message number.
struct SkippedRatchetKeyID: Equatable, Sendable {
    let ratchetKey: X25519.PublicKey
    let messageNumber: UInt32
}
