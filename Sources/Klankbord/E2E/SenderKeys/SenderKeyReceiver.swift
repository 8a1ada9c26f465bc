import KlankbordCrypto

/// The receiving side of one sender's chain in one room and epoch, made from that sender's
/// `SenderKeyDistribution`. It opens messages from the distribution's chain index on, out of
/// order within `E2ELimits.maxSkip`, each at most once. On any error it is left unchanged.
///
/// - Warning: Holds the chain key and skipped message keys: store only in sealed storage, and
///   persist after every successful `decrypt`.
public struct SenderKeyReceiver: Sendable {
    static let version: UInt8 = 1

    /// The room the chain belongs to.
    public let roomID: UInt64
    /// The room epoch; messages of any other epoch throw `unknownEpoch`.
    public let epoch: UInt32
    /// The sender's chain signing key.
    public let signingKey: Ed25519.VerifyingKey
    /// The first index this receiver could ever open (the distribution's chain index).
    public let startIndex: UInt32
    /// The index the chain key currently stands at.
    public internal(set) var nextIndex: UInt32
    var chainKey: SecretBytes
    var skipped = SkippedKeyStore<UInt32>()

    /// A receiver for the chain a distribution message describes.
    public init(distribution: SenderKeyDistribution) {
        self.init(roomID: distribution.roomID, epoch: distribution.epoch, signingKey: distribution.signingKey,
                  startIndex: distribution.chainIndex, nextIndex: distribution.chainIndex, chainKey: distribution.chainKey)
    }

    init(roomID: UInt64, epoch: UInt32, signingKey: Ed25519.VerifyingKey, startIndex: UInt32, nextIndex: UInt32, chainKey: SecretBytes) {
        self.roomID = roomID
        self.epoch = epoch
        self.signingKey = signingKey
        self.startIndex = startIndex
        self.nextIndex = nextIndex
        self.chainKey = chainKey
    }

    /// Checks the epoch (`unknownEpoch`), the signature (`invalidSignature`) and the index
    /// (`keyUnavailable` before the start index, `duplicateMessage` if already opened,
    /// `tooManySkippedMessages` beyond the bound), then decrypts (`decryptionFailed`).
    public mutating func decrypt(_ message: SenderKeyMessage) throws(E2EError) -> [UInt8] {
        try decryptKeepingKey(message).plaintext
    }

    /// Like `decrypt`, and also hands out the message's key: with it and the signed message, a reader can later
    /// show a facilitator exactly what this sender wrote (a report), and nothing else of the chain.
    ///
    /// - Warning: The key opens this one message; keep it sealed, and delete it with the message.
    public mutating func decryptKeepingKey(_ message: SenderKeyMessage) throws(E2EError) -> (plaintext: [UInt8], messageKey: SecretBytes) {
        guard message.epoch == epoch else { throw .unknownEpoch(message.epoch) }
        try message.verify(roomID: roomID, signingKey: signingKey)
        var working = self
        let opened = try working.apply(message)
        self = working
        return opened
    }

    private mutating func apply(_ message: SenderKeyMessage) throws(E2EError) -> (plaintext: [UInt8], messageKey: SecretBytes) {
        if let messageKey = skipped.key(for: message.index) {
            let plaintext = try open(message, messageKey: messageKey)
            skipped.remove(message.index)
            return (plaintext, messageKey)
        }
        guard message.index >= startIndex else { throw .keyUnavailable }
        guard message.index >= nextIndex else { throw .duplicateMessage }
        guard Int(message.index) - Int(nextIndex) <= E2ELimits.maxSkip else { throw .tooManySkippedMessages }
        guard message.index < UInt32.max else { throw .chainExhausted }
        var currentKey = chainKey
        while nextIndex < message.index {
            let (messageKey, nextKey) = KeyDerivation.chainStep(currentKey)
            skipped.append(nextIndex, messageKey)
            currentKey = nextKey
            nextIndex += 1
        }
        let (messageKey, nextKey) = KeyDerivation.chainStep(currentKey)
        let plaintext = try open(message, messageKey: messageKey)
        chainKey = nextKey
        nextIndex = message.index + 1
        skipped.evictOldest(keeping: E2ELimits.maxStoredSenderKeys)
        return (plaintext, messageKey)
    }

    private func open(_ message: SenderKeyMessage, messageKey: SecretBytes) throws(E2EError) -> [UInt8] {
        try KeyDerivation.open(message.ciphertext, messageKey: messageKey, info: KeyDerivation.senderKeyMessageInfo,
                               associatedData: SenderKeyMessage.associatedData(roomID: roomID, epoch: epoch, index: message.index))
    }
}
