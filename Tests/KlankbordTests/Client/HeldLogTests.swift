import XCTest
import Klankbord
@testable import KlankbordClient
@testable import KlankbordCrypto
@testable import KlankbordProtocol
@testable import KlankbordTrust
@testable import KlankbordServer

/// A client holds a log by syncing it from the server, keeps it sealed in its profile, and sends room keys only
/// to members the signed log and the server both show.
final class HeldLogTests: XCTestCase {
    /// A relay community whose roster and room log were written through `logAppend` by the people themselves.
    struct Scene {
        let relay: RelayHarness
        let c: Community
        let op: LogPerson, fien: LogPerson, ana: LogPerson
        let key = RoomLogKey()
        var roomChain: ChainWriter

        init() throws {
            relay = try RelayHarness()
            c = try relay.community()
            op = LogPerson(account: c.op.id, handle: c.op.handle)
            fien = LogPerson(account: c.facilitator.id, handle: c.facilitator.handle)
            ana = LogPerson(account: c.member.id, handle: c.member.handle)
            roomChain = ChainWriter(scope: c.room)
            var roster = ChainWriter(scope: 0)
            for entry in [roster.append(.genesis(handle: op.handle, identity: op.bundle), by: op),
                          roster.append(.add(account: fien.account, handle: fien.handle, identity: fien.bundle, role: .facilitator), by: op)] {
                try append(0, entry, by: c.op)
            }
            let secret = TrustCommunity.secret()
            try append(c.room, roomChain.append(.genesis(handle: fien.handle, identity: fien.bundle), by: fien), by: c.facilitator)
            try append(c.room, roomChain.append(try roomChain.invite(secret: secret), by: fien), by: c.facilitator)
            try append(c.room, roomChain.append(try roomChain.join(ana, secret: secret), by: ana), by: c.member)
        }

        /// Appends at the log's current length, sealing room entries under the room log key.
        func append(_ scope: UInt64, _ entry: [UInt8], by client: TestClient) throws {
            let index = UInt32(try relay.count("SELECT count(*) FROM log_entries WHERE scope = ?", [.id(scope)]))
            let stored = scope == 0 ? entry : try key.seal(entry: entry, room: scope, index: index)
            _ = try relay.request(client, .logAppend(scope: scope, index: index, entry: stored)).get()
        }

        /// A fetch through the relay, two entries a page so that paging is exercised.
        func fetcher(_ client: TestClient) -> (UInt64, UInt32) throws -> (records: [LogRecord], more: Bool) {
            { scope, after in
                guard case let .logEntries(records, more) = try relay.request(client, .logFetch(scope: scope, after: after, limit: 2)).get() else {
                    throw Unexpected("logFetch did not answer logEntries")
                }
                return (records, more)
            }
        }

        func serverMembers(_ client: TestClient) throws -> [UInt64] {
            guard case let .members(list) = try relay.request(client, .members(room: c.room)).get() else { throw Unexpected("no members") }
            return list.map(\.accountID)
        }
    }

    func testASyncedRoomLogGivesTheSignedMemberSetAndKeysGoOnlyToIt() throws {
        let scene = try Scene()
        var rosterLog = HeldLog(scope: 0, key: nil)
        XCTAssertTrue(try rosterLog.sync(scene.fetcher(scene.c.member)))
        let roster = rosterLog.roster()
        XCTAssertEqual(roster.role(of: scene.fien.account), .facilitator)
        var roomLog = HeldLog(scope: scene.c.room, key: scene.key)
        XCTAssertTrue(try roomLog.sync(scene.fetcher(scene.c.member)))
        XCTAssertEqual(roomLog.nextIndex, 3)
        let membership = roomLog.membership(roster: roster)
        XCTAssertEqual(membership.memberIDs, [scene.fien.account, scene.ana.account])
        XCTAssertEqual(membership.log.warnings, [])

        // The trusted person is in the server's list, but no signed entry added them: they get nothing.
        let recipients = RoomKeyRecipients(log: membership, serverMembers: try scene.serverMembers(scene.c.member), me: scene.ana.account)
        XCTAssertEqual(recipients.accounts, [scene.fien.account])
        XCTAssertEqual(recipients.ghosts, [scene.c.trusted.id])
        XCTAssertFalse(recipients.agree)

        // Ghost member: one INSERT on the server. The log does not hold them, so they get no key either.
        try scene.relay.database.run("INSERT INTO members(room_id, account_id, joined_seq) VALUES (?, ?, 0)", [.id(scene.c.room), .id(scene.c.outsider.id)])
        scene.relay.relay.memberCache = [:]
        let withGhost = RoomKeyRecipients(log: membership, serverMembers: try scene.serverMembers(scene.c.member), me: scene.ana.account)
        XCTAssertEqual(withGhost.accounts, [scene.fien.account])
        XCTAssertEqual(withGhost.ghosts, [scene.c.trusted.id, scene.c.outsider.id].sorted())
    }

