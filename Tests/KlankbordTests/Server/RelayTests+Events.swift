import XCTest
import Klankbord
@testable import KlankbordConfig
@testable import KlankbordCrypto
@testable import KlankbordProtocol

/// Room events: sequence numbers, retries, history from the join onward, paging and pushes.
final class RelayEventTests: XCTestCase {
    func testSequenceNumbersStartAtOneAndHaveNoGapsPerRoom() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        let other = try relay.createRoom("Tweede", by: c.facilitator)
        var seqs: [UInt64] = []
        var otherSeqs: [UInt64] = []
        for index in 0..<5 {
            seqs.append(try relay.sentSeq(relay.send([1, UInt8(index)], to: c.room, by: index % 2 == 0 ? c.member : c.trusted)))
            if index % 2 == 0 { otherSeqs.append(try relay.sentSeq(relay.send([1], to: other, by: c.facilitator))) }
        }
        // Refused sends take no number.
        XCTAssertEqual(relay.send([UInt8](repeating: 0, count: 20_000), to: c.room, by: c.member), .failure(.tooLarge))
        XCTAssertEqual(relay.send([1], to: c.room, by: c.outsider), .failure(.notAMember))
        seqs.append(try relay.sentSeq(relay.send([1, 9], to: c.room, by: c.member)))
        XCTAssertEqual(seqs, [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(otherSeqs, [1, 2, 3])
        XCTAssertEqual(try relay.fetch(c.room, by: c.facilitator).events.map(\.seq), [1, 2, 3, 4, 5, 6])
        guard case let .rooms(rooms) = try relay.request(c.member, .rooms).get() else { return XCTFail("no rooms") }
        XCTAssertEqual(rooms.first { $0.id == c.room }?.lastSeq, 6)
    }

    func testRetriedSendWithTheSameClientIDReturnsTheFirstSeqAndStoresOneEvent() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        try relay.subscribe(c.facilitator)
        let clientID = Random.bytes(Request.clientIDLength)
        let first = relay.send([1, 2, 3], to: c.room, by: c.member, clientID: clientID)
        relay.clock.advance(by: 30)
        _ = try relay.sentSeq(relay.send([1, 7], to: c.room, by: c.trusted))
        let retry = relay.send([1, 2, 3], to: c.room, by: c.member, clientID: clientID)
        XCTAssertEqual(retry, first)
        XCTAssertEqual(try relay.sentSeq(first), 1)
        XCTAssertEqual(try relay.count("SELECT count(*) FROM events WHERE room_id = ? AND sender_id = ?", [.integer(Int64(c.room)), .integer(Int64(c.member.id))]), 1)
        XCTAssertEqual(relay.takePushes(c.facilitator).count, 2, "the retry pushes nothing new")
        // The same client id from another sender is another event.
        XCTAssertEqual(try relay.sentSeq(relay.send([1, 2, 3], to: c.room, by: c.facilitator, clientID: clientID)), 3)
    }

