import Foundation
import XCTest

/// Issue 20 with real processes: a facilitator adds, approves and pays; the member sees only their own payment and
/// confirms it; the chain verifies, exports, backs up and restores; the server holds none of the texts or amounts.
final class LedgerFlowTests: XCTestCase {
    func testAddApprovePayConfirmVerifyExportBackupRestore() throws {
        let community = try Community()
        let fien = community.fien
        try fien.ok(["ledger", "init"])
        try fien.ok(["ledger", "budget", "--year", "2027", "--purpose", "meeting", "--amount", "500"])
        let added = try fien.ok(["ledger", "add", "anna", "37.45", "--purpose", "meeting", "--method", "voucher", "--date", "2027-01-12",
                                 "--note", "NOTE-SENTINEL-7731"])
        let id = try paymentID(in: added)
        XCTAssertTrue(added.joined().contains("€37.45"), added.joined())
        XCTAssertTrue(try fien.ok(["ledger", "proposals"]).joined().contains(id))
        try fien.ok(["ledger", "approve", id])
        let twice = try fien.run(["ledger", "approve", id])
        XCTAssertEqual(twice.status, 1)
        XCTAssertTrue(twice.error.contains("already approved"), twice.error)
        try fien.ok(["ledger", "pay", id])

        // anna sees her own payment; bea sees none.
        let mine = try community.anna.ok(["ledger", "mine"]).joined(separator: "\n")
        XCTAssertTrue(mine.contains(id) && mine.contains("€37.45") && mine.contains("paid, not confirmed yet"), mine)
        XCTAssertTrue(mine.contains("The limit is €2,100.00"), mine)
        XCTAssertTrue(try community.bea.ok(["ledger", "mine"]).joined().contains("no payments for you"))
        let json = try community.anna.ok(["ledger", "mine", "--json"])
        XCTAssertEqual(json.count, 1)
        XCTAssertTrue(json[0].contains("\"cents\":3745") && json[0].contains("\"state\":\"paid\"") && json[0].contains("\"confirmed\":false"), json[0])
        try community.anna.ok(["ledger", "confirm", id])
        XCTAssertNotEqual(try community.anna.run(["ledger", "confirm", id]).status, 0, "confirming twice is refused")

        // fien records the confirmation and the chain verifies: budget, created, approved, paid, receipt.
        XCTAssertTrue(try fien.ok(["ledger", "proposals"]).joined().contains("anna confirmed payment \(id)"))
        XCTAssertEqual(try fien.ok(["ledger", "verify"]).first, "The payment list is complete and correct: 5 steps checked.")
        XCTAssertTrue(try community.anna.ok(["ledger", "mine"]).joined().contains("paid and confirmed"))

        let csv = try fien.ok(["ledger", "export", "--from", "2027-01-01", "--to", "2027-03-31"]).joined(separator: "\n")
        XCTAssertTrue(csv.contains(",2027-01-12,P01,meeting,voucher,37.45,paid,yes,no,no,"), csv)
        XCTAssertTrue(csv.contains("total,,,meeting,,37.45,approved_or_paid"), csv)
        XCTAssertFalse(csv.contains("anna"), "participants are numbers unless --handles")
        let summary = try fien.ok(["ledger", "export", "--summary", "--year", "2027"]).joined(separator: "\n")
        XCTAssertTrue(summary.contains("2027,Q1,meeting,37.45,37.45") && summary.contains("2027,all,meeting,37.45,37.45"), summary)
        let budget = try fien.ok(["ledger", "budget", "--year", "2027"]).joined(separator: "\n")
        XCTAssertTrue(budget.contains("meeting: budget €500.00, approved €37.45, paid €37.45, left €462.55."), budget)

        // Backup and restore round-trip; a wrong passphrase changes nothing.
        let file = community.base.appendingPathComponent("ledger.backup").path
        let secret = ["KLANKBORD_BACKUP_PASSPHRASE": "correct horse battery"]
        XCTAssertEqual(try fien.run(["ledger", "backup", file], environment: secret).status, 0)
        let wrong = try fien.run(["ledger", "restore", file], environment: ["KLANKBORD_BACKUP_PASSPHRASE": "wrong horse battery"])
        XCTAssertEqual(wrong.status, 2)
        XCTAssertTrue(wrong.error.contains("Nothing was restored"), wrong.error)
        let restored = try fien.run(["ledger", "restore", file], environment: secret)
        XCTAssertEqual(restored.status, 0, restored.error)
        XCTAssertTrue(restored.output.contains("5 steps checked"), restored.output)

        // A member can neither add nor approve.
        let byMember = try community.bea.run(["ledger", "add", "carla", "10", "--purpose", "travel"])
        XCTAssertEqual(byMember.status, 1)
        XCTAssertTrue(byMember.error.contains("Only a facilitator"), byMember.error)

        // The server's files hold no note, no amount.
        for url in try serverFiles(community) {
            let bytes = try Data(contentsOf: url)
            for sentinel in ["NOTE-SENTINEL-7731", "37.45", "37,45", "3745"] {
                XCTAssertNil(bytes.range(of: Data(sentinel.utf8)), "\(sentinel) in \(url.lastPathComponent)")
            }
        }
    }
}

/// Continuity: a facilitator added after the ledger started gets the whole chain from fien (a signed handover entry,
/// then every event privately), verifies it and continues it; fien verifies what gea added.
final class LedgerHandoverTests: XCTestCase {
    func testAFacilitatorAddedLaterReceivesVerifiesAndContinuesTheChain() throws {
        let community = try Community()
        let fien = community.fien
        try fien.ok(["ledger", "init"])
        let id = try paymentID(in: try fien.ok(["ledger", "add", "carla", "15", "--purpose", "travel", "--date", "2027-05-01"]))
        try fien.ok(["ledger", "approve", id, "--over-budget"])
        let gea = try community.addFacilitator("gea")
        try community.joinLedger(gea)
        // Not in a group with carla yet: gea's change reaches the chain, and gea is told carla got no copy.
        try gea.ok(["ledger", "verify"])
        XCTAssertTrue(try fien.ok(["ledger", "handover", "gea"]).joined().contains("gea now has the whole payment list (3 steps)."))
        XCTAssertEqual(try gea.ok(["ledger", "verify"]).first, "The payment list is complete and correct: 3 steps checked.")
        XCTAssertTrue(try gea.ok(["ledger", "reject", id, "--reason", "double"]).joined().contains("carla did not get a copy"))
        XCTAssertEqual(try fien.ok(["ledger", "verify"]).first, "The payment list is complete and correct: 4 steps checked.")
        XCTAssertTrue(try community.carla.ok(["ledger", "mine"]).joined().contains("approved"))
        // In a group with carla, gea's next change reaches her.
        let peers = try XCTUnwrap(fien.ok(["room", "invite", "Peers"]).first)
        try gea.ok(["join", peers])
        let next = try paymentID(in: try gea.ok(["ledger", "add", "carla", "15", "--purpose", "travel", "--date", "2027-05-02"]))
        try gea.ok(["ledger", "approve", next, "--over-budget"])
        try gea.ok(["ledger", "pay", next])
        XCTAssertTrue(try community.carla.ok(["ledger", "mine"]).joined(separator: "\n").contains("\(next)  2 May 2027  €15.00  travel costs  paid, not confirmed yet"))
    }
}
