import Foundation
import Klankbord
@testable import KlankbordStorage
import XCTest

/// Issue 16, attacks 1 and 5, with real processes: clients obey the signed membership logs, not the server's
/// `members` table. The attacker is only ever the server: a change to its own database between steps.
final class HostileServerMembershipTests: XCTestCase {
    /// How many log entries the server holds for `scope` (0 = the roster).
    private func logLength(_ server: HostileServer, _ scope: UInt64) throws -> Int64 {
        let database = try Database(.file(server.databasePath), readOnly: true)
        return try XCTUnwrap(try database.queryOne("SELECT count(*) FROM log_entries WHERE scope = ?", [.id(scope)]) { $0.int64(0) })
    }

    /// Puts `handle` into the room `name` in the server's own table, as a hostile server would.
    private func addRow(_ server: HostileServer, _ handle: String, to name: String) throws {
        let (room, account) = (try server.room(name), try server.account(handle))
        try server.tamper { database in
            try database.run("INSERT INTO members(room_id, account_id, joined_seq) SELECT id, ?, last_seq FROM rooms WHERE id = ?", [.id(account), .id(room)])
        }
    }

    func testTheCommandsWriteTheSignedLogs() throws {
        let community = try Community()
        let server = HostileServer(community: community)
        // The roster: the operator's genesis, the facilitator invite and fien's join.
        XCTAssertEqual(try logLength(server, 0), 3)
        // The room: fien's genesis, one invite, three joins.
        XCTAssertEqual(try logLength(server, try server.room("Peers")), 5)
    }

    func testJoinsLeavesAndRemovalsShowInReadOnceAtTheirPlace() throws {
        let community = try Community()
        let first = try community.anna.ok(["read", "Peers"])
        XCTAssertTrue(first.contains { $0.hasSuffix("bea joined.") }, first.joined(separator: "\n"))
        XCTAssertTrue(first.contains { $0.hasSuffix("carla joined.") }, first.joined(separator: "\n"))
        try community.carla.ok(["room", "leave", "Peers"])
        try community.fien.ok(["room", "remove", "Peers", "bea"])
        try community.fien.ok(["send", "Peers", "after the changes"])
        let second = try community.anna.ok(["read", "Peers"])
        XCTAssertFalse(second.contains { $0.hasSuffix("bea joined.") }, "each change is shown once")
        let left = try XCTUnwrap(second.firstIndex { $0.hasSuffix("carla left.") }, second.joined(separator: "\n"))
        let removed = try XCTUnwrap(second.firstIndex { $0.hasSuffix("bea was removed from this room.") }, second.joined(separator: "\n"))
        let message = try XCTUnwrap(second.firstIndex { $0.hasSuffix("fien: after the changes") }, second.joined(separator: "\n"))
        XCTAssertTrue(left < removed && removed < message, second.joined(separator: "\n"))
    }

