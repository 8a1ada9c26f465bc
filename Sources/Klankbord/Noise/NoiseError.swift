/// Failures of the Noise handshake, transport and framing.
public enum NoiseError: Error, Equatable, Sendable {
    /// A message did not authenticate: wrong key, tampering, replay or reordering. Never says which.
    case decryptFailed
    /// A message or payload would exceed `Noise.maxMessageLength`.
    case messageTooLong
    /// A message is shorter than its pattern's keys and tags.
    case messageTooShort
    /// The 2^64 - 1 nonces of a cipher state are used up; the session must end.
    case nonceExhausted
    /// A call out of turn: writing when it is the peer's turn, reading when it is ours,
    /// splitting before the handshake is complete or twice, or using a failed handshake.
    case wrongState
    /// The peer sent a public key whose Diffie-Hellman result is all zero (a low-order point).
    case invalidPublicKey
    /// A frame on the socket announced a length of zero, which no Noise message has.
    case emptyFrame
}
