import KlankbordProtocol

/// Why a client operation failed. The CLI turns each case into a translated sentence and an exit code.
public enum ClientError: Error, Equatable, Sendable {
    /// No connection to the server (refused, unreachable, timed out, or dropped).
    case cannotReachServer
    /// The server's computer answered but refused the connection: the server is not running, the network works.
    case serverDown
    /// The handshake failed: usually the invite or profile names a different server key.
    case handshakeFailed
    /// The server speaks a protocol version this client does not.
    case unsupportedVersion
    /// The server refused the request with this code.
    case server(ErrorCode)
    /// The server sent bytes this client could not understand.
    case protocolViolation
    /// No answer came in time.
    case timedOut
}