    func testJoinRefusesWhenTheServerWithholdsTheInviteEntryTheCodePins() throws {
        let community = try Community()
        let server = HostileServer(community: community)
        let code = try XCTUnwrap(community.fien.ok(["room", "invite", "Peers"]).first)
        let room = try server.room("Peers")
        // The server shows the room's history without the code's `invite` entry (the welcome it still hands out).
        try server.tamper { database in
            try database.run("DELETE FROM log_entries WHERE scope = ? AND idx = (SELECT max(idx) FROM log_entries WHERE scope = ?)", [.id(room), .id(room)])
        }
        let dora = Person(community.base, "dora")
        let joined = try dora.run(["join", code, "--handle", "dora"])
        XCTAssertNotEqual(joined.status, 0)
        XCTAssertTrue(joined.error.contains("Do not trust this server"), joined.error)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dora.profile.path), "no local profile is kept")
        let database = try Database(.file(server.databasePath), readOnly: true)
        XCTAssertEqual(try database.queryOne("SELECT count(*) FROM accounts WHERE handle = 'dora'") { $0.int64(0) }, 0)
    }

    // MARK: Attack 1: a ghost member gets no key, and every sender is told

    func testAGhostMemberTheServerAddsGetsNoRoomKeyAndTheSenderIsTold() throws {
        let community = try Community()
        let server = HostileServer(community: community)
        // dora has a real account (an invite without a room), but nobody invites her into Peers.
        let dora = Person(community.base, "dora")
        try dora.ok(["join", try XCTUnwrap(community.fien.ok(["invite", "create"]).first), "--handle", "dora"])
        // The server takes over dora's keys and lists her in Peers.
        let attacker = AttackerKeys()
        try server.swapKeys(of: "dora", to: attacker)
        try addRow(server, "dora", to: "Peers")
        XCTAssertTrue(try community.anna.ok(["members", "Peers"]).contains("dora"), "the server lists her")
        try server.startSpying()

        let sent = try community.anna.ok(["send", "Peers", "only for the real members"])
        XCTAssertTrue(sent.contains { $0.contains("The server says dora is in this room, but nobody invited dora") }, sent.joined(separator: "\n"))
        XCTAssertEqual(try community.read(community.bea), ["only for the real members"], "the real members still read it")
        let read = try community.anna.ok(["read", "Peers"])
        XCTAssertTrue(read.contains { $0.contains("nobody invited dora") }, read.joined(separator: "\n"))
        XCTAssertFalse(attacker.opensAny(of: try server.spied()), "no room key reached the keys the server holds for dora")
    }

    /// First contact with a real member: the server hands out its own key for bea. The signed log holds bea's
    /// identity (she signed her join entry with it), so the sender pins that and the server's key gets nothing.
    func testARealMembersKeySwappedAtFirstContactGetsNoRoomKeyBecauseTheSignedLogPinsTheirIdentity() throws {
        let community = try Community()
        let server = HostileServer(community: community)
        let attacker = AttackerKeys()
        try server.swapKeys(of: "bea", to: attacker)
        try server.startSpying()
        let sent = try community.anna.ok(["send", "Peers", "not for the server"])
        XCTAssertTrue(sent.contains { $0.contains("bea") }, "anna is told bea got no key: " + sent.joined(separator: "\n"))
        XCTAssertFalse(attacker.opensAny(of: try server.spied()), "no room key reached the keys the server substituted for bea")
        XCTAssertEqual(try community.read(community.carla), ["not for the server"], "the other members still read it")
    }

    /// The same at first contact with a trusted person: the signed roster holds their identity.
    func testATrustedPersonsKeySwappedAtFirstContactIsRefusedBecauseTheRosterPinsTheirIdentity() throws {
        let community = try Community()
        let server = HostileServer(community: community)
        let hulp = Person(community.base, "hulp")
        try hulp.ok(["join", try XCTUnwrap(community.fien.ok(["invite", "create", "--role", "trusted"]).first), "--handle", "hulp"])
        let attacker = AttackerKeys()
        try server.swapKeys(of: "hulp", to: attacker)
        try server.startSpying()
        let refused = try community.anna.run(["dm", "hulp", "only for the real helpline"])
        XCTAssertNotEqual(refused.status, 0, "nothing is sent to a key the roster does not vouch for")
        XCTAssertFalse(attacker.opensAny(of: try server.spied()), "no message reached the keys the server substituted for hulp")
    }

    func testAMemberTheServerDropsWithoutASignedRemovalIsNamedToTheSender() throws {
        let community = try Community()
        let server = HostileServer(community: community)
        let (room, bea) = (try server.room("Peers"), try server.account("bea"))
        try server.tamper { database in try database.run("DELETE FROM members WHERE room_id = ? AND account_id = ?", [.id(room), .id(bea)]) }
        let sent = try community.anna.ok(["send", "Peers", "hello"])
        XCTAssertTrue(sent.contains { $0.contains("bea was invited to this room, but the server does not show bea here") }, sent.joined(separator: "\n"))
    }

    // MARK: Attack 5: a removal bans re-entry through every invite made before it

    func testARemovedMemberCannotComeBackThroughTheOldInviteEvenWhenTheServerLiftsTheBan() throws {
        let community = try Community()
        let server = HostileServer(community: community)
        let code = try XCTUnwrap(community.fien.ok(["room", "invite", "Peers", "--uses", "5"]).first)
        let dora = Person(community.base, "dora")
        try dora.ok(["join", code, "--handle", "dora"])
        try community.anna.ok(["send", "Peers", "before"])
        XCTAssertEqual(try community.read(dora), ["before"])
        try community.fien.ok(["room", "remove", "Peers", "dora"])
        let room = try server.room("Peers")
        let length = try logLength(server, room)

        // The server refuses the old code.
        let banned = try dora.run(["join", code])
        XCTAssertNotEqual(banned.status, 0)
        XCTAssertTrue(banned.error.contains("You were removed from this room, so this invite no longer works for you"), banned.error)

        // A hostile server lifts its ban: dora's own client refuses to write the join, and leaves again.
        try server.tamper { database in try database.execute("DELETE FROM room_bans") }
        let lifted = try dora.run(["join", code])
        XCTAssertNotEqual(lifted.status, 0)
        XCTAssertTrue(lifted.error.contains("because you were removed after the code was made"), lifted.error)
        XCTAssertEqual(try logLength(server, room), length, "no join entry was appended")

        // Even if the server keeps her listed (a modified client, a hostile server), the log does not hold her:
        // every sender starts a new key without her and says so.
        try addRow(server, "dora", to: "Peers")
        let sent = try community.anna.ok(["send", "Peers", "after"])
        XCTAssertTrue(sent.contains { $0.contains("nobody invited dora") }, sent.joined(separator: "\n"))
        XCTAssertEqual(try community.read(community.bea), ["before", "after"])
        XCTAssertEqual(try community.read(dora), [], "dora gets no key for the new messages")
    }
}
