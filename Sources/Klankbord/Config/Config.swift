/// The daemon's settings, read from `klankbord.conf` and command-line overrides.
///
/// Every field has a safe default, so `Config()` is a working loopback server. The file keys
/// (snake_case) are listed in `config/klankbord.conf`, which parses to exactly `Config()`.
public struct Config: Sendable, Equatable {
    /// The IP address to listen on (`listen`), without brackets for IPv6, such as `::1`.
    public var listenHost: String = "127.0.0.1"
    /// The TCP port to listen on (`listen`); 0 lets the system pick one, for tests.
    public var listenPort: UInt16 = 7447
    /// The folder for the database and keys (`data_dir`).
    public var dataDirectory: String = "./var"
    /// `host:port` put into invite codes (`public_address`); `nil` means the listen address.
    public var publicAddress: String? = nil
    /// The most detailed kind of log line written (`log_level`).
    public var logLevel: LogLevel = .info
    /// How hard each commit group is pushed to disk (`durability`).
    public var durability: Durability = .full
    /// The largest Noise message accepted on the socket, in bytes (`max_frame_bytes`, 1024...65535; the first handshake message alone is 97 bytes).
    public var maxFrameBytes: Int = 65535
    /// The largest payload of one event, in bytes (`max_event_bytes`, 1...60000).
    public var maxEventBytes: Int = 16384
    /// Token-bucket refill per connection, in events per second (`events_per_second`).
    public var eventsPerSecond: Double = 20
    /// Token-bucket size per connection, in events (`event_burst`).
    public var eventBurst: Int = 100
    /// The most connections open at once (`max_connections`).
    public var maxConnections: Int = 10000
    /// Network threads, each with its own epoll set and listening socket (`event_loops`, 0...64; 0 = one per core).
    public var eventLoops: Int = 0
    /// Seconds a new connection has to finish its handshake (`handshake_timeout_s`).
    public var handshakeTimeoutSeconds: Int = 10
    /// Seconds of silence before a connection is closed (`idle_timeout_s`).
    public var idleTimeoutSeconds: Int = 300
    /// Pending output per connection, in bytes; a slower reader is disconnected (`write_buffer_bytes`).
    public var writeBufferBytes: Int = 1_048_576
    /// Days events are kept; 0 keeps them until members delete them (`retention_days`).
    public var retentionDays: Int = 0
    /// Days after `klankbordd rotate-key` during which the previous server key still works (`key_transition_days`).
    public var keyTransitionDays: Int = 30
    /// New handshakes accepted per second, daemon-wide (`handshakes_per_second`).
    public var handshakesPerSecond: Int = 200
    /// Invite redeem attempts allowed per minute on one connection (`redeem_attempts_per_minute`).
    public var redeemAttemptsPerMinute: Int = 10
    /// Redeems of valid invites allowed per minute on the whole daemon, over all connections (`redeems_per_minute`).
    public var redeemsPerMinute: Int = 60
    /// The most rooms one account may be a member of (`max_rooms_per_account`).
    public var maxRoomsPerAccount: Int = 200
    /// The most members one room may have (`max_members_per_room`).
    public var maxMembersPerRoom: Int = 500
    /// The most undelivered key-distribution messages one device may hold (`max_inbox_per_device`).
    public var maxInboxPerDevice: Int = 5000
    /// Loopback address of the Prometheus metrics listener (`metrics_listen`); nil (the default) means no listener.
    public var metricsListen: MetricsAddress? = nil

    /// The defaults: a loopback server on port 7447 with data in `./var`.
    public init() {}
}

/// Where the metrics listener listens: always a loopback address, so counts never leave the machine by themselves.
public struct MetricsAddress: Sendable, Equatable {
    /// `127.0.0.1` (or another 127.x address) or `::1`.
    public let host: String
    /// The TCP port; 0 lets the system pick one (for tests).
    public let port: UInt16

    /// An address as read from `metrics_listen` (the config checks that `host` is loopback).
    public init(host: String, port: UInt16) {
        self.host = host
        self.port = port
    }
}

/// How much the daemon logs. Ordered from least to most: `error < warn < info < debug`.
public enum LogLevel: String, Comparable, CaseIterable, Sendable {
    /// Only failures that need an operator.
    case error
    /// Also things that may need attention (limits hit, peers cut off).
    case warn
    /// Also start, stop and other ordinary events.
    case info
    /// Everything useful for finding a bug; still never content, keys or addresses.
    case debug

    /// Whether `lhs` is less detailed than `rhs`: a line at level `l` is written when `l <= config.logLevel`.
    public static func < (lhs: LogLevel, rhs: LogLevel) -> Bool {
        rank(lhs) < rank(rhs)
    }

    private static func rank(_ level: LogLevel) -> Int {
        allCases.firstIndex(of: level) ?? 0
    }
}

/// How commits reach the disk.
public enum Durability: String, CaseIterable, Sendable {
    /// fsync on every commit group: an acknowledged message survives a power cut.
    case full
    /// SQLite WAL with synchronous=NORMAL: survives a daemon crash, may lose the last commits on power loss.
    case normal
}
