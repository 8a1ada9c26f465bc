import Foundation
import Klankbord
@testable import KlankbordClient
@testable import KlankbordProtocol
@testable import KlankbordStorage
import XCTest

/// Slow mode, announcement-only rooms and disappearing messages with real daemon and CLI processes: a facilitator
/// sets them, the server enforces them, every member sees them, and members' attempts to change them are refused.
final class RoomRulesTests: XCTestCase {
    func testSlowModeRefusesAMembersSecondMessageWithTheTimeLeftButNotTheFacilitators() throws {
        let community = try Community()
        let set = try community.fien.ok(["room", "rules", "Peers", "--slow", "3s"]).joined(separator: "\n")
        XCTAssertTrue(set.contains("Slow mode: each member can send one message every 3 seconds."), set)
        try community.anna.ok(["send", "Peers", "een"])
        let refused = try community.anna.run(["send", "Peers", "twee"])
        XCTAssertEqual(refused.status, 2)
        XCTAssertNotNil(refused.error.range(of: #"This room has slow mode, so nothing was sent\. You can send again in [123] seconds?\."#,
                                             options: .regularExpression), refused.error)
        // Another member is not held up by anna, and the facilitator is never held up.
        try community.bea.ok(["send", "Peers", "drie"])
        try community.fien.ok(["send", "Peers", "vier"])
        try community.fien.ok(["send", "Peers", "vijf"])
        let slow = "changed the rules. Slow mode: each member can send one message every 3 seconds."
        XCTAssertEqual(try community.read(community.carla), [slow, "een", "drie", "vier", "vijf"])
        // Every member sees the rule when reading.
        XCTAssertTrue(try community.carla.ok(["read", "Peers"]).contains("Slow mode: each member can send one message every 3 seconds."))
        Thread.sleep(forTimeInterval: 3.1)
        try community.anna.ok(["send", "Peers", "zes"])
        // Off again: anna may send at once.
        try community.fien.ok(["room", "rules", "Peers", "--slow", "off"])
        try community.anna.ok(["send", "Peers", "zeven"])
        XCTAssertEqual(try community.read(community.carla),
                       ["zes", "changed the rules. This room has no special rules: everyone can post, and messages do not disappear.", "zeven"])
    }

