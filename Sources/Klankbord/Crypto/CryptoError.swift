/// Failures of the cryptographic wrappers. Decryption failure is deliberately one case with no detail.
public enum CryptoError: Error, Equatable, Sendable {
    /// Authentication failed: wrong key, tampered ciphertext or associated data. Never says which.
    case authenticationFailed
    /// A key, nonce or other fixed-size value had the wrong number of bytes.
    case invalidLength(expected: Int, actual: Int)
    /// A Diffie-Hellman result was all zero (a low-order public key).
    case weakPublicKey
    /// A signature did not verify.
    case invalidSignature
    /// Argon2id could not allocate its memory.
    case keyDerivationFailed
    /// Base64 or hex text could not be decoded.
    case invalidEncoding
}
