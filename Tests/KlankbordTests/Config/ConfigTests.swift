import XCTest
import Klankbord

final class ConfigTests: XCTestCase {
    /// `config/klankbord.conf`, found from this file's place in `Tests/KlankbordTests/Config/`.
    private let samplePath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("config/klankbord.conf").path

    private let fileKeys = [
        "listen", "data_dir", "public_address", "log_level", "durability", "max_frame_bytes", "max_event_bytes",
        "events_per_second", "event_burst", "max_connections", "event_loops", "handshake_timeout_s", "idle_timeout_s",
        "write_buffer_bytes", "retention_days", "handshakes_per_second", "redeem_attempts_per_minute", "redeems_per_minute",
        "max_rooms_per_account", "max_members_per_room", "max_inbox_per_device", "metrics_listen", "key_transition_days",
    ]

    private func parseError(_ text: String) -> ConfigError? {
        do {
            _ = try Config.parse(text)
            return nil
        } catch {
            return error
        }
    }

    // MARK: The sample file

    func testSampleFileParsesToTheDefaults() throws {
        XCTAssertEqual(try Config.load(path: samplePath), Config())
    }

    func testSampleFileSetsEveryKeyOnce() throws {
        let text = try String(contentsOfFile: samplePath, encoding: .utf8)
        let active = text.split(separator: "\n").filter { !$0.hasPrefix("#") && $0.contains("=") }
        let keys = active.map { $0.split(separator: "=")[0].trimmingCharacters(in: .whitespaces) }
        XCTAssertEqual(keys.sorted(), fileKeys.sorted())
    }

    func testEmptyTextGivesTheDefaults() throws {
        XCTAssertEqual(try Config.parse(""), Config())
        XCTAssertEqual(try Config.parse("\n# only a comment\n   \n\t# indented comment\n"), Config())
    }

    // MARK: Layout of a line

    func testWhitespaceAndCommentsAroundValues() throws {
        let text = """
        listen=0.0.0.0:8000
          log_level   =   debug   # the most detail
        data_dir\t=\t/srv/klank#1
        durability = normal\t# tab before the comment
        """
        let config = try Config.parse(text)
        XCTAssertEqual(config.listenHost, "0.0.0.0")
        XCTAssertEqual(config.listenPort, 8000)
        XCTAssertEqual(config.logLevel, .debug)
        XCTAssertEqual(config.dataDirectory, "/srv/klank#1", "a # inside a value is not a comment")
        XCTAssertEqual(config.durability, .normal)
    }

    func testWindowsLineEndingsAndByteOrderMark() throws {
        let config = try Config.parse("\u{FEFF}max_connections = 5\r\nevent_burst = 7\r\n")
        XCTAssertEqual(config.maxConnections, 5)
        XCTAssertEqual(config.eventBurst, 7)
        XCTAssertEqual(parseError("# one\r\n# two\r\nnonsense\r\n"), .syntax(line: 3))
    }

    func testEveryFieldIsRead() throws {
        let text = """
        listen = [::]:9000
        data_dir = /var/lib/klankbord
        public_address = klankbord.example.org:443
        log_level = warn
        durability = normal
        max_frame_bytes = 1024
        max_event_bytes = 60000
        events_per_second = 0.5
        event_burst = 1
        max_connections = 2
        handshake_timeout_s = 3
        idle_timeout_s = 4
        write_buffer_bytes = 65536
        retention_days = 30
        handshakes_per_second = 6
        redeem_attempts_per_minute = 7
        max_rooms_per_account = 8
        max_members_per_room = 9
        max_inbox_per_device = 11
        """
        var expected = Config()
        expected.listenHost = "::"
        expected.listenPort = 9000
        expected.dataDirectory = "/var/lib/klankbord"
        expected.publicAddress = "klankbord.example.org:443"
        expected.logLevel = .warn
        expected.durability = .normal
        expected.maxFrameBytes = 1024
        expected.maxEventBytes = 60000
        expected.eventsPerSecond = 0.5
        expected.eventBurst = 1
        expected.maxConnections = 2
        expected.handshakeTimeoutSeconds = 3
        expected.idleTimeoutSeconds = 4
        expected.writeBufferBytes = 65536
        expected.retentionDays = 30
        expected.handshakesPerSecond = 6
        expected.redeemAttemptsPerMinute = 7
        expected.maxRoomsPerAccount = 8
        expected.maxMembersPerRoom = 9
        expected.maxInboxPerDevice = 11
        XCTAssertEqual(try Config.parse(text), expected)
    }

    // MARK: Addresses

    func testIPv6Listen() throws {
        let config = try Config.parse("listen = [::1]:7447")
        XCTAssertEqual(config.listenHost, "::1")
        XCTAssertEqual(config.listenPort, 7447)
        XCTAssertEqual(try Config.parse("listen = [2001:db8::5]:0").listenHost, "2001:db8::5")
    }

