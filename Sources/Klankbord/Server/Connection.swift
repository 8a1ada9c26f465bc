import CLinux
import Glibc
import KlankbordProtocol
import KlankbordSystem

/// One client socket on the event loop: its protocol state, partial input and pending output.
/// Lives on the event-loop thread only.
final class Connection {
    let id: ConnectionID
    let fd: Int32
    var state: ServerConnection
    var decoder = Noise.FrameDecoder()
    /// Encrypted frames waiting for the socket; `outboxStart` marks what was already written.
    var outbox: [UInt8] = []
    var outboxStart = 0
    var requests: TokenBucket
    /// Requests refused in a row for going over the rate; past the burst size the connection is closed.
    var refusedInRow = 0
    var lastActivity: Double
    let handshakeDeadline: Double
    /// Set once the relay knows this connection (so it must be told when it closes).
    var announced = false
    /// No more input is taken; the answers still owed go out, then `closingMessage`, then the socket closes.
    var closing = false
    /// Requests handed to the relay and not yet answered. A closing connection waits for all of them:
    /// an answer is an acknowledgement, and a request the server accepted must not lose it.
    var awaitingAnswers = 0
    /// The error that ends the connection (`rate_limited`, `malformed`, …), sent after every owed answer.
    var closingMessage: [UInt8]?
    /// The last message is queued: nothing more is added to the outbox.
    var outputFinished = false
    /// Set once everything went out and our side is shut down (FIN sent): input is read and discarded until
    /// the client hangs up or this monotonic time passes. Closing with unread input would send a reset,
    /// which can make the client's kernel throw away answers it has not read yet.
    var drainDeadline: Double?
    var isDirty = false

    init(id: ConnectionID, fd: Int32, state: ServerConnection, requests: TokenBucket, now: Double, handshakeTimeout: Double) {
        self.id = id
        self.fd = fd
        self.state = state
        self.requests = requests
        self.lastActivity = now
        self.handshakeDeadline = now + handshakeTimeout
    }

    var pendingOutput: Int { outbox.count - outboxStart }

    /// Writes as much pending output as the socket takes. Returns false when the peer is gone.
    func flush() -> Bool {
        while outboxStart < outbox.count {
            let result = outbox.withUnsafeBytes { raw in
                nonBlockingIO { send(fd, raw.baseAddress.map { $0 + outboxStart }, raw.count - outboxStart, Int32(MSG_NOSIGNAL)) }
            }
            switch result {
            case let .done(count): outboxStart += count
            case .wouldBlock: return true
            case .closed: return false
            }
        }
        // Everything went out: drop the buffer unless it is small, so an idle connection holds little memory.
        outbox.removeAll(keepingCapacity: outbox.capacity <= 4096)
        outboxStart = 0
        return true
    }
}
