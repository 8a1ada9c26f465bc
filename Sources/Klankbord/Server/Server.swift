import CLinux
import Glibc
import KlankbordConfig
import KlankbordCrypto
import KlankbordProtocol
import KlankbordStorage
import KlankbordSystem

/// The daemon: prepares the data directory, then serves until SIGTERM or SIGINT.
public enum Server {
    /// What a prepared data directory holds.
    public struct Prepared: Sendable {
        public let serverKey: X25519.PrivateKey
        /// The current key with the previous one while a key change lasts (`klankbordd rotate-key`).
        public let keys: ServerKeys
        public let databasePath: String
        /// The first operator invite, when this run created the database; shown once.
        public let firstInvite: InviteCode?
    }

    /// Why the daemon could not start; `message` is for the operator's terminal (English).
    public enum StartError: Error, Sendable {
        case dataDirectory(String)
        case keyFile(String)
        case database(StorageError)
        case listen(SystemError)

        public var message: String {
            switch self {
            case let .dataDirectory(path): "cannot create or use the data directory \(path)"
            case let .keyFile(path): "cannot read or write the server key \(path)"
            case let .database(error): "cannot open the database: \(error)"
            case let .listen(error): "cannot listen: \(error)"
            }
        }
    }

    /// Creates the data directory (0700), the server key (0600) and the database, and makes the first
    /// operator invite when the server has no accounts and no invites yet.
    public static func prepare(_ config: Config, bootstrap: Bool = true) throws(StartError) -> Prepared {
        let directory = config.dataDirectory
        if mkdir(directory, 0o700) != 0 && errno != EEXIST { throw .dataDirectory(directory) }
        let keyPath = directory + "/server.key"
        let key: X25519.PrivateKey
        do {
            key = try X25519.PrivateKey(secret: KeyFile.loadOrCreate(path: keyPath, length: X25519.keyLength))
        } catch {
            throw .keyFile(keyPath)
        }
        let databasePath = directory + "/klankbord.db"
        var invite: InviteCode?
        do {
            let relay = try Relay(database: Database(.file(databasePath)), config: config, clock: wallClockSeconds)
            if bootstrap, let secret = try relay.bootstrapOperatorInvite() {
                invite = inviteCode(config, key: key, secret: secret)
            }
        } catch let error as StorageError {
            throw .database(error)
        } catch {
            throw .database(.stepFailed(code: -1))
        }
        let keys = ServerKeys.load(current: key, directory: directory, transitionDays: config.keyTransitionDays, now: wallClockSeconds())
        return Prepared(serverKey: key, keys: keys, databasePath: databasePath, firstInvite: invite)
    }

    /// An invite code naming this server: its public address if configured, else its listen address.
    public static func inviteCode(_ config: Config, key: X25519.PrivateKey, secret: [UInt8], listenPort: UInt16? = nil) -> InviteCode {
        let address = config.publicAddress.flatMap(ServerAddress.init)
            ?? ServerAddress(host: config.listenHost, port: listenPort ?? config.listenPort)
        return InviteCode(host: address.host, port: address.port, serverKey: key.publicKey, secret: secret)
    }

    /// Makes a new single-use operator invite in the data directory (for when the first one was lost).
    public static func newOperatorInvite(_ config: Config) throws(StartError) -> InviteCode {
        let prepared = try prepare(config, bootstrap: false)
        do {
            let relay = try Relay(database: Database(.file(prepared.databasePath)), config: config, clock: wallClockSeconds)
            let secret = try relay.database.transaction { try relay.makeOperatorInvite() }
            return inviteCode(config, key: prepared.serverKey, secret: secret)
        } catch let error as StorageError {
            throw .database(error)
        } catch {
            throw .database(.stepFailed(code: -1))
        }
    }

    /// Listens, calls `ready` with the bound port, and serves until SIGTERM or SIGINT; then returns.
    /// SIGHUP reloads the settings through `reloader` (see `SettingsReload` for which).
    public static func run(_ config: Config, prepared: Prepared, log: Log, reloader: ConfigReloader? = nil,
                           ready: (UInt16) -> Void) throws(StartError) {
        signal(SIGPIPE, SIG_IGN)
        // Block the stop and reload signals in every thread and read them from a signalfd in the event loop instead.
        var stopSignals = sigset_t()
        sigemptyset(&stopSignals)
        sigaddset(&stopSignals, SIGTERM)
        sigaddset(&stopSignals, SIGINT)
        sigaddset(&stopSignals, SIGHUP)
        pthread_sigmask(SIG_BLOCK, &stopSignals, nil)
        let signalFD = signalfd(-1, &stopSignals, Int32(SFD_NONBLOCK | SFD_CLOEXEC))
        guard signalFD >= 0 else { throw .listen(SystemError(call: "signalfd", errno: errno)) }

        let loops = config.eventLoops > 0 ? config.eventLoops : max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        var listeners: [ListeningSocket] = []
        let relay: RelayThread
        let shutdown: LoopGroup
        do {
            let first = try ListeningSocket(host: config.listenHost, port: config.listenPort, sharedPort: loops > 1)
            listeners.append(first)
            for _ in 1..<loops { listeners.append(try ListeningSocket(host: config.listenHost, port: first.port, sharedPort: true)) }
            shutdown = try LoopGroup(loops: loops, maxConnections: config.maxConnections)
        } catch {
            throw .listen(error)
        }
        let settings = LiveSettings(config)
        let metrics = Metrics()
        var metricsListener: MetricsListener?
        if let address = config.metricsListen {
            do {
                metricsListener = try MetricsListener(address: address, metrics: metrics, connections: shutdown.connections,
                                                      dataDirectory: config.dataDirectory, log: log)
            } catch {
                throw .listen(error)
            }
        }
        do {
            relay = try RelayThread(config: config, databasePath: prepared.databasePath, log: log, loops: loops, clock: wallClockSeconds,
                                    settings: settings, metrics: metrics, inviteKey: prepared.serverKey.publicKey.bytes)
        } catch let error as StorageError {
            throw .database(error)
        } catch {
            throw .database(.stepFailed(code: -1))
        }
        let loop: EventLoop
        do {
            loop = try EventLoop(index: 0, config: config, log: log, serverKeys: prepared.keys, relay: relay, listener: listeners[0],
                                 stopFD: signalFD, shutdown: shutdown, settings: settings, metrics: metrics, reloader: reloader)
            for index in 1..<loops {
                // Each loop is made on its own thread and never leaves it.
                let listener = listeners[index], keys = prepared.keys, stopFD = shutdown.stopFDs[index]
                let other = EventLoopThread(index: index, config: config, log: log, serverKeys: keys, relay: relay, listener: listener,
                                                stopFD: stopFD, shutdown: shutdown, settings: settings, metrics: metrics)
                other.start()
            }
        } catch {
            throw .listen(error)
        }
        let port = listeners[0].port
        log.info("listening on port \(port) with \(loops) event loop\(loops == 1 ? "" : "s")")
        if let metricsListener, let address = config.metricsListen {
            let host = address.host.contains(":") ? "[\(address.host)]" : address.host
            log.info("metrics on http://\(host):\(metricsListener.port)/metrics")
        }
        ready(port)
        loop.run()
        metricsListener?.stop()
    }
}
