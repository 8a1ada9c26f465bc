import KlankbordCrypto

/// Failures of the end-to-end encryption layer. Every authentication failure is the one case
/// `decryptionFailed`, with no detail, so an attacker learns nothing from which check failed.
public enum E2EError: Error, Equatable, Sendable {
    /// A message did not authenticate: wrong key, tampered ciphertext, header or associated data.
    case decryptionFailed
    /// A signature (identity, signed prekey or sender key message) did not verify.
    case invalidSignature
    /// Decrypting would need more skipped message keys than the bound allows.
    case tooManySkippedMessages
    /// The message was already decrypted (its key is gone) or its stored key was evicted.
    case duplicateMessage
    /// A sender key message names an epoch this receiver holds no key for; ask the sender for it.
    case unknownEpoch(UInt32)
    /// The message comes from before the chain index this receiver was given (sent before joining).
    case keyUnavailable
    /// An initial message names a signed or one-time prekey that is not (or no longer) held.
    case unknownPrekey(UInt32)
    /// There is no session to encrypt with or decrypt under.
    case noSession
    /// An authentic initial message starts a session under another identity than the pinned one: it
    /// was not installed (see `SessionRecord.decrypt`).
    case identityChanged
    /// A public key was malformed or low-order.
    case invalidKey
    /// Serialized input was truncated, had trailing bytes, an out-of-range field or a bad length.
    case malformed
    /// Serialized input starts with a version byte this code does not understand.
    case unsupportedVersion(UInt8)
    /// A plaintext or ciphertext exceeds `E2ELimits.maxMessageLength`.
    case messageTooLarge
    /// A chain ran out of message numbers (2^32 - 1 messages on one chain).
    case chainExhausted
}

/// Size and count bounds shared by the end-to-end types.
public enum E2ELimits {
    /// The largest plaintext or ciphertext accepted in one message: 1 MiB.
    public static let maxMessageLength = 1 << 20
    /// Skipped message keys one ratchet chain step (or one sender key message) may create.
    public static let maxSkip = 1000
    /// Skipped message keys a ratchet session keeps in all; the oldest are evicted beyond this.
    public static let maxStoredRatchetKeys = 2000
    /// Skipped message keys a sender key receiver keeps; the oldest are evicted beyond this.
    public static let maxStoredSenderKeys = 1000
}

extension E2EError {
    /// Maps a `CryptoError` from the wrappers onto the E2E cases, keeping authentication failures opaque.
    init(_ error: CryptoError) {
        switch error {
        case .authenticationFailed: self = .decryptionFailed
        case .invalidSignature: self = .invalidSignature
        case .weakPublicKey, .invalidLength: self = .invalidKey
        case .keyDerivationFailed, .invalidEncoding: self = .malformed
        }
    }
}

/// Runs a throwing crypto wrapper call and converts its error to `E2EError`.
func crypto<Result>(_ body: () throws(CryptoError) -> Result) throws(E2EError) -> Result {
    do {
        return try body()
    } catch {
        throw E2EError(error)
    }
}
