import Klankbord
import XCTest

/// Rules found while reviewing the permission table against DESIGN.md.
final class RelayRuleTests: XCTestCase {
    func testOperatorCannotJoinARoomWithARoomInvite() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        let (_, secret) = try relay.invite(by: c.facilitator, room: c.room)
        XCTAssertEqual(relay.request(c.op, .redeem(secret: secret, handle: "")), .failure(.forbidden))
        XCTAssertFalse(try relay.memberHandles(c.room, by: c.facilitator).contains("beheerder"))
    }

    func testADeletedRoomsIdIsNeverGivenToANewRoom() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        let doomed = try relay.createRoom("Kort", by: c.facilitator)
        _ = try relay.request(c.facilitator, .roomLeave(room: doomed)).get()
        let next = try relay.createRoom("Nieuw", by: c.facilitator)
        XCTAssertGreaterThan(next, doomed)
    }

    func testUnreachableAndNonexistentHandlesLookTheSame() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        XCTAssertEqual(relay.request(c.outsider, .directOpen(handle: c.member.handle)), relay.request(c.outsider, .directOpen(handle: "Niemand")))
    }
}
