import Klankbord

/// One simulated member: a device key, a socket and the protocol state on it (Noise IK handshake,
/// then wire messages in transport messages). I/O is done by `ClientLoop`; this type holds state.
final class BenchClient {
    enum Phase: Equatable {
        case idle, connecting, handshaking, established, closed
    }

    /// Position in the loop's table, also the epoll token.
    let index: Int
    let deviceKey: X25519.PrivateKey
    let handle: String
    /// The account id once an invite was redeemed.
    var accountID: UInt64 = 0
    /// Rooms this member joined through invites, in order.
    var rooms: [UInt64] = []
    /// Where each room stood when this client last subscribed.
    var cursors: [RoomCursor] = []

    var phase: Phase = .idle
    var fd: Int32 = -1
    var handshake: Noise.HandshakeState?
    var transport: Noise.Transport?
    var decoder = Noise.FrameDecoder()
    /// Framed, encrypted bytes waiting for the socket; `outboxStart` marks what was written.
    var outbox: [UInt8] = []
    var outboxStart = 0
    var isDirty = false
    var nextRequestID: UInt32 = 1
    /// When the connect began and when the handshake finished (monotonic ns).
    var connectStarted: UInt64 = 0
    var handshakeDone: UInt64 = 0

    init(index: Int, handle: String, deviceKey: X25519.PrivateKey = X25519.PrivateKey()) {
        self.index = index
        self.handle = handle
        self.deviceKey = deviceKey
    }

    var pendingOutput: Int { outbox.count - outboxStart }

    /// Encrypts one wire message into the outbox. False when the connection is not established.
    func seal(_ message: [UInt8]) -> Bool {
        guard phase == .established, transport != nil else { return false }
        return message.withUnsafeBytes { raw in
            do {
                try transport?.encryptFrame(raw, appendingTo: &outbox)
                return true
            } catch {
                return false
            }
        }
    }

    /// The plaintext of one transport message, or nil when it does not authenticate.
    func open(_ frame: [UInt8]) -> [UInt8]? {
        try? transport?.decrypt(frame)
    }
}
