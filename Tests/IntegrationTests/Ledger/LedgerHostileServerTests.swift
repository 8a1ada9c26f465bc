import Foundation
import Klankbord
@testable import KlankbordClient
@testable import KlankbordStorage
import XCTest

/// Issue 20 against a hostile server: the server edits, drops or reorders the ledger room's events before a second
/// facilitator reads them, and `ledger verify` names the broken step; the server claims a member is a facilitator,
/// and nothing of the ledger reaches that member.
final class LedgerHostileServerTests: XCTestCase {
    /// fien and gea share the ledger; fien writes four events (budget, created, approved, paid) that gea has not
    /// read yet. Returns the server's sequence numbers of the ledger room's events, in order.
    private func fourEventsUnread(_ community: Community) throws -> (gea: Person, server: HostileServer, room: UInt64, seqs: [Int64]) {
        let gea = try community.addFacilitator("gea")
        let fien = community.fien
        try fien.ok(["ledger", "init"])
        try community.joinLedger(gea)
        try fien.ok(["ledger", "budget", "--year", "2027", "--purpose", "travel", "--amount", "100"])
        let id = try paymentID(in: try fien.ok(["ledger", "add", "bea", "12.50", "--purpose", "travel", "--date", "2027-02-03"]))
        try fien.ok(["ledger", "approve", id])
        try fien.ok(["ledger", "pay", id])
        XCTAssertEqual(try fien.ok(["ledger", "verify"]).first, "The payment list is complete and correct: 4 steps checked.")
        let server = HostileServer(community: community)
        let room = try server.room("ledger")
        let database = try Database(.file(server.databasePath), readOnly: true)
        let seqs = try database.query("SELECT seq FROM events WHERE room_id = ? ORDER BY seq", [.id(room)]) { $0.int64(0) }
        XCTAssertEqual(seqs.count, 4)
        return (gea, server, room, seqs)
    }

    private func assertBroken(_ gea: Person, atStep step: Int, file: StaticString = #filePath, line: UInt = #line) throws {
        let verify = try gea.run(["ledger", "verify"])
        XCTAssertEqual(verify.status, 2, verify.output + verify.error, file: file, line: line)
        XCTAssertTrue(verify.error.contains("changed at step \(step)."), verify.error, file: file, line: line)
    }

    private func payload(_ database: Database, _ room: UInt64, _ seq: Int64) throws -> [UInt8] {
        try XCTUnwrap(try database.queryOne("SELECT payload FROM events WHERE room_id = ? AND seq = ?", [.id(room), .integer(seq)]) { $0.blob(0) })
    }

    private func setPayload(_ database: Database, _ room: UInt64, _ seq: Int64, _ payload: [UInt8]) throws {
        try database.run("UPDATE events SET payload = ? WHERE room_id = ? AND seq = ?", [.blob(payload), .id(room), .integer(seq)])
    }

    func testUntouchedTheSecondFacilitatorVerifiesTheSameChain() throws {
        let community = try Community()
        let (gea, _, _, _) = try fourEventsUnread(community)
        XCTAssertEqual(try gea.ok(["ledger", "verify"]).first, "The payment list is complete and correct: 4 steps checked.")
        // gea continues the chain, and fien reads gea's event after her own.
        try gea.ok(["ledger", "budget", "--year", "2027", "--purpose", "meeting", "--amount", "50"])
        XCTAssertTrue(try community.fien.ok(["ledger", "budget", "--year", "2027"]).joined().contains("meeting: budget €50.00"))
        XCTAssertEqual(try community.fien.ok(["ledger", "verify"]).first, "The payment list is complete and correct: 5 steps checked.")
    }

    func testEventsCutOffTheEndOfADevicesCopyAreReportedAgainstTheRememberedHead() throws {
        let community = try Community()
        let fien = community.fien
        try fien.ok(["ledger", "init"])
        try fien.ok(["ledger", "budget", "--year", "2027", "--purpose", "other", "--amount", "10"])
        try fien.ok(["ledger", "budget", "--year", "2027", "--purpose", "travel", "--amount", "20"])
        XCTAssertEqual(try fien.ok(["ledger", "verify"]).first, "The payment list is complete and correct: 2 steps checked.")
        // The last event goes missing from fien's own copy (a damaged or rolled-back profile); the server still has it,
        // but fien has read it, so it is not fetched again.
        do {
            let profile = try Database(.file(fien.profile.appendingPathComponent("client.db").path))
            try profile.run("DELETE FROM feature_events WHERE id = (SELECT max(id) FROM feature_events)")
        }
        try assertBroken(fien, atStep: 2)
    }

