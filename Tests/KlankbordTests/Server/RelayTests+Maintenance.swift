import XCTest
import Klankbord
@testable import KlankbordConfig
@testable import KlankbordCrypto
@testable import KlankbordServer

/// Housekeeping: retention deletes exactly the events that expired, in steps of at most 500 rows with sends
/// answered between the steps; expired contact codes and long-expired invites go too.
final class RelayMaintenanceTests: XCTestCase {
    private let log = Log(level: .error)

    func testRetentionDeletesExactlyWhatExpiredInStepsWhileSendsGoOn() throws {
        var config = Config()
        config.retentionDays = 1
        let relay = try RelayHarness(config: config)
        let c = try relay.community()
        for _ in 0..<12 {
            let replies = relay.batch((0..<100).map { index in (c.member, .send(room: c.room, clientID: Random.bytes(16), payload: [0x01, UInt8(index)])) })
            XCTAssertTrue(replies.allSatisfy { $0.code == nil })
        }
        relay.clock.advance(by: 1)
        XCTAssertEqual(try relay.sentSeq(relay.send([0x01] + Array("op de grens".utf8), to: c.room, by: c.trusted)), 1201)
        relay.clock.advance(by: 86_400)  // the last send is now exactly one retention period old: it stays

        var pass = relay.relay.beginMaintenance()
        var removedPerStep: [Int] = []
        var sentBetween: [UInt64] = []
        while !pass.finished {
            let before = pass.removedEvents
            relay.relay.maintenanceStep(&pass, log: log)
            removedPerStep.append(pass.removedEvents - before)
            // A send between two steps is answered at once and stored.
            sentBetween.append(try relay.sentSeq(relay.send([0x01, 0xEE], to: c.room, by: c.member)))
        }
        XCTAssertEqual(removedPerStep, [500, 500, 200])
        XCTAssertEqual(sentBetween, [1202, 1203, 1204])
        let left = try relay.fetch(c.room, by: c.facilitator).events
        XCTAssertEqual(left.map(\.seq), [1201, 1202, 1203, 1204], "exactly the expired events are gone")
        XCTAssertEqual(left.first?.payload, [0x01] + Array("op de grens".utf8))

        // A later round finds nothing more to do in one step.
        var again = relay.relay.beginMaintenance()
        relay.relay.maintenanceStep(&again, log: log)
        XCTAssertTrue(again.finished)
        XCTAssertEqual(again.removedEvents, 0)
    }

    func testWithoutRetentionNoEventIsDeleted() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        relay.send([1], to: c.room, by: c.member)
        relay.clock.advance(by: 3650 * 86_400)
        relay.relay.maintain(log: log)
        XCTAssertEqual(try relay.count("SELECT count(*) FROM events"), 1)
    }

    func testExpiredContactCodesGoAndInvitesGoThirtyDaysAfterExpiry() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        let invitesBefore = try relay.count("SELECT count(*) FROM invites")
        _ = try relay.request(c.member, .contactCodeCreate(expiresInSeconds: 3600)).get()
        _ = try relay.request(c.trusted, .contactCodeCreate(expiresInSeconds: 7200)).get()
        _ = try relay.invite(by: c.facilitator, expiresIn: 3600)
        relay.clock.advance(by: 3600)
        relay.relay.maintain(log: log)
        XCTAssertEqual(try relay.count("SELECT count(*) FROM contact_codes"), 2, "a code that expires this second still works")
        relay.clock.advance(by: 1)
        relay.relay.maintain(log: log)
        XCTAssertEqual(try relay.count("SELECT count(*) FROM contact_codes"), 1, "only the expired code is gone")
        XCTAssertEqual(try relay.count("SELECT count(*) FROM invites"), invitesBefore + 1, "an expired invite stays 30 days (the list shows it)")
        relay.clock.advance(by: 30 * 86_400)
        relay.relay.maintain(log: log)
        XCTAssertEqual(try relay.count("SELECT count(*) FROM contact_codes"), 0)
        // The one-hour invite expired 30 days and a second ago: gone. The community's 7-day invites expired only 23 days ago: kept.
        XCTAssertEqual(try relay.count("SELECT count(*) FROM invites"), invitesBefore)
    }
}
