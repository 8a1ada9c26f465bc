import XCTest
import KlankbordConfig
@testable import KlankbordServer

/// SIGHUP: which settings a reload takes, which wait for a restart, and that a bad file changes nothing.
final class SettingsReloadTests: XCTestCase {
    func testLimitsRetentionAndLogLevelChangeWhileListenAndStorageWaitForARestart() {
        let running = Config()
        var loaded = Config()
        loaded.maxEventBytes = 2000
        loaded.eventBurst = 5
        loaded.retentionDays = 30
        loaded.logLevel = .debug
        loaded.listenPort = 9000
        loaded.dataDirectory = "/elsewhere"
        loaded.durability = .normal
        let reload = SettingsReload(running: running, loaded: loaded)
        XCTAssertEqual(reload.changed, ["retention_days", "max_event_bytes", "event_burst", "log_level"])
        XCTAssertEqual(reload.needRestart, ["listen", "data_dir", "durability"])
        var expected = running
        expected.maxEventBytes = 2000
        expected.eventBurst = 5
        expected.retentionDays = 30
        expected.logLevel = .debug
        XCTAssertEqual(reload.applied, expected, "the listen address, folder and durability keep their running values")
    }

    func testAnUnchangedFileChangesNothing() {
        let reload = SettingsReload(running: Config(), loaded: Config())
        XCTAssertEqual(reload.changed, [])
        XCTAssertEqual(reload.needRestart, [])
        XCTAssertEqual(reload.applied, Config())
    }

    func testABadFileIsRefusedAndTheRunningSettingsStay() {
        var running = Config()
        running.eventBurst = 7
        let settings = LiveSettings(running)
        let log = Log(level: .info)
        ConfigReloader(file: "klankbord.conf") { () throws(ConfigError) -> Config in
            throw ConfigError.invalidValue(line: 3, key: "event_burst", expected: "a whole number from 1 to 1000000")
        }.reload(settings, log: log)
        XCTAssertEqual(settings.generation, 0, "nothing was put in force")
        XCTAssertEqual(settings.config, running)
    }

    func testAGoodFileIsPutInForceAndTheLogLevelFollows() {
        let settings = LiveSettings(Config())
        let log = Log(level: .info)
        let copy = log
        ConfigReloader(file: "klankbord.conf") { () throws(ConfigError) -> Config in
            var fresh = Config()
            fresh.eventBurst = 3
            fresh.logLevel = .warn
            return fresh
        }.reload(settings, log: log)
        XCTAssertEqual(settings.generation, 1)
        XCTAssertEqual(settings.config.eventBurst, 3)
        XCTAssertEqual(copy.level, .warn, "every copy of the log follows the new level")
    }

    func testAResizedBucketDropsSavedTokensAboveTheNewCapacity() {
        var bucket = TokenBucket(rate: 1, capacity: 100, now: 0)
        bucket.resize(rate: 1, capacity: 3)
        XCTAssertEqual((0..<5).filter { _ in bucket.take(now: 0) }.count, 3)
    }
}
