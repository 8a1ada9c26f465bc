import Foundation
import XCTest

/// Real daemon, real CLI processes: the walk-through of the README, end to end.
final class CommunityFlowTests: XCTestCase {
    func testThreeMembersReceiveEveryMessageInOrder() throws {
        let community = try Community()
        try community.fien.ok(["send", "Peers", "welcome everyone"])
        try community.anna.ok(["send", "Peers", "hoi"])
        try community.bea.ok(["send", "peers", "hola"])
        // Everyone reads what the others sent, in order; what you sent yourself is not new to you.
        XCTAssertEqual(try community.read(community.carla), ["welcome everyone", "hoi", "hola"])
        XCTAssertEqual(try community.read(community.fien), ["hoi", "hola"])
        XCTAssertEqual(try community.read(community.anna), ["welcome everyone", "hola"])
        XCTAssertEqual(try community.read(community.bea), ["welcome everyone", "hoi"])
        for person in [community.fien, community.anna, community.bea, community.carla] {
            XCTAssertEqual(try community.read(person), [], "a second read shows nothing new")
        }
        let members = try community.fien.ok(["members", "Peers"])
        XCTAssertEqual(members.count, 4)
    }

    func testLiveChatThenCatchUpAfterReconnectGetsExactlyTheMissedMessages() throws {
        let community = try Community()
        let chat = try ChatProcess(community.carla, room: "Peers")
        XCTAssertTrue(chat.waitUntilReady(), chat.text)
        try community.anna.ok(["send", "Peers", "live one"])
        try community.bea.ok(["send", "Peers", "live two"])
        XCTAssertTrue(chat.waitFor("anna: live one"), chat.text)
        XCTAssertTrue(chat.waitFor("bea: live two"), chat.text)
        chat.type("typed in chat")
        XCTAssertEqual(try community.read(community.anna, waitingFor: 2), ["live two", "typed in chat"])
        chat.kill()

        for index in 1...5 { try community.fien.ok(["send", "Peers", "missed \(index)"]) }
        XCTAssertEqual(try community.read(community.carla), (1...5).map { "missed \($0)" })
        XCTAssertEqual(try community.read(community.carla), [])
    }

    func testAcknowledgedMessagesSurviveKillNine() throws {
        let community = try Community()
        let texts = (1...25).map { "burst \($0)" }
        for text in texts { try community.anna.ok(["send", "Peers", text]) }
        community.daemon.kill9()
        try community.daemon.start(port: community.daemon.port)
        XCTAssertEqual(try community.read(community.bea), texts)
        try community.bea.ok(["send", "Peers", "after restart"])
        XCTAssertEqual(try community.read(community.carla), texts + ["after restart"])
    }

    func testDirectMessagesAndWhoCanReachWhom() throws {
        let community = try Community()
        try community.bea.ok(["dm", "anna", "just for you"])
        XCTAssertEqual(try community.read(community.anna, "bea"), ["just for you"])
        // The operator shares no room with anyone and is nobody's contact.
        let refused = try community.op.run(["dm", "anna", "hi"])
        XCTAssertEqual(refused.status, 2)
        // A contact code lets someone outside your rooms reach you.
        let code = try XCTUnwrap(community.carla.ok(["contact"]).first)
        let dora = Person(community.base, "dora")
        let invite = try XCTUnwrap(community.fien.ok(["invite", "create"]).first)
        try dora.ok(["join", invite, "--handle", "dora"])
        XCTAssertEqual(try dora.run(["dm", "carla", "hello?"]).status, 2, "dora shares no room with carla")
        try dora.ok(["dm", "--code", code, "hello via code"])
        XCTAssertEqual(try community.read(community.carla, "dora"), ["hello via code"])
    }

    func testInviteErrorsSayWhatToDo() throws {
        let community = try Community()
        let once = try XCTUnwrap(community.fien.ok(["invite", "create"]).first)
        try Person(community.base, "first").ok(["join", once, "--handle", "first"])
        let again = try Person(community.base, "second").run(["join", once, "--handle", "second"])
        XCTAssertEqual(again.status, 2)
        XCTAssertTrue(again.error.contains("already used"), again.error)

        let revoked = try XCTUnwrap(community.fien.ok(["invite", "create"]).first)
        let list = try community.fien.ok(["invite", "list", "--json"])
        let newest = try XCTUnwrap(list.first.flatMap { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }?["id"] as? Int)
        try community.fien.ok(["invite", "revoke", String(newest)])
        let refused = try Person(community.base, "third").run(["join", revoked, "--handle", "third"])
        XCTAssertEqual(refused.status, 2)
        XCTAssertTrue(refused.error.contains("stopped"), refused.error)

        let taken = try XCTUnwrap(community.fien.ok(["invite", "create"]).first)
        let clash = try Person(community.base, "fourth").run(["join", taken, "--handle", "ANNA"])
        XCTAssertEqual(clash.status, 2)
        XCTAssertTrue(clash.error.contains("already uses this name"), clash.error)
        XCTAssertFalse(FileManager.default.fileExists(atPath: community.base.appendingPathComponent("fourth").path), "a failed join leaves no profile")
    }

    func testMembersCannotManageAndRemovedMembersCannotRead() throws {
        let community = try Community()
        let invitesBefore = try community.fien.ok(["invite", "list", "--json"]).count
        XCTAssertEqual(try community.anna.run(["invite", "create"]).status, 2)
        XCTAssertEqual(try community.fien.ok(["invite", "list", "--json"]).count, invitesBefore, "no invite was made")
        XCTAssertEqual(try community.anna.run(["room", "create", "Mine"]).status, 2)
        XCTAssertFalse(try community.anna.ok(["rooms"]).contains { $0.contains("Mine") }, "no room was made")
        XCTAssertFalse(try community.fien.ok(["rooms"]).contains { $0.contains("Mine") })
        XCTAssertEqual(try community.anna.run(["room", "remove", "Peers", "bea"]).status, 2)
        XCTAssertTrue(try community.fien.ok(["members", "Peers"]).contains { $0.contains("bea") }, "bea is still a member")
        try community.anna.ok(["send", "Peers", "bea still here"])
        XCTAssertEqual(try community.read(community.bea), ["bea still here"], "and still reads the room")
        try community.fien.ok(["room", "remove", "Peers", "carla"])
        try community.anna.ok(["send", "Peers", "after carla left"])
        let read = try community.carla.run(["read", "Peers"])
        XCTAssertEqual(read.status, 2)
        XCTAssertFalse(read.output.contains("after carla left"))
    }

    func testSigtermStopsCleanlyAndKeepsEverything() throws {
        let community = try Community()
        try community.anna.ok(["send", "Peers", "before stop"])
        XCTAssertEqual(community.daemon.terminate(), 0)
        try community.daemon.start(port: community.daemon.port)
        XCTAssertEqual(try community.read(community.fien), ["before stop"])
    }

    func testUnreachableServerGivesExitCodeThree() throws {
        let community = try Community()
        community.daemon.terminate()
        let result = try community.anna.run(["rooms"])
        XCTAssertEqual(result.status, 3)
        // The daemon's computer answers but nothing listens: the person hears the server is down, not to check their internet.
        XCTAssertTrue(result.error.contains("does not answer right now, but your internet works"), result.error)
    }
}
