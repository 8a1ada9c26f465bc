import Foundation
@testable import Klankbord
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
}
