import XCTest
import Klankbord

/// Deleting an account (right to erasure) removes everything the server held for it.
final class RelayAccountTests: XCTestCase {
    private func rows(_ relay: RelayHarness, _ table: String, _ column: String, _ id: UInt64) throws -> Int {
        try relay.count("SELECT count(*) FROM \(table) WHERE \(column) = ?", [.integer(Int64(id))])
    }

    func testDeleteAccountRemovesMembershipsEventsInboxAndClosesItsConnections() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        let phone = relay.reopen(c.member)
        try relay.subscribe(phone)
        try relay.subscribe(c.facilitator)
        relay.send([1], to: c.room, by: c.member)
        relay.send([1, 2], to: c.room, by: c.facilitator)
        guard case let .room(thread, _) = try relay.request(c.member, .directOpen(handle: c.facilitator.handle)).get() else { return XCTFail("no thread") }
        relay.send([2, 3], to: thread, by: c.member)
        relay.request(c.member, .inboxPut(recipient: c.facilitator.id, payload: [4]))
        relay.request(c.facilitator, .inboxPut(recipient: c.member.id, payload: [5]))
        relay.request(c.member, .contactCodeCreate(expiresInSeconds: 3600))
        relay.clearPushes()

        XCTAssertEqual(relay.request(c.member, .deleteAccount), .success(.done))

        XCTAssertEqual(relay.closed, [c.member.connection, phone.connection])
        XCTAssertEqual(try rows(relay, "accounts", "id", c.member.id), 0)
        XCTAssertEqual(try rows(relay, "members", "account_id", c.member.id), 0)
        XCTAssertEqual(try rows(relay, "events", "sender_id", c.member.id), 0)
        XCTAssertEqual(try rows(relay, "inbox", "account_id", c.member.id), 0)
        XCTAssertEqual(try rows(relay, "inbox", "sender_id", c.member.id), 0)
        XCTAssertEqual(try rows(relay, "contact_codes", "account_id", c.member.id), 0)
        XCTAssertEqual(try rows(relay, "rooms", "id", thread), 0, "the one-to-one thread goes with it")
        XCTAssertEqual(try relay.memberHandles(c.room, by: c.facilitator), ["Fenna", "Hulplijn"])
        XCTAssertEqual(try relay.fetch(c.room, by: c.facilitator).events.map(\.payload), [[1, 2]])
        XCTAssertEqual(relay.takePushes(c.facilitator), [
            .membership(room: c.room, accountID: c.member.id, handle: "Ana", change: .left),
            .membership(room: thread, accountID: c.member.id, handle: "Ana", change: .left),
        ])
        XCTAssertEqual(relay.takePushes(phone), [])
        // The device is a stranger now; the handle is free again.
        XCTAssertEqual(relay.request(relay.open(deviceKey: c.member.deviceKey), .whoami), .failure(.notRegistered))
        _ = try relay.register("ana", invitedBy: c.facilitator)
    }

    func testDeletingTheLastMemberOfAGroupDeletesTheRoomAndItsInvites() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        let alone = try relay.createRoom("Alleen", by: c.facilitator)
        relay.send([1], to: alone, by: c.facilitator)
        let invite = try relay.invite(by: c.facilitator, room: alone)
        XCTAssertEqual(relay.request(c.facilitator, .deleteAccount), .success(.done))
        XCTAssertEqual(try rows(relay, "rooms", "id", alone), 0)
        XCTAssertEqual(relay.request(relay.open(), .redeem(secret: invite.secret, handle: "Te_laat")), .failure(.inviteUnknown))
        // A room with members left stays.
        XCTAssertEqual(try rows(relay, "rooms", "id", c.room), 1)
    }

    func testOtherAccountsConnectionsStayOpen() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        relay.request(c.member, .deleteAccount)
        XCTAssertEqual(relay.closed, [c.member.connection])
        XCTAssertEqual(relay.request(c.trusted, .whoami), .success(.account(try XCTUnwrap(c.trusted.account))))
    }

    func testDeleteAccountAlsoClosesAConnectionOfTheSameDeviceThatNeverSubscribed() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        let quiet = relay.reopen(c.member)
        let sender = relay.reopen(c.member)
        relay.send([1], to: c.room, by: sender)
        XCTAssertEqual(relay.request(c.member, .deleteAccount), .success(.done))
        XCTAssertEqual(relay.closed, [c.member.connection, quiet.connection, sender.connection])
    }
}