    func testBadListenAddresses() {
        let expected = "an IP address and port, like 127.0.0.1:7447 or [::1]:7447"
        for value in ["[::1]", "::1:7447", "localhost:7447", "127.0.0.1:70000", "127.0.0.1:", "[::1:7447",
                      "[127.0.0.1]:7447", "127.0.0.1", "1.2.3:80", ":7447", "127.0.0.1:+80", "[]:80"] {
            XCTAssertEqual(parseError("listen = \(value)"), .invalidValue(line: 1, key: "listen", expected: expected), value)
        }
    }

    func testPublicAddress() throws {
        XCTAssertNil(try Config.parse("public_address =").publicAddress)
        XCTAssertEqual(try Config.parse("public_address = [2001:db8::1]:7447").publicAddress, "[2001:db8::1]:7447")
        XCTAssertEqual(try Config.parse("public_address = 192.0.2.1:7447").publicAddress, "192.0.2.1:7447")
        for value in ["host name:7447", "example.org", "example.org:0", "2001:db8::1:7447", "exa_mple.org:1"] {
            XCTAssertEqual(parseError("public_address = \(value)")?.message,
                           "klankbord.conf line 1: public_address must be an address and port, like example.org:7447 or [2001:db8::1]:7447.",
                           value)
        }
    }

    /// The metrics listener is off by default and only ever on loopback: a wider address is refused, not widened.
    func testMetricsListenAcceptsOnlyLoopback() throws {
        XCTAssertNil(try Config.parse("metrics_listen =").metricsListen)
        XCTAssertEqual(try Config.parse("metrics_listen = 127.0.0.1:9464").metricsListen, MetricsAddress(host: "127.0.0.1", port: 9464))
        XCTAssertEqual(try Config.parse("metrics_listen = [::1]:0").metricsListen, MetricsAddress(host: "::1", port: 0))
        XCTAssertEqual(try Config.parse("metrics_listen = 127.0.0.2:9464").metricsListen?.host, "127.0.0.2")
        for value in ["0.0.0.0:9464", "[::]:9464", "192.168.1.5:9464", "localhost:9464", "127.0.0.1", "128.0.0.1:9464", "127.1:9464"] {
            XCTAssertEqual(parseError("metrics_listen = \(value)")?.message,
                           "klankbord.conf line 1: metrics_listen must be a loopback address and port, like 127.0.0.1:9464 or [::1]:9464, or nothing.",
                           value)
        }
    }

    // MARK: Errors with their line numbers

    func testSyntaxError() {
        XCTAssertEqual(parseError("# settings\n\nlisten 127.0.0.1:7447\n"), .syntax(line: 3))
        XCTAssertEqual(parseError("log_level = info\n= debug"), .syntax(line: 2))
    }

    func testUnknownKey() {
        XCTAssertEqual(parseError("log_level = info\nmax_frame_byte = 100"), .unknownKey(line: 2, key: "max_frame_byte"))
        XCTAssertEqual(parseError("port = 80"), .unknownKey(line: 1, key: "port"), "port is for overrides only")
    }

    func testInvalidValues() {
        let cases: [(String, String, String)] = [
            ("max_frame_bytes = 1023", "max_frame_bytes", "a whole number from 1024 to 65535"),
            ("max_frame_bytes = 65536", "max_frame_bytes", "a whole number from 1024 to 65535"),
            ("max_event_bytes = -1", "max_event_bytes", "a whole number from 1 to 60000"),
            ("retention_days = 1_000", "retention_days", "a whole number from 0 to 36500"),
            ("max_connections = 99999999999999999999999", "max_connections", "a whole number from 1 to 1000000"),
            ("events_per_second = 1e3", "events_per_second", "a number from 0.1 to 1000000"),
            ("events_per_second = nan", "events_per_second", "a number from 0.1 to 1000000"),
            ("events_per_second = 20.", "events_per_second", "a number from 0.1 to 1000000"),
            ("events_per_second = 0.05", "events_per_second", "a number from 0.1 to 1000000"),
            ("log_level = verbose", "log_level", "one of these words: error, warn, info, debug"),
            ("durability = FULL", "durability", "one of these words: full, normal"),
            ("data_dir =", "data_dir", "a folder, for example /var/lib/klankbord"),
        ]
        for (line, key, expected) in cases {
            XCTAssertEqual(parseError("# first\n\(line)"), .invalidValue(line: 2, key: key, expected: expected), line)
        }
    }

    func testDuplicateKeyNamesTheSecondLine() {
        XCTAssertEqual(parseError("event_burst = 1\n# again\nevent_burst = 2"), .duplicateKey(line: 3, key: "event_burst"))
    }