    func testNewMemberCannotFetchEventsFromBeforeTheyJoined() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        for index in 0..<3 { relay.send([1, UInt8(index)], to: c.room, by: c.member) }
        let newcomer = try relay.register("Nieuwkomer", room: c.room, invitedBy: c.facilitator)
        XCTAssertEqual(try relay.fetch(c.room, by: newcomer).events, [])
        relay.send([1, 42], to: c.room, by: c.member)
        let seen = try relay.fetch(c.room, after: 0, by: newcomer).events
        XCTAssertEqual(seen.map(\.seq), [4])
        XCTAssertEqual(seen.first?.payload, [1, 42])
        XCTAssertEqual(seen.first?.senderHandle, "Ana")
        XCTAssertEqual(seen.first?.senderID, c.member.id)
        XCTAssertEqual(seen.first?.time, relay.clock.now)
        // Earlier members still see everything.
        XCTAssertEqual(try relay.fetch(c.room, by: c.trusted).events.map(\.seq), [1, 2, 3, 4])
    }

    func testFetchPagesByLimitAndSaysWhenThereIsMore() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        for index in 1...10 { relay.send([1, UInt8(index)], to: c.room, by: c.member) }
        var after: UInt64 = 0
        var pages: [[UInt64]] = []
        var mores: [Bool] = []
        repeat {
            let page = try relay.fetch(c.room, after: after, limit: 4, by: c.facilitator)
            pages.append(page.events.map(\.seq))
            mores.append(page.more)
            after = page.events.last?.seq ?? after
        } while mores.last == true && pages.count < 10
        XCTAssertEqual(pages, [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10]])
        XCTAssertEqual(mores, [true, true, false])
        // A page that ends exactly at the last event says there is no more.
        XCTAssertEqual(try relay.fetch(c.room, after: 6, limit: 4, by: c.facilitator).more, false)
        // A limit of 0 still returns one event.
        XCTAssertEqual(try relay.fetch(c.room, after: 0, limit: 0, by: c.facilitator).events.map(\.seq), [1])
        XCTAssertEqual(try relay.fetch(c.room, after: 10, by: c.facilitator).events, [])
    }

    func testFetchOfLargeEventsStaysInsideOneNoiseMessageAndPagesOn() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        let payload = [1] + [UInt8](repeating: 0xee, count: 16 * 1024 - 1)
        for _ in 0..<7 { _ = try relay.sentSeq(relay.send(payload, to: c.room, by: c.member)) }
        var after: UInt64 = 0
        var pageSizes: [Int] = []
        while true {
            // The harness checks that each answer fits into one Noise transport message.
            let page = try relay.fetch(c.room, after: after, limit: 500, by: c.facilitator)
            XCTAssertFalse(page.events.isEmpty)
            pageSizes.append(page.events.count)
            after = page.events.last?.seq ?? after
            if !page.more || pageSizes.count > 7 { break }
        }
        XCTAssertEqual(pageSizes.reduce(0, +), 7)
        XCTAssertGreaterThan(pageSizes.count, 1, "16 KiB events cannot all fit one answer")
        XCTAssertEqual(after, 7)
    }

    func testFetchReturnsAnEventLargerThanTheBudgetOnItsOwn() throws {
        var config = Config()
        config.maxEventBytes = 60_000
        let relay = try RelayHarness(config: config)
        let c = try relay.community()
        for _ in 0..<2 { _ = try relay.sentSeq(relay.send([UInt8](repeating: 1, count: 60_000), to: c.room, by: c.member)) }
        let first = try relay.fetch(c.room, by: c.facilitator)
        XCTAssertEqual(first.events.map(\.seq), [1])
        XCTAssertTrue(first.more)
        XCTAssertEqual(try relay.fetch(c.room, after: 1, by: c.facilitator).events.map(\.seq), [2])
    }

    func testPayloadOverMaxEventBytesIsTooLarge() throws {
        var config = Config()
        config.maxEventBytes = 1000
        let relay = try RelayHarness(config: config)
        let c = try relay.community()
        XCTAssertEqual(try relay.sentSeq(relay.send([UInt8](repeating: 1, count: 1000), to: c.room, by: c.member)), 1)
        XCTAssertEqual(relay.send([UInt8](repeating: 1, count: 1001), to: c.room, by: c.member), .failure(.tooLarge))
        XCTAssertEqual(relay.request(c.member, .inboxPut(recipient: c.facilitator.id, payload: [UInt8](repeating: 1, count: 1001))), .failure(.tooLarge))
    }

    func testEventIsPushedToEverySubscribedMemberConnectionExceptTheSendersOwn() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        let memberPhone = relay.reopen(c.member)
        for client in [c.facilitator, c.trusted, c.member, memberPhone, c.outsider, c.op] { try relay.subscribe(client) }
        let reply = relay.send([1, 6, 7], to: c.room, by: c.member)
        guard case let .sent(seq, time) = try reply.get() else { return XCTFail("not sent") }
        let expected = Push.event(EventRecord(room: c.room, seq: seq, senderID: c.member.id, senderHandle: "Ana", time: time, payload: [1, 6, 7]))
        for client in [c.facilitator, c.trusted, memberPhone] {
            XCTAssertEqual(relay.takePushes(client), [expected], "connection \(client.connection)")
        }
        for client in [c.member, c.outsider, c.op] {
            XCTAssertEqual(relay.takePushes(client), [], "connection \(client.connection)")
        }
    }

    func testUnsubscribedOrClosedConnectionGetsNoPushes() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        try relay.subscribe(c.trusted)
        relay.close(c.trusted)
        // The facilitator never subscribed; the member subscribes twice and still gets each push once.
        try relay.subscribe(c.member)
        guard case let .subscribed(cursors) = try relay.request(c.member, .subscribe).get() else { return XCTFail("not subscribed") }
        XCTAssertEqual(cursors, [RoomCursor(room: c.room, lastSeq: 0)])
        relay.send([1], to: c.room, by: c.facilitator)
        XCTAssertEqual(relay.takePushes(c.facilitator), [])
        XCTAssertEqual(relay.takePushes(c.trusted), [])
        XCTAssertEqual(relay.takePushes(c.member).count, 1)
    }

    func testSubscribeTellsWhereEachRoomStands() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        let other = try relay.createRoom("Tweede", by: c.facilitator)
        for _ in 0..<3 { relay.send([1], to: c.room, by: c.member) }
        relay.send([1], to: other, by: c.facilitator)
        XCTAssertEqual(relay.request(c.facilitator, .subscribe), .success(.subscribed([RoomCursor(room: c.room, lastSeq: 3), RoomCursor(room: other, lastSeq: 1)])))
        XCTAssertEqual(relay.request(c.outsider, .subscribe), .success(.subscribed([])))
    }

    func testRemovedMemberIsToldAndCanNoLongerSendOrFetch() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        for client in [c.facilitator, c.trusted, c.member] { try relay.subscribe(client) }
        relay.send([1], to: c.room, by: c.member)
        relay.clearPushes()
        XCTAssertEqual(relay.request(c.facilitator, .roomRemove(room: c.room, handle: "ana")), .success(.done))
        let removed = Push.membership(room: c.room, accountID: c.member.id, handle: "Ana", change: .removed)
        XCTAssertEqual(relay.takePushes(c.member), [removed])
        XCTAssertEqual(relay.takePushes(c.trusted), [removed])
        XCTAssertEqual(relay.takePushes(c.facilitator), [removed])
        XCTAssertEqual(relay.send([2], to: c.room, by: c.member), .failure(.notAMember))
        XCTAssertEqual(relay.request(c.member, .fetch(room: c.room, afterSeq: 0, limit: 10)), .failure(.notAMember))
        XCTAssertEqual(relay.request(c.member, .members(room: c.room)), .failure(.notAMember))
        // And no longer receives the room's events.
        relay.send([1, 3], to: c.room, by: c.trusted)
        XCTAssertEqual(relay.takePushes(c.member), [])
        XCTAssertEqual(try relay.memberHandles(c.room, by: c.facilitator), ["Fenna", "Hulplijn"])
    }

    func testLeavingTellsTheOthersAndTheLastToLeaveDeletesTheRoom() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        try relay.subscribe(c.facilitator)
        XCTAssertEqual(relay.request(c.member, .roomLeave(room: c.room)), .success(.done))
        XCTAssertEqual(relay.takePushes(c.facilitator), [.membership(room: c.room, accountID: c.member.id, handle: "Ana", change: .left)])
        XCTAssertEqual(relay.send([1], to: c.room, by: c.member), .failure(.notAMember))

        let alone = try relay.createRoom("Alleen", by: c.facilitator)
        relay.send([1], to: alone, by: c.facilitator)
        let invite = try relay.invite(by: c.facilitator, room: alone)
        XCTAssertEqual(relay.request(c.facilitator, .roomLeave(room: alone)), .success(.done))
        XCTAssertEqual(try relay.count("SELECT count(*) FROM rooms WHERE id = ?", [.integer(Int64(alone))]), 0)
        XCTAssertEqual(try relay.count("SELECT count(*) FROM events WHERE room_id = ?", [.integer(Int64(alone))]), 0)
        XCTAssertEqual(relay.request(relay.open(), .redeem(secret: invite.secret, handle: "Te_laat")), .failure(.inviteUnknown))
        guard case let .rooms(rooms) = try relay.request(c.facilitator, .rooms).get() else { return XCTFail("no rooms") }
        XCTAssertEqual(rooms.map(\.id), [c.room])
    }
}
