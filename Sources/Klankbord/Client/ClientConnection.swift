import KlankbordCrypto
import KlankbordProtocol

/// A client's authenticated connection to the daemon: Noise IK handshake, then requests and pushes.
///
/// Blocking and single-threaded, as a command-line client wants. Pushes that arrive while a request
/// waits for its response are kept in order and handed out by `nextPush`.
public final class ClientConnection {
    private let socket: ClientSocket
    private var transport: Noise.Transport
    private var decoder = Noise.FrameDecoder()
    private var frames: [[UInt8]] = []
    private var pushes: [Push] = []
    private var nextID: UInt32 = 1
    private let timeout: Double

    /// Connects and completes the handshake; the server must hold the private half of `serverKey`.
    public init(address: ServerAddress, serverKey: X25519.PublicKey, deviceKey: X25519.PrivateKey, timeout: Double = 10) throws(ClientError) {
        socket = try ClientSocket(host: address.host, port: address.port, timeout: timeout)
        self.timeout = timeout
        var handshake = Noise.HandshakeState(initiatorWithStatic: deviceKey, remoteStatic: serverKey, prologue: Noise.prologue)
        do {
            try socket.write(Noise.frame(try handshake.writeMessage(payload: [WireMessage.version])), timeout: timeout)
        } catch let error as ClientError {
            throw error
        } catch {
            throw .handshakeFailed
        }
        let reply: [UInt8]
        do {
            reply = try ClientConnection.readFrame(socket, &decoder, &frames, timeout: timeout)
        } catch .cannotReachServer {
            // The server hangs up on a first message it cannot decrypt: the key in the invite or profile is not its key.
            throw .handshakeFailed
        }
        let payload: [UInt8]
        do {
            payload = try handshake.readMessage(reply)
            transport = try handshake.split()
        } catch {
            throw .handshakeFailed
        }
        guard payload.count == 2, payload[0] == WireMessage.version else { throw .protocolViolation }
        guard payload[1] == HandshakeStatus.ok else { throw .unsupportedVersion }
    }

    /// The socket, for waiting on it together with other input (the interactive chat).
    public var fileDescriptor: Int32 { socket.fd }

    /// Sends `request` and waits for its response; a refusal throws `.server(code)`.
    public func call(_ request: Request) throws(ClientError) -> Response {
        let id = nextID
        nextID &+= 1
        try send(WireMessage.request(id: id, request).encoded())
        while true {
            switch try receive(timeout: timeout) {
            case nil:
                throw .timedOut
            case let .response(responseID, response, _)? where responseID == id:
                return response
            case let .error(responseID, code, _)? where responseID == id || responseID == 0:
                throw .server(code)
            case let .push(push)?:
                pushes.append(push)
            default:
                throw .protocolViolation
            }
        }
    }

    /// The next push, waiting up to `timeout` seconds (0 = only what already arrived); nil when none came.
    public func nextPush(timeout: Double) throws(ClientError) -> Push? {
        if !pushes.isEmpty { return pushes.removeFirst() }
        switch try receive(timeout: timeout) {
        case let .push(push)?: return push
        case let .error(_, code, _)?: throw .server(code)
        case nil: return nil
        default: throw .protocolViolation
        }
    }

    private func send(_ message: [UInt8]) throws(ClientError) {
        var framed: [UInt8] = []
        let sealed: Bool = message.withUnsafeBytes { raw in
            do {
                try transport.encryptFrame(raw, appendingTo: &framed)
                return true
            } catch {
                return false
            }
        }
        guard sealed else { throw .protocolViolation }
        try socket.write(framed, timeout: timeout)
    }

    private func receive(timeout: Double) throws(ClientError) -> WireMessage? {
        if frames.isEmpty {
            guard let frame = try ClientConnection.readFrameIfAny(socket, &decoder, &frames, timeout: timeout) else { return nil }
            frames.insert(frame, at: 0)
        }
        let frame = frames.removeFirst()
        do {
            return try WireMessage.decode(try transport.decrypt(frame))
        } catch {
            throw .protocolViolation
        }
    }

    private static func readFrame(_ socket: ClientSocket, _ decoder: inout Noise.FrameDecoder, _ frames: inout [[UInt8]], timeout: Double) throws(ClientError) -> [UInt8] {
        guard let frame = try readFrameIfAny(socket, &decoder, &frames, timeout: timeout) else { throw .timedOut }
        return frame
    }

    /// Reads until one whole frame is there (later frames of the same read are queued), or the time is up.
    private static func readFrameIfAny(_ socket: ClientSocket, _ decoder: inout Noise.FrameDecoder, _ frames: inout [[UInt8]], timeout: Double) throws(ClientError) -> [UInt8]? {
        while true {
            do {
                if let frame = try decoder.nextFrame() {
                    while let more = try decoder.nextFrame() { frames.append(more) }
                    return frame
                }
            } catch {
                throw .protocolViolation
            }
            guard let bytes = try socket.read(timeout: timeout) else { return nil }
            decoder.append(bytes)
        }
    }
}
