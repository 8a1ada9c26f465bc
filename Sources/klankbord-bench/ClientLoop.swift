import CLinux
import Glibc
import Klankbord

/// Many non-blocking client sockets on one thread and one epoll set (edge-triggered), as the daemon
/// runs its side. A `ClientDriver` decides what each client sends; the loop does connects, the
/// handshake, framing, encryption and batched writes (each dirty socket is written once per round).
final class ClientLoop {
    let address: ServerAddress
    let serverKey: X25519.PublicKey
    private(set) var clients: [BenchClient] = []
    private let epollFD: Int32
    private var dirty: [BenchClient] = []
    private var events = [epoll_event](repeating: epoll_event(), count: 1024)
    private let readBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 262_144, alignment: 16)
    private var driver: ClientDriver?
    /// Connections that failed, with the reason, for the report.
    private(set) var failures: [String] = []

    init(address: ServerAddress, serverKey: X25519.PublicKey) {
        self.address = address
        self.serverKey = serverKey
        epollFD = epoll_create1(Int32(EPOLL_CLOEXEC))
    }

    deinit {
        for client in clients where client.fd >= 0 { close(client.fd) }
        close(epollFD)
        readBuffer.deallocate()
    }

    /// Adds `count` new clients with handles `prefix-N` (N their place in the loop) and returns them.
    func makeClients(_ count: Int, prefix: String) -> [BenchClient] {
        let made = (0..<count).map { BenchClient(index: clients.count + $0, handle: "\(prefix)-\(clients.count + $0)") }
        clients += made
        return made
    }

    /// Adds one client with a device key of an existing account (a person's profile), to send as that person.
    func makeClient(handle: String, deviceKey: X25519.PrivateKey) -> BenchClient {
        let made = BenchClient(index: clients.count, handle: handle, deviceKey: deviceKey)
        clients.append(made)
        return made
    }

    /// Starts a non-blocking connect and the handshake; the driver hears `ready` or `lost`.
    func connect(_ client: BenchClient, now: UInt64) {
        precondition(client.fd < 0, "client already connected")
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return fail(client, "socket: \(String(cString: strerror(errno)))") }
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        var target = sockaddr_in()
        target.sin_family = sa_family_t(AF_INET)
        target.sin_port = address.port.bigEndian
        target.sin_addr.s_addr = inet_addr(address.host)
        let result = withUnsafePointer(to: &target) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        client.fd = fd
        client.connectStarted = now
        client.decoder = Noise.FrameDecoder()
        client.outbox = []
        client.outboxStart = 0
        var event = epoll_event()
        event.events = EPOLLIN.rawValue | EPOLLOUT.rawValue | EPOLLRDHUP.rawValue | EPOLLET.rawValue
        event.data.u64 = UInt64(client.index)
        epoll_ctl(epollFD, EPOLL_CTL_ADD, fd, &event)
        if result == 0 {
            startHandshake(client)
        } else if errno == EINPROGRESS {
            client.phase = .connecting
        } else {
            fail(client, "connect: \(String(cString: strerror(errno)))")
        }
    }

    /// Sends one request on `client` and returns its id (0 when the connection is not established).
    @discardableResult
    func send(_ request: Request, on client: BenchClient) -> UInt32 {
        let id = client.nextRequestID
        client.nextRequestID &+= 1
        guard client.seal(WireMessage.request(id: id, request).encoded()) else { return 0 }
        markDirty(client)
        return id
    }

    /// Closes `client`'s socket without telling the driver (the workload chose to disconnect).
    func disconnect(_ client: BenchClient) {
        guard client.fd >= 0 else { return }
        close(client.fd)
        client.fd = -1
        client.phase = .closed
        client.transport = nil
        client.handshake = nil
        client.decoder = Noise.FrameDecoder()
        client.outbox = []
        client.outboxStart = 0
    }

    /// Runs `driver` until it is finished or the monotonic clock passes `deadline`; true if it finished.
    func run(_ driver: ClientDriver, until deadline: UInt64) -> Bool {
        self.driver = driver
        defer { self.driver = nil }
        var wake = driver.tick(loop: self, now: monotonicNanos())
        flushDirty()
        while !driver.isFinished {
            let now = monotonicNanos()
            if now >= deadline { return false }
            let until = min(wake ?? deadline, deadline)
            let timeout = until <= now ? 0 : Int32(min((until - now + 999_999) / 1_000_000, 1000))
            let count = events.withUnsafeMutableBufferPointer { epoll_wait(epollFD, $0.baseAddress, Int32($0.count), timeout) }
            for slot in 0..<max(Int(count), 0) {
                let event = events[slot]
                let index = Int(event.data.u64)
                guard index < clients.count else { continue }
                handle(event.events, on: clients[index])
            }
            wake = driver.tick(loop: self, now: monotonicNanos())
            flushDirty()
        }
        return true
    }

    private func handle(_ flags: UInt32, on client: BenchClient) {
        guard client.fd >= 0 else { return }
        if client.phase == .connecting {
            guard flags & (EPOLLOUT.rawValue | EPOLLERR.rawValue | EPOLLHUP.rawValue) != 0 else { return }
            var error: Int32 = 0
            var size = socklen_t(MemoryLayout<Int32>.size)
            getsockopt(client.fd, SOL_SOCKET, SO_ERROR, &error, &size)
            guard error == 0 else { return fail(client, "connect: \(String(cString: strerror(error)))") }
            startHandshake(client)
            return
        }
        let hangUp = flags & (EPOLLHUP.rawValue | EPOLLERR.rawValue | EPOLLRDHUP.rawValue) != 0
        if hangUp || flags & EPOLLIN.rawValue != 0 { readAll(client, untilEmpty: hangUp) }
        if flags & EPOLLOUT.rawValue != 0, client.fd >= 0, client.pendingOutput > 0 { markDirty(client) }
    }

    private func startHandshake(_ client: BenchClient) {
        var handshake = Noise.HandshakeState(initiatorWithStatic: client.deviceKey, remoteStatic: serverKey, prologue: Noise.prologue)
        guard let first = try? handshake.writeMessage(payload: [WireMessage.version]) else { return fail(client, "handshake write") }
        client.handshake = handshake
        client.phase = .handshaking
        client.outbox += Noise.frame(first)
        markDirty(client)
    }

    /// Reads until the socket is empty. A short read means it is (edge-triggered epoll reports data
    /// arriving later), which saves a read per wake-up; after a hang-up, read on to see the end.
    private func readAll(_ client: BenchClient, untilEmpty: Bool) {
        while client.fd >= 0 {
            let count = read(client.fd, readBuffer.baseAddress, readBuffer.count)
            if count > 0 {
                let now = monotonicNanos()
                client.decoder.append(UnsafeRawBufferPointer(rebasing: readBuffer[0..<count]))
                receiveFrames(client, now: now)
                if count < readBuffer.count && !untilEmpty { return }
            } else if count == 0 {
                return fail(client, "closed by the daemon")
            } else if errno == EINTR {
                continue
            } else if errno == EAGAIN || errno == EWOULDBLOCK {
                return
            } else {
                return fail(client, "read: \(String(cString: strerror(errno)))")
            }
        }
    }

    private func receiveFrames(_ client: BenchClient, now: UInt64) {
        while client.fd >= 0 {
            let next: [UInt8]?
            do {
                next = try client.decoder.nextFrame()
            } catch {
                return fail(client, "bad framing")
            }
            guard let frame = next else { return }
            if client.phase == .handshaking {
                finishHandshake(client, frame, now: now)
                continue
            }
            guard let plaintext = client.open(frame) else { return fail(client, "transport message did not authenticate") }
            guard let message = try? WireMessage.decode(plaintext) else { return fail(client, "undecodable wire message") }
            driver?.received(message, on: client, loop: self, now: now)
        }
    }

    private func finishHandshake(_ client: BenchClient, _ frame: [UInt8], now: UInt64) {
        guard var handshake = client.handshake,
              let payload = try? handshake.readMessage(frame),
              let transport = try? handshake.split() else { return fail(client, "handshake failed") }
        guard payload == [WireMessage.version, 0] else { return fail(client, "version refused") }
        client.handshake = nil
        client.transport = transport
        client.phase = .established
        client.handshakeDone = now
        driver?.ready(client, loop: self, now: now)
    }

    private func markDirty(_ client: BenchClient) {
        guard !client.isDirty else { return }
        client.isDirty = true
        dirty.append(client)
    }

    /// Writes each dirty client's outbox once (as far as the socket takes it).
    private func flushDirty() {
        for client in dirty {
            client.isDirty = false
            guard client.fd >= 0, client.phase != .connecting else { continue }
            while client.outboxStart < client.outbox.count {
                let written = client.outbox.withUnsafeBytes { raw in
                    Glibc.send(client.fd, raw.baseAddress.map { $0 + client.outboxStart }, raw.count - client.outboxStart, Int32(MSG_NOSIGNAL))
                }
                if written > 0 {
                    client.outboxStart += written
                } else if written < 0 && errno == EINTR {
                    continue
                } else if written < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                    break
                } else {
                    fail(client, "write: \(String(cString: strerror(errno)))")
                    break
                }
            }
            if client.outboxStart == client.outbox.count {
                client.outbox.removeAll(keepingCapacity: true)
                client.outboxStart = 0
            }
        }
        dirty.removeAll(keepingCapacity: true)
    }

    private func fail(_ client: BenchClient, _ reason: String) {
        guard client.phase != .closed else { return }
        disconnect(client)
        client.phase = .closed
        if failures.count < 1000 { failures.append("\(client.handle): \(reason)") }
        driver?.lost(client, loop: self, reason: reason)
    }
}
