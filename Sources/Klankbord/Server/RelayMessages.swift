import KlankbordProtocol

/// Identifies one client connection inside the daemon. Never stored.
public typealias ConnectionID = UInt64

/// What the network side hands the relay.
public enum RelayInput: Sendable {
    /// A Noise handshake finished; `deviceKey` is the client's static public key.
    case opened(ConnectionID, deviceKey: [UInt8])
    case request(ConnectionID, id: UInt32, Request)
    case closed(ConnectionID)
}

/// What the relay hands back: plaintext wire messages for the network side to encrypt and send.
public enum RelayOutput: Sendable {
    case send(ConnectionID, [UInt8])
    /// The same encoded push for several connections: encoded once, encrypted per connection.
    case fanout([ConnectionID], [UInt8])
    /// Close after sending what is queued (the account was deleted).
    case close(ConnectionID)
}
