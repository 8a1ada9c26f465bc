import Foundation
import Klankbord
import XCTest

/// `klankbordd rotate-key` with real processes (issue 23): during the transition the daemon accepts the old and the
/// new key; devices that connect learn the new key and switch without a new invite; after it, the old key is refused.
final class KeyRotationTests: XCTestCase {
    private func key(of code: String) throws -> [UInt8] {
        try InviteCode(parsing: code).serverKey.bytes
    }

    func testConnectedAndReturningDevicesSwitchToTheNewKeyAndInvitesCarryIt() throws {
        let community = try Community()
        let data = community.daemon.dataDirectory
        let oldKey = try key(of: XCTUnwrap(community.daemon.firstInvite))
        try community.fien.ok(["send", "Peers", "before the change"])
        for person in [community.anna, community.bea, community.carla] { XCTAssertEqual(try community.read(person), ["before the change"]) }
        let chat = try TerminalChat(community.anna, room: "Peers")
        XCTAssertTrue(chat.waitUntilReady(), chat.text)

        let whileRunning = try DaemonAdmin.run(["rotate-key"], dataDirectory: data)
        XCTAssertEqual(whileRunning.status, 1)
        XCTAssertTrue(whileRunning.error.contains("klankbordd is running"), whileRunning.error)

        let port = community.daemon.port
        XCTAssertEqual(community.daemon.terminate(), 0)
        let rotated = try DaemonAdmin.run(["rotate-key"], dataDirectory: data)
        XCTAssertEqual(rotated.status, 0, rotated.error)
        XCTAssertTrue(rotated.output.contains("The server has a new key."), rotated.output)
        let again = try DaemonAdmin.run(["rotate-key"], dataDirectory: data)
        XCTAssertEqual(again.status, 1, "a second change while the first still runs would cut off devices on the oldest key")
        XCTAssertTrue(again.error.contains("The last key change still runs until"), again.error)
        try community.daemon.start(port: port)
        let status = try DaemonAdmin.run(["status"], dataDirectory: data)
        XCTAssertTrue(status.output.contains("Key change: devices may still use the old key until"), status.output)

        // New invites carry the new key: the facilitator's (after one connection) and the daemon's own.
        let invite = try XCTUnwrap(community.fien.ok(["invite", "create", "--role", "member"]).first)
        let newKey = try key(of: invite)
        XCTAssertNotEqual(newKey, oldKey)
        let operatorInvite = try DaemonAdmin.run(["operator-invite"], dataDirectory: data)
        XCTAssertEqual(try key(of: XCTUnwrap(operatorInvite.lines.last)), newKey)
        let dora = Person(community.base, "dora")
        try dora.ok(["join", invite, "--handle", "dora"])

        // The open chat reconnects (with the key it had) and goes on.
        try community.fien.ok(["send", "Peers", "during the change"])
        XCTAssertTrue(chat.waitUntil(timeout: 45) { $0.screen.contains { $0.hasSuffix("fien: during the change") } }, chat.screen.joined(separator: "\n"))
        // bea was offline through the change and comes back within the transition.
        XCTAssertEqual(try community.read(community.bea), ["during the change"])
        // carla stays away until the transition is over.

        // The end of the transition: the old key is refused and its file is gone.
        XCTAssertEqual(community.daemon.terminate(), 0)
        try community.daemon.start(port: port, overrides: ["--set", "key_transition_days=0"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: data.appendingPathComponent("previous-server.key").path))
        try community.fien.ok(["send", "Peers", "after the change"])
        XCTAssertEqual(try community.read(community.bea), ["after the change"])
        XCTAssertTrue(chat.waitUntil(timeout: 45) { $0.screen.contains { $0.hasSuffix("fien: after the change") } }, chat.screen.joined(separator: "\n"))
        chat.type("/quit\r")
        XCTAssertTrue(chat.waitForExit())
        XCTAssertEqual(try community.read(community.anna), [], "the chat showed it already")
        XCTAssertNotEqual(try community.carla.run(["read", "Peers"]).status, 0, "a device that knows only the old key is refused after the transition")
    }
}