    func testAnAnnouncementOnlyRoomTakesPostsOnlyFromFacilitators() throws {
        let community = try Community()
        try community.fien.ok(["room", "rules", "Peers", "--announce", "on"])
        let refused = try community.anna.run(["send", "Peers", "mag", "dit?"])
        XCTAssertEqual(refused.status, 2)
        XCTAssertTrue(refused.error.contains("Only facilitators can post in this room, so nothing was sent."), refused.error)
        try community.fien.ok(["send", "Peers", "De", "bijeenkomst", "is", "verplaatst."])
        // The change shows among the messages, signed by fien, then her announcement.
        XCTAssertEqual(try community.read(community.anna),
                       ["changed the rules. Only facilitators can post in this room.", "De bijeenkomst is verplaatst."])
        XCTAssertTrue(try community.anna.ok(["read", "Peers", "--show", "1"]).joined().contains("fien: changed the rules."))
        XCTAssertEqual(try community.anna.ok(["room", "rules", "Peers"]), ["Only facilitators can post in this room."])
        let json = try community.bea.ok(["room", "rules", "Peers", "--json"]).joined()
        XCTAssertTrue(json.contains(#""announce_only":true"#), json)
        // A private conversation is not touched by the room's rule.
        try community.anna.ok(["dm", "bea", "gewoon", "privé"])
        XCTAssertEqual(try community.read(community.bea, "anna"), ["gewoon privé"])
    }

    func testMembersCannotSetRulesAndBadTimesGetAClearSentence() throws {
        let community = try Community()
        let member = try community.anna.run(["room", "rules", "Peers", "--announce", "off"])
        XCTAssertEqual(member.status, 2)
        XCTAssertTrue(member.error.contains("Only a facilitator of this room can change its rules. Nothing was changed."), member.error)
        for bad in ["0", "-5", "0s", "soon", "2x", "99999999999d"] {
            let refused = try community.fien.run(["room", "rules", "Peers", "--slow", bad])
            XCTAssertEqual(refused.status, 1, bad)
            XCTAssertTrue(refused.error.contains("--slow needs a time like 30s, 5m, 2h or 7d, or the word off."), refused.error)
        }
        let tooLong = try community.fien.run(["room", "rules", "Peers", "--slow", "2d"])
        XCTAssertTrue(tooLong.error.contains("at most 1 day"), tooLong.error)
        let negative = try community.fien.run(["room", "rules", "Peers", "--disappear", "-1"])
        XCTAssertEqual(negative.status, 1)
        let word = try community.fien.run(["room", "rules", "Peers", "--announce", "maybe"])
        XCTAssertTrue(word.error.contains("--announce needs on or off."), word.error)
        try community.anna.ok(["dm", "bea", "hoi"])
        let direct = try community.anna.run(["room", "rules", "bea", "--slow", "10s"])
        XCTAssertEqual(direct.status, 1)
        XCTAssertTrue(direct.error.contains("Slow mode and announcement-only are for group rooms."), direct.error)
        XCTAssertEqual(try community.anna.ok(["room", "rules", "Peers"]),
                       ["This room has no special rules: everyone can post, and messages do not disappear."])
    }

    func testAMemberCannotGetPastTheRulesWithRawRequests() throws {
        let community = try Community()
        try community.fien.ok(["room", "rules", "Peers", "--announce", "on"])
        let anna = try connection(community, "anna")
        let room = try HostileServer(community: community).room("Peers")
        XCTAssertThrowsError(try anna.call(.roomSettingsSet(room: room, .open))) { XCTAssertEqual($0 as? ClientError, .server(.forbidden)) }
        XCTAssertThrowsError(try anna.send(payload: [Envelope.senderKey.rawValue, 1, 2, 3], to: room)) {
            XCTAssertEqual($0 as? ClientError, .server(.announcementOnly))
        }
        guard case let .roomSettings(settings, _) = try anna.call(.roomSettings(room: room)) else { return XCTFail("no rules") }
        XCTAssertTrue(settings.announceOnly)
    }

    func testAMembersOwnRulesMessageIsNotShownAsARuleChange() throws {
        let community = try Community()
        let directory = community.base.appendingPathComponent("anna").path
        let profile = try Profile(openingAt: directory, passphrase: { nil })
        let account = try XCTUnwrap(profile.account)
        let messenger = Messenger(profile: profile, connection: try connection(community, "anna"), account: account)
        let room = RoomSummary(id: try HostileServer(community: community).room("Peers"), kind: .group, name: "Peers", lastSeq: 0, memberCount: 4)
        try messenger.send(.unsupported(type: MessageBody.rulesType, raw: RoomSettings(slowSeconds: 0, announceOnly: true, disappearSeconds: 0).bytes), to: room)
        let shown = try community.read(community.carla)
        XCTAssertEqual(shown, ["(a message this version of klankbord cannot show yet; update klankbord to see it)"])
    }

    func testEitherPersonInAPrivateConversationSetsItsTimerAndBothSeeTheChange() throws {
        let community = try Community()
        try community.anna.ok(["dm", "bea", "eerst"])
        XCTAssertEqual(try community.read(community.bea, "anna"), ["eerst"])
        try community.bea.ok(["room", "rules", "anna", "--disappear", "2s"])
        try community.anna.ok(["dm", "bea", "kort", "bewaard"])
        XCTAssertEqual(try community.read(community.anna, "bea"),
                       ["changed the rules. Messages disappear 2 seconds after they are sent, on every device and on the server."])
        XCTAssertEqual(try community.read(community.bea, "anna"), ["kort bewaard"])
        XCTAssertEqual(try community.anna.ok(["room", "rules", "bea"]),
                       ["Messages disappear 2 seconds after they are sent, on every device and on the server."])
        Thread.sleep(forTimeInterval: 3.2)
        // Gone from the reader's device (the server swept it too: a late fetch finds nothing).
        let gone = try community.bea.run(["read", "anna", "--show", "3"])
        XCTAssertEqual(gone.status, 1, gone.output)
    }

    func testARetentionTheServerCannotKeepIsRefused() throws {
        let community = try Community(daemonArguments: ["--set", "retention_days=1"])
        let refused = try community.fien.run(["room", "rules", "Peers", "--disappear", "2d"])
        XCTAssertEqual(refused.status, 2)
        XCTAssertTrue(refused.error.contains("This server deletes messages sooner than that."), refused.error)
        try community.fien.ok(["room", "rules", "Peers", "--disappear", "1d"])
    }

    /// A connection logged in as `person`, for requests the CLI would never send.
    private func connection(_ community: Community, _ person: String) throws -> ClientConnection {
        let directory = community.base.appendingPathComponent(person).path
        let profile = try Profile(openingAt: directory, passphrase: { nil })
        let account = try XCTUnwrap(profile.account)
        return try ClientConnection(address: account.server, serverKey: account.serverKey, deviceKey: try profile.deviceKey())
    }
}
