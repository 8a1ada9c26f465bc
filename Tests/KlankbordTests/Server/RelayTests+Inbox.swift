import XCTest
import Klankbord
@testable import KlankbordConfig

/// The per-device inbox for key distribution: put, fetch, acknowledge, limits.
final class RelayInboxTests: XCTestCase {
    func testItemIsPushedFetchedAndDeletedWhenAcknowledged() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        try relay.subscribe(c.member)
        XCTAssertEqual(relay.request(c.facilitator, .inboxPut(recipient: c.member.id, payload: [1, 2])), .success(.done))
        XCTAssertEqual(relay.request(c.trusted, .inboxPut(recipient: c.member.id, payload: [3])), .success(.done))
        guard case let .inboxItems(items) = try relay.request(c.member, .inboxFetch(limit: 10)).get() else { return XCTFail("no items") }
        XCTAssertEqual(items.map(\.payload), [[1, 2], [3]])
        XCTAssertEqual(items.map(\.senderHandle), ["Fenna", "Hulplijn"])
        XCTAssertEqual(items.map(\.senderID), [c.facilitator.id, c.trusted.id])
        XCTAssertEqual(relay.takePushes(c.member), items.map { .inboxItem($0) })

        XCTAssertEqual(relay.request(c.member, .inboxAck(ids: [items[0].id])), .success(.done))
        XCTAssertEqual(relay.request(c.member, .inboxFetch(limit: 10)), .success(.inboxItems([items[1]])))
        XCTAssertEqual(relay.request(c.member, .inboxAck(ids: [items[1].id, 12345])), .success(.done))
        XCTAssertEqual(relay.request(c.member, .inboxFetch(limit: 10)), .success(.inboxItems([])))
        XCTAssertEqual(try relay.count("SELECT count(*) FROM inbox"), 0)
    }

    func testInboxFetchHonoursItsLimit() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        for index in 0..<5 { relay.request(c.facilitator, .inboxPut(recipient: c.member.id, payload: [UInt8(index)])) }
        guard case let .inboxItems(items) = try relay.request(c.member, .inboxFetch(limit: 2)).get() else { return XCTFail("no items") }
        XCTAssertEqual(items.map(\.payload), [[0], [1]])
    }

    func testAcknowledgingSomeoneElsesItemDeletesNothing() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        relay.request(c.facilitator, .inboxPut(recipient: c.member.id, payload: [1]))
        guard case let .inboxItems(items) = try relay.request(c.member, .inboxFetch(limit: 10)).get() else { return XCTFail("no items") }
        XCTAssertEqual(relay.request(c.trusted, .inboxAck(ids: items.map(\.id))), .success(.done))
        XCTAssertEqual(relay.request(c.member, .inboxFetch(limit: 10)), .success(.inboxItems(items)))
    }

    func testOnlySomeoneWhoSharesARoomMayPut() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        XCTAssertEqual(relay.request(c.outsider, .inboxPut(recipient: c.member.id, payload: [1])), .failure(.handleUnknown))
        XCTAssertEqual(relay.request(c.member, .inboxPut(recipient: c.outsider.id, payload: [1])), .failure(.handleUnknown))
        XCTAssertEqual(relay.request(c.member, .inboxPut(recipient: 9999, payload: [1])), .failure(.handleUnknown))
        XCTAssertEqual(try relay.count("SELECT count(*) FROM inbox"), 0)
        // A device may leave something for itself (its other devices, later).
        XCTAssertEqual(relay.request(c.outsider, .inboxPut(recipient: c.outsider.id, payload: [1])), .success(.done))
    }

    func testInboxRefusesMoreThanMaxInboxPerDevice() throws {
        var config = Config()
        config.maxInboxPerDevice = 3
        let relay = try RelayHarness(config: config)
        let c = try relay.community()
        for _ in 0..<3 { XCTAssertEqual(relay.request(c.facilitator, .inboxPut(recipient: c.member.id, payload: [1])), .success(.done)) }
        XCTAssertEqual(relay.request(c.trusted, .inboxPut(recipient: c.member.id, payload: [1])), .failure(.limitReached))
        // Another device's inbox is not affected.
        XCTAssertEqual(relay.request(c.member, .inboxPut(recipient: c.trusted.id, payload: [1])), .success(.done))
        guard case let .inboxItems(items) = try relay.request(c.member, .inboxFetch(limit: 10)).get() else { return XCTFail("no items") }
        relay.request(c.member, .inboxAck(ids: [items[0].id]))
        XCTAssertEqual(relay.request(c.trusted, .inboxPut(recipient: c.member.id, payload: [1])), .success(.done))
    }
}
