import Foundation
import XCTest

/// Paths no other test runs with real processes: `klankbord room leave`, `klankbordd operator-invite`,
/// and a daemon with three event loops carrying a room conversation.
final class CommandPathTests: XCTestCase {
    func testRoomLeaveFromTheCLI() throws {
        let community = try Community()
        try community.anna.ok(["send", "Peers", "before carla leaves"])
        XCTAssertEqual(try community.read(community.carla), ["before carla leaves"])
        try community.carla.ok(["room", "leave", "Peers"])
        XCTAssertFalse(try community.fien.ok(["members", "Peers"]).contains { $0.contains("carla") }, "carla is no longer listed")
        XCTAssertEqual(try community.fien.ok(["members", "Peers"]).filter { !$0.isEmpty }.count, 3)
        try community.anna.ok(["send", "Peers", "after carla left"])
        let read = try community.carla.run(["read", "Peers"])
        XCTAssertEqual(read.status, 2, "carla cannot read the room any more")
        XCTAssertFalse(read.output.contains("after carla left"))
        XCTAssertFalse(try community.carla.ok(["rooms"]).contains { $0.contains("Peers") }, "the room is gone from carla's list")
        XCTAssertEqual(try community.read(community.bea), ["before carla leaves", "after carla left"], "the others carry on")
    }

    func testOperatorInviteCommandMakesAWorkingOperatorInviteWhileTheDaemonRuns() throws {
        let community = try Community()
        let process = Process()
        process.executableURL = Products.daemon
        process.arguments = ["operator-invite", "--data-dir", community.daemon.dataDirectory.path, "--port", String(community.daemon.port)]
        var environment = ProcessInfo.processInfo.environment
        environment["LANG"] = "C"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        let code = try XCTUnwrap(printed.split(separator: "\n").map(String.init).first { $0.hasPrefix("kb1-") }, printed)

        let second = Person(community.base, "second_operator")
        try second.ok(["join", code, "--handle", "beheer2"])
        // Operators may invite facilitators; nobody else may.
        XCTAssertNotNil(try second.ok(["invite", "create", "--role", "facilitator"]).first { $0.hasPrefix("kb1-") })
        let again = try Person(community.base, "third").run(["join", code, "--handle", "beheer3"])
        XCTAssertEqual(again.status, 2, "the invite works once")
        XCTAssertTrue(community.daemon.isRunning)
    }

    func testThreeEventLoopsCarryARoomConversation() throws {
        let community = try Community(daemonArguments: ["--set", "event_loops=3"])
        XCTAssertTrue(community.daemon.logText().contains("with 3 event loops"), community.daemon.logText())
        let chat = try ChatProcess(community.carla, room: "Peers")
        XCTAssertTrue(chat.waitUntilReady(), chat.text)
        var sent: [String] = []
        for round in 1...4 {
            for (person, name) in [(community.anna, "anna"), (community.bea, "bea"), (community.fien, "fien")] {
                let text = "\(name) \(round)"
                try person.ok(["send", "Peers", text])
                sent.append(text)
                XCTAssertTrue(chat.waitFor("\(name): \(text)"), "live push of \(text): \(chat.text)")
            }
        }
        chat.quit()
        XCTAssertEqual(try community.read(community.carla), [], "the chat already showed everything")
        XCTAssertEqual(try community.read(community.bea), sent.filter { !$0.hasPrefix("bea") }, "every message once, in order")
        XCTAssertEqual(try community.read(community.anna), sent.filter { !$0.hasPrefix("anna") })
    }
}
