import CLinux
import Glibc
import KlankbordConfig
import KlankbordCrypto
import KlankbordProtocol
import KlankbordSystem

/// The network side of the daemon: each loop is one thread with one epoll set, its own listening socket
/// (SO_REUSEPORT spreads new connections over the loops) and edge-triggered non-blocking sockets.
/// It does the Noise work and framing; the relay thread does everything that touches the database.
final class EventLoop {
    private enum Token {
        static let listener: UInt64 = 1
        static let timer: UInt64 = 2
        static let signal: UInt64 = 3
        static let relay: UInt64 = 4
        static let doorbell: UInt64 = 5
        static let firstConnection: UInt64 = 16
    }

    private let index: Int
    /// The settings in force; refreshed from `settings` once a second after a reload.
    private var config: Config
    private let settings: LiveSettings
    private var settingsGeneration: Int
    private let metrics: Metrics
    /// Loop 0 only: what SIGHUP does.
    private let reloader: ConfigReloader?
    /// Loop 0 only: the status file last written, and when.
    private var statusWritten: (text: String, at: Double)?
    private let log: Log
    private let mailbox: LoopMailbox
    private let shutdown: LoopGroup
    private let budget: ConnectionBudget
    private let serverKeys: ServerKeys
    private let relay: RelayThread
    private let listener: ListeningSocket
    private let epollFD: Int32
    private let timerFD: Int32
    /// A signalfd for loop 0, the stop eventfd for the others.
    private let stopFD: Int32
    private var connections: [ConnectionID: Connection] = [:]
    private var nextID: ConnectionID
    private var pendingInputs: [RelayInput] = []
    private var dirty: [Connection] = []
    private var handshakes: TokenBucket
    private let readBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 65_536, alignment: 16)

    /// Loop `index` of `shutdown.loops`; limits that hold for the whole daemon are shared out evenly.
    init(index: Int, config: Config, log: Log, serverKeys: ServerKeys, relay: RelayThread, listener: ListeningSocket,
         stopFD: Int32, shutdown: LoopGroup, settings: LiveSettings, metrics: Metrics, reloader: ConfigReloader? = nil) throws(SystemError) {
        self.index = index
        self.config = settings.config
        self.settings = settings
        settingsGeneration = settings.generation
        self.metrics = metrics
        self.reloader = reloader
        self.log = log
        self.serverKeys = serverKeys
        self.relay = relay
        self.listener = listener
        self.stopFD = stopFD
        self.shutdown = shutdown
        mailbox = relay.mailboxes[index]
        nextID = LoopRouting.firstID(forLoop: index)
        budget = shutdown.connections
        epollFD = try systemCall("epoll_create1") { epoll_create1(Int32(EPOLL_CLOEXEC)) }
        timerFD = try systemCall("timerfd_create") { timerfd_create(CLOCK_MONOTONIC, Int32(TFD_NONBLOCK | TFD_CLOEXEC)) }
        var interval = itimerspec(it_interval: timespec(tv_sec: 1, tv_nsec: 0), it_value: timespec(tv_sec: 1, tv_nsec: 0))
        timerfd_settime(timerFD, 0, &interval, nil)
        let handshakeShare = max(1, config.handshakesPerSecond / shutdown.loops)
        handshakes = TokenBucket(rate: Double(handshakeShare), capacity: handshakeShare, now: monotonicSeconds())
        try watch(listener.fd, token: Token.listener, events: EPOLLIN.rawValue)
        try watch(timerFD, token: Token.timer, events: EPOLLIN.rawValue)
        try watch(stopFD, token: Token.signal, events: EPOLLIN.rawValue)
        try watch(mailbox.notifyFD, token: Token.relay, events: EPOLLIN.rawValue)
        // Edge-triggered: the doorbell is never read (see `Doorbell`).
        try watch(relay.doorbell.fd, token: Token.doorbell, events: EPOLLIN.rawValue | EPOLLET.rawValue)
    }

    deinit {
        readBuffer.deallocate()
        close(epollFD)
        close(timerFD)
    }

    private func watch(_ fd: Int32, token: UInt64, events: UInt32) throws(SystemError) {
        var event = epoll_event()
        event.events = events
        event.data.u64 = token
        try systemCall("epoll_ctl") { epoll_ctl(epollFD, EPOLL_CTL_ADD, fd, &event) }
    }

    /// Serves until SIGTERM or SIGINT, then stops accepting, lets the relay commit what it has, answers, and returns.
    func run() {
        var events = [epoll_event](repeating: epoll_event(), count: 256)
        var running = true
        while running {
            let count = events.withUnsafeMutableBufferPointer { epoll_wait(epollFD, $0.baseAddress, Int32($0.count), -1) }
            if count < 0 {
                if errno == EINTR { continue }
                log.error("epoll_wait failed: \(SystemError(call: "epoll_wait", errno: errno))")
                break
            }
            // One atomic load per wake-up: input that arrives after a reload is judged by the reloaded limits.
            refreshSettings()
            for index in 0..<Int(count) {
                let event = events[index]
                switch event.data.u64 {
                case Token.listener: acceptAll()
                case Token.timer: tick()
                case Token.relay: deliver(mailbox.take())
                case Token.doorbell: deliver(mailbox.takeStashed())
                case Token.signal: running = !stopSignalled()
                case let id:
                    guard let connection = connections[id] else { continue }
                    if event.events & (EPOLLIN.rawValue | EPOLLHUP.rawValue | EPOLLERR.rawValue | EPOLLRDHUP.rawValue) != 0 { readAll(connection) }
                    if event.events & EPOLLOUT.rawValue != 0 { markDirty(connection) }
                }
            }
            relay.submit(pendingInputs)
            pendingInputs.removeAll(keepingCapacity: true)
            flushDirty()
        }
        shutDown()
    }

    /// Reads the stop descriptor: true for SIGTERM/SIGINT (or the stop eventfd of loops 1...); SIGHUP reloads instead.
    private func stopSignalled() -> Bool {
        guard index == 0 else { return true }
        var stop = false
        var info = signalfd_siginfo()
        while read(stopFD, &info, MemoryLayout<signalfd_siginfo>.size) == MemoryLayout<signalfd_siginfo>.size {
            if info.ssi_signo == UInt32(SIGHUP) {
                reloader?.reload(settings, log: log)
                refreshSettings()
            } else {
                stop = true
            }
        }
        return stop
    }

    /// Takes reloaded settings (checked on every wake-up): new connections get them, and open ones get the new
    /// request limits at once.
    private func refreshSettings() {
        let generation = settings.generation
        guard generation != settingsGeneration else { return }
        settingsGeneration = generation
        config = settings.config
        let handshakeShare = max(1, config.handshakesPerSecond / shutdown.loops)
        handshakes.resize(rate: Double(handshakeShare), capacity: handshakeShare)
        for connection in connections.values {
            connection.requests.resize(rate: config.eventsPerSecond, capacity: config.eventBurst)
        }
    }

    /// Loop 0: rewrites the status file when its figures changed, at most every 5 seconds.
    private func writeStatus(now: Double) {
        guard index == 0 else { return }
        if let last = statusWritten, now - last.at < 5 { return }
        let counts = metrics.snapshot
        let status = StatusFile(connections: budget.count, maintenanceAt: counts.lastMaintenanceAt, removedEvents: counts.lastRemovedEvents,
                                freeBytes: counts.freePages.flatMap { free in counts.pageSize.map { free * $0 } },
                                reclaimedBytes: counts.lastReclaimedBytes)
        let text = status.text
        guard text != statusWritten?.text else { return }
        status.write(directory: config.dataDirectory)
        statusWritten = (text, now)
    }

    private func shutDown() {
        close(listener.fd)
        relay.submit(pendingInputs)
        pendingInputs = []
        if index == 0 {
            log.info("stopping: no new connections; committing what is queued")
            shutdown.requestStop()
            shutdown.waitForOtherLoops()
            relay.stop()
            shutdown.relayHasStopped()
        } else {
            shutdown.submittedAndWaitForRelay()
        }
        deliver(mailbox.take())
        announceRestart()
        flushDirty()
        for connection in connections.values { close(connection.fd) }
        connections = [:]
        if index == 0 {
            shutdown.waitForOtherLoopsToFinish()
            log.info("stopped")
        } else {
            shutdown.loopFinished()
        }
    }

    /// Tells every established connection, after its last answer, that the daemon is going away, so a client
    /// can say "the server is restarting" and reconnect instead of reporting a lost connection.
    private func announceRestart() {
        let notice = WireMessage.error(id: 0, .serverRestarting, type: .ping).encoded()
        // A connection the server is already closing keeps its own closing message as the last word.
        for connection in connections.values where connection.state.isEstablished && !connection.closing {
            queue(notice, to: connection)
        }
    }

    private func acceptAll() {
        while let fd = listener.accept() {
            guard budget.take() else {
                close(fd)
                log.warn("connection refused: max_connections (\(config.maxConnections)) reached")
                continue
            }
            let now = monotonicSeconds()
            let id = nextID
            nextID += 1
            let connection = Connection(id: id, fd: fd, state: ServerConnection(serverKey: serverKeys.current, previousKey: serverKeys.previous(at: wallClockSeconds()),
                                                                                           payloadLimit: config.maxFrameBytes),
                                        requests: TokenBucket(rate: config.eventsPerSecond, capacity: config.eventBurst, now: now),
                                        now: now, handshakeTimeout: Double(config.handshakeTimeoutSeconds))
            do {
                try watch(fd, token: id, events: EPOLLIN.rawValue | EPOLLOUT.rawValue | EPOLLRDHUP.rawValue | EPOLLET.rawValue)
            } catch {
                close(fd)
                budget.give()
                continue
            }
            connections[id] = connection
        }
    }

    private func readAll(_ connection: Connection) {
        if connection.drainDeadline != nil { return drain(connection) }
        while connections[connection.id] != nil, !connection.closing {
            let result = nonBlockingIO { read(connection.fd, readBuffer.baseAddress, readBuffer.count) }
            switch result {
            case let .done(count):
                connection.decoder.append(UnsafeRawBufferPointer(rebasing: readBuffer[0..<count]))
                connection.lastActivity = monotonicSeconds()
                receiveFrames(connection)
            case .wouldBlock:
                return
            case .closed:
                drop(connection)
                return
            }
        }
    }

    private func receiveFrames(_ connection: Connection) {
        while connections[connection.id] != nil, !connection.closing {
            let frame: [UInt8]
            do {
                guard let next = try connection.decoder.nextFrame() else { return }
                frame = next
            } catch {
                return drop(connection)
            }
            guard frame.count <= config.maxFrameBytes else { return drop(connection) }
            if !connection.state.isEstablished {
                guard handshakes.take(now: monotonicSeconds()) else {
                    log.warn("handshake refused: handshakes_per_second reached")
                    return drop(connection)
                }
            }
            for action in connection.state.receive(frame) { perform(action, on: connection) }
        }
    }

    private func perform(_ action: ServerConnection.Action, on connection: Connection) {
        switch action {
        case let .sendRaw(bytes):
            connection.outbox.append(contentsOf: bytes)
            markDirty(connection)
        case let .opened(key):
            metrics.handshakeCompleted(previousKey: connection.state.openedWithPreviousKey)
            connection.announced = true
            pendingInputs.append(.opened(connection.id, deviceKey: key))
        case let .request(id, request):
            if connection.requests.take(now: monotonicSeconds()) {
                connection.refusedInRow = 0
                connection.awaitingAnswers += 1
                pendingInputs.append(.request(connection.id, id: id, request))
            } else {
                connection.refusedInRow += 1
                metrics.refused(.rateLimited)
                let refusal = WireMessage.error(id: id, .rateLimited, type: request.type).encoded()
                if connection.refusedInRow > config.eventBurst {
                    log.info("connection closed: kept sending over the rate limit")
                    startClosing(connection, with: refusal)
                } else {
                    queue(refusal, to: connection)
                }
            }
        case let .failAndClose(code, requestID, type):
            log.debug("closing a connection: \(code.rawValue)")
            metrics.refused(code)
            startClosing(connection, with: WireMessage.error(id: requestID, code, type: type).encoded())
        case .close:
            startClosing(connection, with: nil)
        }
    }

    /// Stops taking input from `connection`; once the relay has answered every request it accepted,
    /// `message` (the closing error, if any) goes out last and the connection closes.
    private func startClosing(_ connection: Connection, with message: [UInt8]?) {
        guard !connection.closing else { return }
        connection.closing = true
        connection.closingMessage = message
        finishIfAnswered(connection)
    }

    /// Queues the closing message once no answer is owed any more.
    private func finishIfAnswered(_ connection: Connection) {
        guard connection.closing, connection.awaitingAnswers == 0, !connection.outputFinished else { return }
        if let message = connection.closingMessage { queue(message, to: connection) }
        connection.closingMessage = nil
        connection.outputFinished = true
        markDirty(connection)
    }

    /// Reads and discards input after our side was shut down; closes when the client hangs up.
    private func drain(_ connection: Connection) {
        while connections[connection.id] != nil {
            switch nonBlockingIO({ read(connection.fd, readBuffer.baseAddress, readBuffer.count) }) {
            case .done: continue
            case .wouldBlock: return
            case .closed: return drop(connection)
            }
        }
    }

    /// Encrypts one wire message for `connection`; a reader that lets too much pile up is disconnected.
    private func queue(_ message: [UInt8], to connection: Connection) {
        guard connections[connection.id] != nil, !connection.outputFinished,
              connection.state.seal(message, into: &connection.outbox) else { return }
        if connection.pendingOutput > config.writeBufferBytes {
            log.info("connection closed: reader too slow (write buffer full)")
            drop(connection)
            return
        }
        markDirty(connection)
    }

    private func deliver(_ outputs: [RelayOutput]) {
        for output in outputs {
            switch output {
            case let .send(id, message):
                // Every `.send` is the one answer to one request of that connection.
                if let connection = connections[id] {
                    queue(message, to: connection)
                    connection.awaitingAnswers -= 1
                    finishIfAnswered(connection)
                }
            case let .fanout(ids, message):
                for id in ids {
                    if let connection = connections[id] { queue(message, to: connection) }
                }
            case let .close(id):
                if let connection = connections[id] {
                    connection.announced = false
                    startClosing(connection, with: nil)
                }
            }
        }
    }

    private func markDirty(_ connection: Connection) {
        guard !connection.isDirty else { return }
        connection.isDirty = true
        dirty.append(connection)
    }

    private func flushDirty() {
        for connection in dirty {
            connection.isDirty = false
            guard connections[connection.id] != nil else { continue }
            if !connection.flush() {
                drop(connection)
            } else if connection.outputFinished && connection.pendingOutput == 0 && connection.drainDeadline == nil {
                // Everything owed went out: send FIN, then wait briefly for the client to hang up.
                Glibc.shutdown(connection.fd, Int32(SHUT_WR))
                connection.drainDeadline = monotonicSeconds() + 2
                drain(connection)
            }
        }
        dirty.removeAll(keepingCapacity: true)
    }

    private func drop(_ connection: Connection) {
        guard connections.removeValue(forKey: connection.id) != nil else { return }
        close(connection.fd)
        budget.give()
        if connection.announced { pendingInputs.append(.closed(connection.id)) }
    }

    private func tick() {
        var expirations: UInt64 = 0
        _ = read(timerFD, &expirations, 8)
        let now = monotonicSeconds()
        refreshSettings()
        writeStatus(now: now)
        let idle = Double(config.idleTimeoutSeconds)
        for connection in connections.values {
            if let deadline = connection.drainDeadline {
                if now > deadline { drop(connection) }
                continue
            }
            // A closing connection that still owes answers waits for the relay (which always answers).
            let handshakeOver = !connection.state.isEstablished && !connection.closing && now > connection.handshakeDeadline
            if handshakeOver || now - connection.lastActivity > idle { drop(connection) }
        }
    }
}
