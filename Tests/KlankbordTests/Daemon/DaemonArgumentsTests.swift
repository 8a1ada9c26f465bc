import XCTest
import Klankbord
@testable import KlankbordCommands

/// How `klankbordd` sorts its words into an action, a file and settings.
final class DaemonArgumentsTests: XCTestCase {
    private func parsed(_ words: [String]) -> DaemonArguments? {
        if case let .run(arguments) = DaemonArguments.parse(words) { return arguments }
        return nil
    }

    func testEachCommandWithItsFileAndOptions() throws {
        XCTAssertEqual(parsed([])?.action, .serve)
        XCTAssertEqual(parsed(["operator-invite", "--config", "k.conf"])?.action, .operatorInvite)
        let status = try XCTUnwrap(parsed(["status", "--json", "--data-dir", "/var/lib/klankbord"]))
        XCTAssertEqual(status.action, .status)
        XCTAssertTrue(status.json)
        XCTAssertEqual(status.overrides.map { "\($0.key)=\($0.value)" }, ["data_dir=/var/lib/klankbord"])
        let backup = try XCTUnwrap(parsed(["backup", "/var/backups/klankbord", "--keep", "14"]))
        XCTAssertEqual(backup.action, .backup)
        XCTAssertEqual(backup.file, "/var/backups/klankbord")
        XCTAssertEqual(backup.keep, 14)
        XCTAssertEqual(parsed(["--data-dir", "d", "restore", "b.kbbackup"])?.file, "b.kbbackup")
        XCTAssertEqual(parsed(["verify-backup", "b.kbbackup"])?.action, .verifyBackup)
    }

    func testMistakesGiveTheUsageLine() {
        for words in [["backup"], ["restore"], ["status", "extra"], ["backup", "a", "b"], ["status", "backup", "x"],
                      ["backup", "x", "--keep", "0"], ["backup", "x", "--keep", "many"], ["restore", "x", "--keep", "2"],
                      ["backup", "x", "--json"], ["--json"], ["--port"], ["--set", "nonsense"], ["verify-backup", "--json"]] {
            guard case .usageError = DaemonArguments.parse(words) else {
                XCTFail("\(words) should be a usage error")
                continue
            }
        }
        guard case .help = DaemonArguments.parse(["status", "--help"]) else { return XCTFail("--help") }
    }
}
