import Foundation
import XCTest

/// Blocking with real daemon and CLI processes: a blocked person's room messages are hidden (one can still be
/// shown), their private messages are refused and never kept, nobody else is affected, and the server is not asked.
final class BlockTests: XCTestCase {
    /// The messages (not the joins and leaves) `person` prints for `read <room> --json`, as JSON objects.
    private func readObjects(_ person: Person, _ room: String) throws -> [[String: Any]] {
        try person.ok(["read", room, "--json"]).compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]).flatMap { $0["seq"] == nil ? nil : $0 }
        }
    }

    func testABlockedPersonsRoomMessagesAreHiddenForTheBlockerOnlyAndOneCanBeShown() throws {
        let community = try Community()
        XCTAssertTrue(try community.anna.ok(["block", "@bea"]).joined().contains("You blocked bea."))
        try community.bea.ok(["send", "Peers", "iets", "gemeens"])
        try community.carla.ok(["send", "Peers", "hallo", "allemaal"])

        let seen = try readObjects(community.anna, "Peers")
        XCTAssertEqual(seen.count, 2)
        XCTAssertEqual(seen.first?["hidden"] as? Bool, true)
        XCTAssertNil(seen.first?["text"], "the hidden message's words must not be printed")
        XCTAssertNil(seen.first?["sender"])
        XCTAssertEqual(seen.last?["text"] as? String, "hallo allemaal")
        // Only anna's screen changes: carla still reads bea.
        XCTAssertEqual(try community.read(community.carla), ["iets gemeens"])

        // The plain screen names no one and tells how to see the message anyway.
        try community.bea.ok(["send", "Peers", "nog", "iets"])
        let screen = try community.anna.ok(["read", "Peers"]).joined(separator: "\n")
        XCTAssertFalse(screen.contains("nog iets"), screen)
        XCTAssertFalse(screen.contains("bea"), screen)
        let seq = try XCTUnwrap(screen.range(of: #"--show \d+"#, options: .regularExpression).map { String(screen[$0].dropFirst(7)) })
        XCTAssertTrue(screen.contains("Hidden message from someone you blocked."), screen)
        let shown = try community.anna.ok(["read", "Peers", "--show", seq]).joined()
        XCTAssertTrue(shown.contains("bea: nog iets"), shown)
        let missing = try community.anna.run(["read", "Peers", "--show", "999"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.error.contains("There is no message with number 999 on this device."), missing.error)

        // After unblocking, new messages show again.
        XCTAssertTrue(try community.anna.ok(["unblock", "bea"]).joined().contains("You unblocked bea."))
        try community.bea.ok(["send", "Peers", "sorry"])
        XCTAssertEqual(try community.read(community.anna), ["sorry"])
    }

    func testABlockedPersonsPrivateMessagesAreRefusedWithoutTellingThemAndNotKept() throws {
        let community = try Community()
        try community.bea.ok(["dm", "anna", "eerst", "nog", "goed"])
        XCTAssertEqual(try community.read(community.anna, "bea"), ["eerst nog goed"])
        try community.anna.ok(["block", "bea"])

        // bea is not told: her send succeeds as always. anna sees nothing of it, now or after unblocking.
        XCTAssertTrue(try community.bea.ok(["dm", "anna", "laat", "me", "binnen"]).joined().contains("Sent to anna."))
        XCTAssertEqual(try readObjects(community.anna, "bea").count, 0)
        try community.anna.ok(["unblock", "bea"])
        XCTAssertEqual(try community.read(community.anna, "bea"), [])
        try community.bea.ok(["dm", "anna", "weer", "normaal"])
        XCTAssertEqual(try community.read(community.anna, "bea"), ["weer normaal"], "the session stays in step after a refused message")

        // Writing to someone you blocked is refused before anything leaves.
        try community.anna.ok(["block", "bea"])
        for words in [["dm", "bea", "hoi"], ["send", "bea", "hoi"]] {
            let refused = try community.anna.run(words)
            XCTAssertEqual(refused.status, 1, words.joined(separator: " "))
            XCTAssertTrue(refused.error.contains("You blocked bea, so nothing was sent."), refused.error)
        }
        XCTAssertEqual(try community.read(community.bea, "anna"), [])
    }

    func testBadBlocksGetAClearSentenceAndTheListStaysOnTheDevice() throws {
        let community = try Community()
        let own = try community.anna.run(["block", "ANNA"])
        XCTAssertEqual(own.status, 1)
        XCTAssertTrue(own.error.contains("You cannot block yourself."), own.error)
        let bad = try community.anna.run(["block", "!!"])
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.error.contains("!! is not a name on klankbord."), bad.error)
        XCTAssertTrue(try community.anna.ok(["unblock", "carla"]).joined().contains("You have not blocked carla"))
        XCTAssertEqual(try community.anna.ok(["blocked"]), ["You have not blocked anyone."])

        // The server is never asked: blocking works with the daemon stopped, and the list is on the device only.
        _ = community.daemon.terminate()
        try community.anna.ok(["block", "carla"])
        XCTAssertTrue(try community.anna.ok(["block", "Carla"]).joined().contains("You already blocked Carla."))
        try community.anna.ok(["block", "bea"])
        XCTAssertEqual(try community.anna.ok(["blocked"]), ["You blocked: bea, carla."])
    }
}
