/// One setting: its file key, what its value must look like, and how it is stored in `Config`.
struct ConfigSetting: Sendable {
    /// The snake_case key used in the file and in `--set key=value`.
    let key: String
    /// What the value must look like.
    let expectation: ConfigExpectation
    /// Stores the trimmed value; returns `false` if the value does not meet the expectation.
    let assign: @Sendable (inout Config, String) -> Bool

    /// Every setting the file accepts, in the order of `config/klankbord.conf`.
    static let all: [ConfigSetting] = [
        ConfigSetting(key: "listen", expectation: .listen) { config, value in
            guard let (host, port) = ConfigValue.listenAddress(value, ports: 0...65535) else { return false }
            config.listenHost = host
            config.listenPort = port
            return true
        },
        ConfigSetting(key: "data_dir", expectation: .path) { config, value in
            guard !value.isEmpty else { return false }
            config.dataDirectory = value
            return true
        },
        ConfigSetting(key: "public_address", expectation: .address) { config, value in
            // Empty means "none": invite codes then carry the listen address.
            guard value.isEmpty || ConfigValue.isPublicAddress(value) else { return false }
            config.publicAddress = value.isEmpty ? nil : value
            return true
        },
        choice("log_level", \.logLevel),
        choice("durability", \.durability),
        whole("max_frame_bytes", 1024...65535, \.maxFrameBytes),
        whole("max_event_bytes", 1...60000, \.maxEventBytes),
        ConfigSetting(key: "events_per_second", expectation: .number(min: "0.1", max: "1000000")) { config, value in
            guard let number = ConfigValue.decimal(value, in: 0.1...1_000_000) else { return false }
            config.eventsPerSecond = number
            return true
        },
        whole("event_burst", 1...1_000_000, \.eventBurst),
        whole("max_connections", 1...1_000_000, \.maxConnections),
        whole("event_loops", 0...64, \.eventLoops),
        whole("handshake_timeout_s", 1...300, \.handshakeTimeoutSeconds),
        whole("idle_timeout_s", 1...86_400, \.idleTimeoutSeconds),
        whole("write_buffer_bytes", 65_536...1_073_741_824, \.writeBufferBytes),
        whole("retention_days", 0...36_500, \.retentionDays),
        whole("key_transition_days", 0...365, \.keyTransitionDays),
        whole("handshakes_per_second", 1...1_000_000, \.handshakesPerSecond),
        whole("redeem_attempts_per_minute", 1...1000, \.redeemAttemptsPerMinute),
        whole("redeems_per_minute", 1...100_000, \.redeemsPerMinute),
        whole("max_rooms_per_account", 1...100_000, \.maxRoomsPerAccount),
        whole("max_members_per_room", 1...100_000, \.maxMembersPerRoom),
        whole("max_inbox_per_device", 1...10_000_000, \.maxInboxPerDevice),
        ConfigSetting(key: "metrics_listen", expectation: .loopback) { config, value in
            // Empty means "no metrics listener"; any other address than loopback is refused, never silently widened.
            if value.isEmpty {
                config.metricsListen = nil
                return true
            }
            guard let (host, port) = ConfigValue.listenAddress(value, ports: 0...65535), ConfigValue.isLoopback(host) else { return false }
            config.metricsListen = MetricsAddress(host: host, port: port)
            return true
        },
    ]

    /// Settings only an override may set: `port` changes the listen port alone (for `--port`).
    static let overrideOnly: [ConfigSetting] = [
        ConfigSetting(key: "port", expectation: .wholeNumber(0...65535)) { config, value in
            guard let port = ConfigValue.wholeNumber(value, in: 0...65535).flatMap(UInt16.init(exactly:)) else { return false }
            config.listenPort = port
            return true
        },
    ]

    private static let byKey: [String: ConfigSetting] = Dictionary(
        (all + overrideOnly).map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first }
    )

    /// The setting for `key`; override-only settings are found only when `includingOverrideOnly` is set.
    static func named(_ key: String, includingOverrideOnly: Bool = true) -> ConfigSetting? {
        guard let setting = byKey[key] else { return nil }
        if !includingOverrideOnly, overrideOnly.contains(where: { $0.key == key }) { return nil }
        return setting
    }

    /// A whole-number setting stored in an `Int` field.
    private static func whole(_ key: String, _ range: ClosedRange<Int>, _ field: WritableKeyPath<Config, Int> & Sendable) -> ConfigSetting {
        ConfigSetting(key: key, expectation: .wholeNumber(range)) { config, value in
            guard let number = ConfigValue.wholeNumber(value, in: range) else { return false }
            config[keyPath: field] = number
            return true
        }
    }

    /// A setting whose value is one of an enum's raw values.
    private static func choice<Value: RawRepresentable & CaseIterable & Sendable>(
        _ key: String, _ field: WritableKeyPath<Config, Value> & Sendable
    ) -> ConfigSetting where Value.RawValue == String {
        ConfigSetting(key: key, expectation: .choice(Value.allCases.map(\.rawValue))) { config, value in
            guard let choice = Value(rawValue: value) else { return false }
            config[keyPath: field] = choice
            return true
        }
    }
}