    func testAReorderedEventIsReportedAtItsStep() throws {
        let community = try Community()
        let (gea, server, room, seqs) = try fourEventsUnread(community)
        try server.tamper { database in
            // The second and third events (created, approved) change places.
            let (second, third) = (try payload(database, room, seqs[1]), try payload(database, room, seqs[2]))
            try setPayload(database, room, seqs[1], third)
            try setPayload(database, room, seqs[2], second)
        }
        try assertBroken(gea, atStep: 2)
    }

    func testADroppedEventIsReportedAtItsStep() throws {
        let community = try Community()
        let (gea, server, room, seqs) = try fourEventsUnread(community)
        try server.tamper { database in
            try database.run("DELETE FROM events WHERE room_id = ? AND seq = ?", [.id(room), .integer(seqs[2])])
        }
        try assertBroken(gea, atStep: 3)
    }

    func testAnEditedEventIsReportedAtItsStep() throws {
        let community = try Community()
        let (gea, server, room, seqs) = try fourEventsUnread(community)
        try server.tamper { database in
            var bytes = try payload(database, room, seqs[1])
            bytes[bytes.count - 40] ^= 0x01
            try setPayload(database, room, seqs[1], bytes)
        }
        try assertBroken(gea, atStep: 2)
    }
}

/// The server claims anna is a facilitator and puts her in the ledger room's table. Only the signed roster and log
/// count: nothing of the ledger reaches her, and a payment she signs is ignored by the member it names.
final class LedgerFakeFacilitatorTests: XCTestCase {
    func testAFacilitatorOnlyTheServerClaimsGetsNothingAndCountsForNothing() throws {
        let community = try Community()
        let fien = community.fien
        try fien.ok(["ledger", "init"])
        let server = HostileServer(community: community)
        try server.startSpying()
        let (anna, ledger) = (try server.account("anna"), try server.room("ledger"))
        try server.tamper { database in
            try database.run("UPDATE accounts SET role = ? WHERE id = ?", [.integer(Int64(Role.facilitator.rawValue)), .id(anna)])
            try database.run("INSERT INTO members(room_id, account_id, joined_seq) SELECT id, ?, last_seq FROM rooms WHERE id = ?", [.id(anna), .id(ledger)])
        }
        let id = try paymentID(in: try fien.ok(["ledger", "add", "bea", "20", "--purpose", "consultation", "--note", "FAKE-SENTINEL-5520"]))
        try fien.ok(["ledger", "approve", id, "--over-budget"])

        // anna is refused by her own client, sees no payment, and the server's copies open for nobody but the signed members.
        let taken = try community.anna.run(["ledger", "init", "ledger"])
        XCTAssertEqual(taken.status, 1)
        XCTAssertTrue(taken.error.contains("Only a facilitator"), taken.error)
        XCTAssertTrue(try community.anna.ok(["ledger", "mine"]).joined().contains("no payments for you"))
        let (annasClient, _) = try community.anna.messengerInProcess()
        try annasClient.catchUp(ledger)
        XCTAssertEqual(annasClient.featureEvents(in: ledger, prefix: ""), [], "the server's member row opens no ledger event")
        XCTAssertTrue(try community.bea.ok(["ledger", "mine"]).joined().contains(id))

        // A payment anna signs herself and sends bea privately is not believed: the roster does not name anna.
        try forgePayment(from: community.anna, to: "bea", community: community)
        let mine = try community.bea.ok(["ledger", "mine"]).joined(separator: "\n")
        XCTAssertFalse(mine.contains("€999.00"), mine)
        XCTAssertTrue(mine.contains(id), mine)
        for url in try serverFiles(community) {
            XCTAssertNil(try Data(contentsOf: url).range(of: Data("FAKE-SENTINEL-5520".utf8)), url.lastPathComponent)
        }
    }

    /// anna's own client, in this process, signs a `created` event for € 999 to `handle` and sends it privately.
    private func forgePayment(from person: Person, to handle: String, community: Community) throws {
        let (messenger, profile) = try person.messengerInProcess()
        let (connection, account) = (messenger.connection, messenger.account)
        let peers = try HostileServer(community: community).room("Peers")
        let member = try XCTUnwrap(try messenger.signedMembers(of: peers).first { $0.handle == handle })
        guard case let .room(thread, _) = try connection.call(.directOpen(handle: handle)) else { return XCTFail("no thread") }
        let draft = LedgerEntryDraft(recipient: member.account, handle: handle, cents: 99_900, purpose: .other, description: "forged",
                                     method: .cash, date: Int64(Date().timeIntervalSince1970))
        let event = LedgerEvent(index: 0, prev: LedgerEvent.zeroHash, time: Int64(Date().timeIntervalSince1970), signer: account.id,
                                body: .created(draft), key: try profile.identity().signingKey)
        try messenger.sendPrivately(event.payload, about: thread, to: [member])
    }
}
