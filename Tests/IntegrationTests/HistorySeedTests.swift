import Foundation
import XCTest

/// W6's seeding (`klankbord-bench --workload w6`) at a tiny size: the profile it writes must be one the real
/// `klankbord` reads back — the bench checks the big room's last message by its number, every meeting on the agenda,
/// every consultation and every ledger entry in the export with real CLI processes, then times the five commands.
final class HistorySeedTests: XCTestCase {
    func testSeededProfileReadsBackThroughTheRealCLI() throws {
        let base = try Products.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: base) }
        let json = base.appendingPathComponent("w6.jsonl")
        let bench = Process()
        bench.executableURL = Products.directory.appendingPathComponent("klankbord-bench")
        bench.arguments = ["--workload", "w6", "--history", "0.004", "--runs", "1", "--json", json.path, "--data-parent", base.path, "--label", "test"]
        bench.standardOutput = FileHandle.nullDevice
        let problems = Pipe()
        bench.standardError = problems
        try bench.run()
        let said = String(decoding: problems.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        bench.waitUntilExit()
        XCTAssertEqual(bench.terminationStatus, 0, said)

        let lines = try String(contentsOf: json, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.count, 1)
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data((lines.first ?? "").utf8)) as? [String: Any])
        XCTAssertNil(report["error"], "\(report["error"] ?? "")")
        XCTAssertEqual(report["seed_checked"] as? Bool, true)
        XCTAssertEqual(report["failed"] as? Int, 0)
        XCTAssertEqual(report["messages"] as? Int, 400)
        // The big room's signed log: the genesis, two who stay, three who came and went (a join and a leave each).
        XCTAssertGreaterThanOrEqual(report["log_entries"] as? Int ?? 0, 1 + 2 + 3 * 2)
        // Who is in the big room once everyone joined or came and went: the facilitator and the two who stay.
        XCTAssertEqual(report["log_members"] as? Int, 1 + 2)
        for command in ["read", "rooms", "agenda", "consult_list", "ledger_export"] {
            XCTAssertGreaterThan(report[command + "_p50_ms"] as? Double ?? 0, 0, command)
        }
    }
}
