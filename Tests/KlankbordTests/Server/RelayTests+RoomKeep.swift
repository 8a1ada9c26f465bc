import XCTest
import Klankbord
@testable import KlankbordConfig
@testable import KlankbordCrypto
@testable import KlankbordProtocol
@testable import KlankbordServer

/// `roomKeep` (PROTOCOL.md §9, 0x2B): a facilitator marks a group room they are in to be kept past `retention_days`
/// (the ledger room); the retention sweep passes it by, and by nothing else.
final class RelayRoomKeepTests: XCTestCase, CallerPermissionTable {
    //                                          operator    facilitator trusted           member            outsider    stranger
    static var table: [CallerPermissionRow] { [
        row("roomKeep",                         notAMember, ok,         forbidden,        forbidden,        notAMember, notRegistered) { _, c, _ in
            .roomKeep(room: c.room, keep: true) },
    ] }

    private let log = Log(level: .error)

    func testEachCallerIsAllowedOrRefusedAsTheTableSays() throws {
        try Self.checkEveryCell()
    }

    func testOnlyGroupRoomsTheFacilitatorIsInCanBeKept() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        guard case let .room(direct, _) = try relay.request(c.facilitator, .directOpen(handle: c.member.handle)).get() else { return XCTFail("no thread") }
        XCTAssertEqual(relay.request(c.facilitator, .roomKeep(room: direct, keep: true)), .failure(.forbidden))
        XCTAssertEqual(relay.request(c.member, .roomKeep(room: direct, keep: true)), .failure(.forbidden))
        XCTAssertEqual(relay.request(c.facilitator, .roomKeep(room: 999, keep: true)), .failure(.notAMember))
    }

    func testRetentionPassesAKeptRoomByAndTakesItAgainWhenTheMarkIsLifted() throws {
        var config = Config()
        config.retentionDays = 1
        let relay = try RelayHarness(config: config)
        let c = try relay.community()
        let kept = try relay.createRoom("ledger", by: c.facilitator)
        XCTAssertEqual(relay.request(c.facilitator, .roomKeep(room: kept, keep: true)), .success(.done))
        relay.send([0x01, 0x0A], to: kept, by: c.facilitator)
        relay.send([0x01, 0x0B], to: c.room, by: c.member)
        relay.clock.advance(by: 2 * 86_400)

        relay.relay.maintain(log: log)
        XCTAssertEqual(try relay.fetch(kept, by: c.facilitator).events.map(\.payload), [[0x01, 0x0A]], "the kept room's event stays")
        XCTAssertEqual(try relay.fetch(c.room, by: c.facilitator).events.count, 0, "every other room follows retention")

        XCTAssertEqual(relay.request(c.facilitator, .roomKeep(room: kept, keep: false)), .success(.done))
        relay.relay.maintain(log: log)
        XCTAssertEqual(try relay.fetch(kept, by: c.facilitator).events.count, 0)
    }
}
