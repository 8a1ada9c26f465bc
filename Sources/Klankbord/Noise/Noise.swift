/// The Noise Protocol Framework (revision 34) as Klankbord uses it: `Noise_IK_25519_ChaChaPoly_BLAKE2b`.
///
/// The client knows the server's static key from its invite code (the `<- s` pre-message), so the
/// handshake takes one round trip and authenticates both ends. Every Noise message travels on the
/// socket behind a 2-byte big-endian length (see `frame(_:)` and `FrameDecoder`).
public enum Noise {
    /// The full protocol name; it is hashed into the handshake, so both ends must agree on it exactly.
    public static let protocolName = "Noise_IK_25519_ChaChaPoly_BLAKE2b"

    /// The prologue both ends mix into the handshake; a peer speaking another version cannot complete it.
    public static let prologue = Array("klankbord/1".utf8)

    /// The largest Noise message, handshake or transport, in bytes (spec section 3).
    public static let maxMessageLength = 65535

    /// ChaChaPoly's authentication tag length, which every encrypted message carries.
    static let tagLength = 16

    /// X25519's DHLEN: the length of a public key on the wire.
    static let publicKeyLength = 32

    /// The length of the big-endian prefix in front of each message on the socket.
    static let lengthPrefixLength = 2

    /// `message` behind its 2-byte big-endian length, ready for the socket.
    ///
    /// - Precondition: `message` is at most `maxMessageLength` bytes, which every message this
    ///   module produces is.
    public static func frame(_ message: [UInt8]) -> [UInt8] {
        precondition(message.count <= maxMessageLength, "a Noise message is at most 65535 bytes")
        var out = [UInt8]()
        out.reserveCapacity(lengthPrefixLength + message.count)
        appendLengthPrefix(message.count, to: &out)
        out.append(contentsOf: message)
        return out
    }

    /// Appends `length` as two big-endian bytes.
    static func appendLengthPrefix(_ length: Int, to out: inout [UInt8]) {
        out.append(UInt8(truncatingIfNeeded: length >> 8))
        out.append(UInt8(truncatingIfNeeded: length))
    }
}