    func testUnreadableFile() {
        for path in ["/nonexistent/klankbord.conf", NSTemporaryDirectory()] {
            XCTAssertThrowsError(try Config.load(path: path)) { error in
                XCTAssertEqual(error as? ConfigError, .unreadable(path: path))
            }
        }
    }

    // MARK: Overrides

    func testOverridesApplyInOrder() throws {
        var config = try Config.parse("listen = 127.0.0.1:7447\nlog_level = warn")
        try config.apply(overrides: [("port", "0"), ("log_level", "debug"), (" event_burst ", " 3 "), ("event_burst", "4")])
        XCTAssertEqual(config.listenHost, "127.0.0.1")
        XCTAssertEqual(config.listenPort, 0)
        XCTAssertEqual(config.logLevel, .debug)
        XCTAssertEqual(config.eventBurst, 4, "a later override wins")
        try config.apply(overrides: [("listen", "[::1]:9000"), ("public_address", "")])
        XCTAssertEqual(config.listenHost, "::1")
        XCTAssertEqual(config.listenPort, 9000)
        XCTAssertNil(config.publicAddress)
    }

    func testOverrideErrorsUseLineZero() {
        var config = Config()
        XCTAssertThrowsError(try config.apply(overrides: [("max_frame_bytes", "70000")])) { error in
            XCTAssertEqual(error as? ConfigError, .invalidValue(line: 0, key: "max_frame_bytes", expected: "a whole number from 1024 to 65535"))
            XCTAssertEqual((error as? ConfigError)?.message, "Command line: max_frame_bytes must be a whole number from 1024 to 65535.")
        }
        XCTAssertThrowsError(try config.apply(overrides: [("colour", "blue")])) { error in
            XCTAssertEqual(error as? ConfigError, .unknownKey(line: 0, key: "colour"))
        }
        XCTAssertThrowsError(try config.apply(overrides: [("port", "65536")])) { error in
            XCTAssertEqual(error as? ConfigError, .invalidValue(line: 0, key: "port", expected: "a whole number from 0 to 65535"))
        }
    }

    // MARK: Messages

    func testEnglishMessages() {
        let error = ConfigError.invalidValue(line: 12, key: "max_frame_bytes", expected: "a whole number from 1024 to 65535")
        XCTAssertEqual(error.message, "klankbord.conf line 12: max_frame_bytes must be a whole number from 1024 to 65535.")
        XCTAssertEqual(ConfigError.duplicateKey(line: 4, key: "listen").message(file: "/etc/klankbord.conf"),
                       "/etc/klankbord.conf line 4: listen is set twice. Keep one of the two lines and remove the other.")
        XCTAssertEqual(ConfigError.unreadable(path: "/etc/k.conf").message,
                       "Cannot read the settings file /etc/k.conf. Check that the file exists and that klankbordd may read it.")
        XCTAssertTrue(ConfigError.syntax(line: 2).message.hasPrefix("klankbord.conf line 2: this line is not a setting."))
        XCTAssertTrue(ConfigError.unknownKey(line: 3, key: "colour").message.hasPrefix("klankbord.conf line 3: colour is not a setting"))
    }

    func testTranslatedMessages() {
        let error = ConfigError.invalidValue(line: 12, key: "max_frame_bytes", expected: "a whole number from 1024 to 65535")
        XCTAssertEqual(error.localizedMessage(Localizer(.nl)),
                       "klankbord.conf regel 12: de waarde van max_frame_bytes klopt niet. Gebruik een heel getal van 1024 tot en met 65535.")
        XCTAssertEqual(error.localizedMessage(Localizer(.es)),
                       "klankbord.conf línea 12: el valor de max_frame_bytes no es válido. Usa un número entero de 1024 a 65535.")
        XCTAssertEqual(ConfigError.invalidValue(line: 0, key: "log_level", expected: "").localizedMessage(Localizer(.nl)),
                       "Opdrachtregel: de waarde van log_level klopt niet. Gebruik één van deze woorden: error, warn, info, debug.")
    }

    func testLogLevelsAreOrderedByDetail() {
        XCTAssertLessThan(LogLevel.error, LogLevel.warn)
        XCTAssertLessThan(LogLevel.warn, LogLevel.info)
        XCTAssertLessThan(LogLevel.info, LogLevel.debug)
        XCTAssertEqual(LogLevel.allCases.sorted(), [.error, .warn, .info, .debug])
    }

    func testValuesWithANulByteAreRefused() {
        XCTAssertThrowsError(try Config.parse("listen = 127.0.0.1\u{0}evil:7447")) { error in
            XCTAssertEqual((error as? ConfigError).map { if case .invalidValue(1, "listen", _) = $0 { true } else { false } }, true)
        }
        var config = Config()
        XCTAssertThrowsError(try config.apply(overrides: [("data_dir", "./v\u{0}ar")]))
    }
}