    func testAMemberTheServerDropsIsShownAsMissing() throws {
        let scene = try Scene()
        let roster = Roster(entries: try scene.relay.database.query("SELECT entry FROM log_entries WHERE scope = 0 ORDER BY idx") { $0.blob(0) })
        var roomLog = HeldLog(scope: scene.c.room, key: scene.key)
        XCTAssertTrue(try roomLog.sync(scene.fetcher(scene.c.facilitator)))
        let recipients = RoomKeyRecipients(log: roomLog.membership(roster: roster), serverMembers: [scene.fien.account], me: scene.fien.account)
        XCTAssertEqual(recipients.accounts, [])
        XCTAssertEqual(recipients.missing, [scene.ana.account])
    }

    func testAbsorbStopsWhereTheServerSkipsAnIndex() throws {
        var log = HeldLog(scope: 0, key: nil)
        XCTAssertFalse(log.absorb([LogRecord(index: 0, entry: [1]), LogRecord(index: 2, entry: [3])]))
        XCTAssertEqual(log.nextIndex, 1)
        XCTAssertFalse(log.absorb([LogRecord(index: 0, entry: [1])]), "a repeated index is refused too")
        XCTAssertTrue(log.absorb([LogRecord(index: 1, entry: [2])]))
        XCTAssertEqual(log.entries, [[1], [2]])
    }

    func testAnEntryThatDoesNotOpenKeepsItsPlaceAndIsReported() throws {
        let community = TrustCommunity(), key = RoomLogKey()
        var log = HeldLog(scope: TrustCommunity.roomID, key: key)
        let genesis = try key.seal(entry: community.roomChain.entries[0], room: TrustCommunity.roomID, index: 0)
        let foreign = try RoomLogKey().seal(entry: [9, 9], room: TrustCommunity.roomID, index: 1)
        XCTAssertTrue(log.absorb([LogRecord(index: 0, entry: genesis), LogRecord(index: 1, entry: foreign)]))
        XCTAssertEqual(log.nextIndex, 2)
        let membership = log.membership(roster: community.roster)
        XCTAssertEqual(membership.memberIDs, [community.fien.account])
        XCTAssertEqual(membership.log.warnings, [LogWarning(position: 1, refusal: .unreadable)])
    }

    func testAHeldLogIsStoredSealedAndSurvivesReopening() throws {
        let scene = try Scene()
        var roomLog = HeldLog(scope: scene.c.room, key: scene.key)
        XCTAssertTrue(try roomLog.sync(scene.fetcher(scene.c.member)))
        let directory = NSTemporaryDirectory() + "klankbord-heldlog-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let profile = try Profile.create(at: directory, passphrase: SecretBytes(copying: Array("correct horse".utf8)))
        XCTAssertNil(try profile.heldLog(scope: scene.c.room))
        try profile.store(roomLog)
        let reopened = try Profile(openingAt: directory) { SecretBytes(copying: Array("correct horse".utf8)) }
        let held = try XCTUnwrap(try reopened.heldLog(scope: scene.c.room))
        XCTAssertEqual(held.entries, roomLog.entries)
        XCTAssertEqual(held.key, scene.key)
        // Without the passphrase the files show neither the entries nor the room log key.
        let signature = Array(try XCTUnwrap(roomLog.entries.last).suffix(64))
        for name in ["client.db", "client.db-wal"] {
            guard let data = FileManager.default.contents(atPath: directory + "/" + name) else { continue }
            let bytes = [UInt8](data)
            XCTAssertFalse(bytes.contains(subsequence: signature), "\(name) shows a log entry")
            XCTAssertFalse(bytes.contains(subsequence: scene.key.secret.unprotectedBytes), "\(name) shows the room log key")
        }
    }

    func testTheHeldLayoutRoundTripsAndRefusesDamage() throws {
        var log = HeldLog(scope: 7, key: RoomLogKey())
        log.absorb([LogRecord(index: 0, entry: []), LogRecord(index: 1, entry: [1, 2, 3])])
        let copy = try HeldLog(serialized: log.serialized())
        XCTAssertEqual(copy.entries, log.entries)
        XCTAssertEqual(copy.key, log.key)
        XCTAssertEqual(copy.scope, 7)
        XCTAssertNil(try HeldLog(serialized: HeldLog(scope: 0, key: nil).serialized()).key)
        XCTAssertThrowsError(try HeldLog(serialized: Array(log.serialized().dropLast())))
        XCTAssertThrowsError(try HeldLog(serialized: log.serialized() + [0]))
    }
}
