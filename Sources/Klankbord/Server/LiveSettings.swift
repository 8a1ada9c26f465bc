import Synchronization
import KlankbordConfig

/// The settings of a running daemon, shared by the event loops and the relay thread. A reload (SIGHUP)
/// replaces them and bumps `generation`; each thread compares the generation now and then (the loops once a
/// second, the relay before each batch) and takes a copy only when it changed, so the hot path reads a plain value.
final class LiveSettings: Sendable {
    private let current: Mutex<Config>
    private let version = Atomic<Int>(0)

    init(_ config: Config) {
        current = Mutex(config)
    }

    /// Bumped by every `replace`.
    var generation: Int { version.load(ordering: .acquiring) }

    /// The settings now in force.
    var config: Config { current.withLock { $0 } }

    /// Puts new settings in force.
    func replace(_ config: Config) {
        current.withLock { $0 = config }
        version.add(1, ordering: .releasing)
    }
}

/// What a reload does with a freshly read configuration: settings that can change while the daemon runs are
/// taken; the others (sockets, files, threads) keep their running value until a restart. docs/OPERATIONS.md lists both.
public struct SettingsReload: Sendable, Equatable {
    /// The settings to put in force: the running ones with every reloadable change applied.
    public let applied: Config
    /// File keys whose value changed and now takes effect.
    public let changed: [String]
    /// File keys whose value changed but needs a restart; their running value stays.
    public let needRestart: [String]

    /// Compares `loaded` with `running`.
    public init(running: Config, loaded: Config) {
        var applied = running
        var changed: [String] = []
        var needRestart: [String] = []
        for field in SettingsReload.fields where field.differs(running, loaded) {
            if field.reloadable {
                field.copy(&applied, loaded)
                changed.append(field.key)
            } else {
                needRestart.append(field.key)
            }
        }
        self.applied = applied
        self.changed = changed
        // `listen` is two fields (host and port) but one key.
        var seen: Set<String> = []
        self.needRestart = needRestart.filter { seen.insert($0).inserted }
    }

    /// The file keys a reload takes, in the order of the sample file.
    public static var reloadableKeys: [String] { fields.filter(\.reloadable).map(\.key) }

    private struct Field: Sendable {
        let key: String
        let reloadable: Bool
        let differs: @Sendable (Config, Config) -> Bool
        let copy: @Sendable (inout Config, Config) -> Void
    }

    private static func field<Value: Equatable & Sendable>(_ key: String, _ path: WritableKeyPath<Config, Value> & Sendable,
                                                           reloadable: Bool) -> Field {
        Field(key: key, reloadable: reloadable, differs: { $0[keyPath: path] != $1[keyPath: path] },
              copy: { $0[keyPath: path] = $1[keyPath: path] })
    }

    private static let fields: [Field] = [
        field("listen", \.listenHost, reloadable: false),
        field("listen", \.listenPort, reloadable: false),
        field("data_dir", \.dataDirectory, reloadable: false),
        field("public_address", \.publicAddress, reloadable: true),
        field("max_connections", \.maxConnections, reloadable: false),
        field("event_loops", \.eventLoops, reloadable: false),
        field("handshakes_per_second", \.handshakesPerSecond, reloadable: true),
        field("handshake_timeout_s", \.handshakeTimeoutSeconds, reloadable: true),
        field("idle_timeout_s", \.idleTimeoutSeconds, reloadable: true),
        field("durability", \.durability, reloadable: false),
        field("retention_days", \.retentionDays, reloadable: true),
        field("key_transition_days", \.keyTransitionDays, reloadable: false),
        field("max_frame_bytes", \.maxFrameBytes, reloadable: false),
        field("max_event_bytes", \.maxEventBytes, reloadable: true),
        field("events_per_second", \.eventsPerSecond, reloadable: true),
        field("event_burst", \.eventBurst, reloadable: true),
        field("write_buffer_bytes", \.writeBufferBytes, reloadable: true),
        field("redeem_attempts_per_minute", \.redeemAttemptsPerMinute, reloadable: true),
        field("redeems_per_minute", \.redeemsPerMinute, reloadable: true),
        field("max_rooms_per_account", \.maxRoomsPerAccount, reloadable: true),
        field("max_members_per_room", \.maxMembersPerRoom, reloadable: true),
        field("max_inbox_per_device", \.maxInboxPerDevice, reloadable: true),
        field("metrics_listen", \.metricsListen, reloadable: false),
        field("log_level", \.logLevel, reloadable: true),
    ]
}
