import Foundation
import XCTest

/// A facilitator posts a meeting in a room of 260 members with the real `klankbord meeting create` against a real
/// daemon (the room built by `klankbord-bench --workload w6-room`, each member a real account with published
/// prekeys). The room's first key then goes to all 259 others in one command: with every bundle asked for in one
/// request the answer outgrew one Noise message and the command failed with "This message is too long" (76ff4e5).
final class RoomMeetingTests: XCTestCase {
    func testFacilitatorPostsAMeetingInARoomOf260Members() throws {
        let base = try Products.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: base) }
        let json = base.appendingPathComponent("room.jsonl")
        let bench = Process()
        bench.executableURL = Products.directory.appendingPathComponent("klankbord-bench")
        bench.arguments = ["--workload", "w6-room", "--members", "260", "--json", json.path, "--data-parent", base.path, "--label", "test"]
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
        XCTAssertEqual(report["members_listed"] as? Int, 260)
        XCTAssertEqual(report["meeting_posted"] as? Bool, true)
    }
}
