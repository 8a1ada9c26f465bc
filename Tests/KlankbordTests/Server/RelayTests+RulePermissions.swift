import XCTest
import Klankbord
@testable import KlankbordConfig
@testable import KlankbordCrypto
@testable import KlankbordProtocol
@testable import KlankbordStorage

/// Who may read and set a room's rules, and whose messages the rules hold back, as one table like
/// `RelayPermissionTests` (kept apart so both tables can grow at the same time); then the rules' edges with a test clock.
final class RelayRulePermissionTests: XCTestCase, CallerPermissionTable {
    static let announcementOnly = Outcome.refused(.announcementOnly), slowMode = Outcome.refused(.slowMode)

    static func send(_ c: Community) -> Request { .send(room: c.room, clientID: Random.bytes(16), payload: [Envelope.senderKey.rawValue, 2, 3]) }

    static func setRules(_ relay: RelayHarness, _ c: Community, _ settings: RoomSettings) throws {
        _ = try relay.request(c.facilitator, .roomSettingsSet(room: c.room, settings)).get()
    }

    //                                          operator    facilitator trusted           member            outsider    stranger
    static var table: [CallerPermissionRow] { [
        row("roomSettings",                     notAMember, ok,         ok,               ok,               notAMember, notRegistered) { _, c, _ in
            .roomSettings(room: c.room) },
        row("roomSettingsSet",                  forbidden,  ok,         forbidden,        forbidden,        forbidden,  notRegistered) { _, c, _ in
            .roomSettingsSet(room: c.room, RoomSettings(slowSeconds: 30, announceOnly: true, disappearSeconds: 3600)) },
        row("send in an announcement room",     notAMember, ok,         announcementOnly, announcementOnly, notAMember, notRegistered) { relay, c, _ in
            try setRules(relay, c, RoomSettings(slowSeconds: 0, announceOnly: true, disappearSeconds: 0))
            return send(c) },
        row("second send within slow mode",     notAMember, ok,         slowMode,         slowMode,         notAMember, notRegistered) { relay, c, caller in
            try setRules(relay, c, RoomSettings(slowSeconds: 60, announceOnly: false, disappearSeconds: 0))
            _ = relay.request(caller, send(c))
            return send(c) },
        row("first send in slow mode",          notAMember, ok,         ok,               ok,               notAMember, notRegistered) { relay, c, _ in
            try setRules(relay, c, RoomSettings(slowSeconds: 60, announceOnly: false, disappearSeconds: 0))
            return send(c) },
    ] }

    func testEachCallerIsAllowedOrRefusedAsTheTableSays() throws {
        try Self.checkEveryCell()
    }

    func testTheWaitCountsDownAndAMemberMaySendWhenItEnds() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        try Self.setRules(relay, c, RoomSettings(slowSeconds: 60, announceOnly: false, disappearSeconds: 0))
        XCTAssertEqual(relay.request(c.member, .roomSettings(room: c.room)).map(\.wait), .success(0))
        _ = try relay.request(c.member, Self.send(c)).get()
        relay.clock.advance(by: 45)
        XCTAssertEqual(relay.request(c.member, .roomSettings(room: c.room)).map(\.wait), .success(15))
        XCTAssertEqual(relay.request(c.member, Self.send(c)), .failure(.slowMode))
        relay.clock.advance(by: 15)
        XCTAssertEqual(relay.request(c.member, .roomSettings(room: c.room)).map(\.wait), .success(0))
        XCTAssertNoThrow(try relay.request(c.member, Self.send(c)).get())
        // A facilitator never waits.
        _ = try relay.request(c.facilitator, Self.send(c)).get()
        XCTAssertEqual(relay.request(c.facilitator, .roomSettings(room: c.room)).map(\.wait), .success(0))
    }

    func testRulesAreOnlyForGroupRoomsAndWithinTheServersLimits() throws {
        var config = Config()
        config.retentionDays = 1
        let relay = try RelayHarness(config: config)
        let c = try relay.community()
        guard case let .room(direct, _) = try relay.request(c.facilitator, .directOpen(handle: c.member.handle)).get() else { return XCTFail("no thread") }
        // A one-to-one thread has only a disappearing timer, which either person sets.
        let slowThread = RoomSettings(slowSeconds: 5, announceOnly: false, disappearSeconds: 0)
        XCTAssertEqual(relay.request(c.member, .roomSettingsSet(room: direct, slowThread)), .failure(.forbidden))
        let quietThread = RoomSettings(slowSeconds: 0, announceOnly: true, disappearSeconds: 0)
        XCTAssertEqual(relay.request(c.facilitator, .roomSettingsSet(room: direct, quietThread)), .failure(.forbidden))
        let timer = RoomSettings(slowSeconds: 0, announceOnly: false, disappearSeconds: 3600)
        XCTAssertEqual(relay.request(c.member, .roomSettingsSet(room: direct, timer)), .success(.done))
        XCTAssertEqual(relay.request(c.facilitator, .roomSettings(room: direct)), .success(.roomSettings(timer, waitSeconds: 0)))
        XCTAssertEqual(relay.request(c.outsider, .roomSettingsSet(room: direct, timer)), .failure(.forbidden))
        XCTAssertEqual(relay.request(c.facilitator, .roomSettingsSet(room: 999, .open)), .failure(.notAMember))
        let tooSlow = RoomSettings(slowSeconds: RoomSettings.maxSlowSeconds + 1, announceOnly: false, disappearSeconds: 0)
        XCTAssertEqual(relay.request(c.facilitator, .roomSettingsSet(room: c.room, tooSlow)), .failure(.malformed))
        let pastRetention = RoomSettings(slowSeconds: 0, announceOnly: false, disappearSeconds: 86_401)
        XCTAssertEqual(relay.request(c.facilitator, .roomSettingsSet(room: c.room, pastRetention)), .failure(.limitReached))
        let day = RoomSettings(slowSeconds: 0, announceOnly: false, disappearSeconds: 86_400)
        XCTAssertEqual(relay.request(c.facilitator, .roomSettingsSet(room: c.room, day)), .success(.done))
        XCTAssertEqual(relay.request(c.member, .roomSettings(room: c.room)), .success(.roomSettings(day, waitSeconds: 0)))
    }

    func testTheSweepDeletesOnlyEventsPastTheirRoomsTimer() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        let other = try relay.createRoom("Zonder timer", by: c.facilitator)
        try Self.setRules(relay, c, RoomSettings(slowSeconds: 0, announceOnly: false, disappearSeconds: 10))
        _ = try relay.request(c.member, Self.send(c)).get()
        _ = try relay.request(c.facilitator, .send(room: other, clientID: Random.bytes(16), payload: [Envelope.senderKey.rawValue])).get()
        relay.clock.advance(by: 9)
        XCTAssertEqual(try relay.relay.expireDisappearing(), 0)
        _ = try relay.request(c.member, Self.send(c)).get()
        relay.clock.advance(by: 1)
        XCTAssertEqual(try relay.relay.expireDisappearing(), 1, "the first message, exactly at its timer")
        relay.clock.advance(by: 100)
        XCTAssertEqual(try relay.relay.expireDisappearing(), 1)
        XCTAssertEqual(try relay.database.queryOne("SELECT count(*) FROM events", []) { $0.int64(0) }, 1, "the room without a timer keeps its event")
    }
}

private extension Response {
    /// The wait of a `roomSettings` answer (-1 for any other answer).
    var wait: Int64 {
        if case let .roomSettings(_, wait) = self { return Int64(wait) }
        return -1
    }
}
