import XCTest
import Klankbord
@testable import KlankbordConfig
@testable import KlankbordCrypto

/// Many requests in one batch share one commit, and one failing request does not sink the others.
final class RelayGroupCommitTests: XCTestCase {
    func testHundredSendsFromDifferentConnectionsInOneBatchGetConsecutiveSeqs() throws {
        var config = Config()
        config.redeemsPerMinute = 200
        let relay = try RelayHarness(config: config)
        let c = try relay.community()
        relay.send([1, 0], to: c.room, by: c.member)
        let invite = try relay.invite(by: c.facilitator, room: c.room, uses: 100)
        var senders: [TestClient] = []
        for index in 0..<100 {
            senders.append(try relay.redeem(invite.secret, handle: "lid_\(index)", on: relay.open()))
        }
        try relay.subscribe(c.facilitator)
        relay.clearPushes()
        let replies = relay.batch(senders.enumerated().map { ($0.element, .send(room: c.room, clientID: Random.bytes(16), payload: [1, UInt8($0.offset)])) })
        XCTAssertEqual(try replies.map { try relay.sentSeq($0) }, Array(2...101))
        XCTAssertEqual(try relay.count("SELECT count(*) FROM events WHERE room_id = ?", [.integer(Int64(c.room))]), 101)
        XCTAssertEqual(relay.takePushes(c.facilitator).count, 100)
    }

    func testOneRefusedRequestInABatchDoesNotUndoTheOthers() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        let replies = relay.batch([
            (c.member, .send(room: c.room, clientID: Random.bytes(16), payload: [1])),
            (c.outsider, .send(room: c.room, clientID: Random.bytes(16), payload: [2])),
            (c.member, .send(room: c.room, clientID: Random.bytes(16), payload: [UInt8](repeating: 0, count: 20_000))),
            (c.trusted, .send(room: c.room, clientID: Random.bytes(16), payload: [1, 3])),
        ])
        XCTAssertEqual(try relay.sentSeq(replies[0]), 1)
        XCTAssertEqual(replies[1], .failure(.notAMember))
        XCTAssertEqual(replies[2], .failure(.tooLarge))
        XCTAssertEqual(try relay.sentSeq(replies[3]), 2)
        XCTAssertEqual(try relay.fetch(c.room, by: c.facilitator).events.map(\.payload), [[1], [1, 3]])
    }

    func testWhenTheDiskIsFullSendsFailButReadsInTheSameBatchSucceed() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        relay.send([1], to: c.room, by: c.member)
        relay.database.failWritesWithDiskFull = true
        let replies = relay.batch([
            (c.member, .send(room: c.room, clientID: Random.bytes(16), payload: [1, 2])),
            (c.facilitator, .rooms),
            (c.trusted, .fetch(room: c.room, afterSeq: 0, limit: 10)),
            (c.member, .inboxPut(recipient: c.trusted.id, payload: [3])),
            (c.member, .whoami),
        ])
        XCTAssertEqual(replies[0], .failure(.storageFull))
        guard case let .rooms(rooms) = try replies[1].get() else { return XCTFail("rooms failed") }
        XCTAssertEqual(rooms.map(\.id), [c.room])
        guard case let .events(events, _) = try replies[2].get() else { return XCTFail("fetch failed") }
        XCTAssertEqual(events.map(\.payload), [[1]])
        XCTAssertEqual(replies[3], .failure(.storageFull))
        XCTAssertEqual(replies[4], .success(.account(try XCTUnwrap(c.member.account))))

        // Once there is room again, sending carries on without a gap.
        relay.database.failWritesWithDiskFull = false
        XCTAssertEqual(try relay.sentSeq(relay.send([1, 4], to: c.room, by: c.member)), 2)
    }

    func testARedeemRefusedForAFullDiskDoesNotUseTheInvite() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        let invite = try relay.invite(by: c.facilitator)
        let device = relay.open()
        relay.database.failWritesWithDiskFull = true
        XCTAssertEqual(relay.request(device, .redeem(secret: invite.secret, handle: "Geduld")), .failure(.storageFull))
        relay.database.failWritesWithDiskFull = false
        _ = try relay.redeem(invite.secret, handle: "Geduld", on: device)
    }
}
