/// The server's answer in the handshake's second message: the protocol version byte it speaks, then
/// one of these (docs/PROTOCOL.md, "Handshake").
public enum HandshakeStatus {
    public static let ok: UInt8 = 0
    public static let unsupportedVersion: UInt8 = 1
}
