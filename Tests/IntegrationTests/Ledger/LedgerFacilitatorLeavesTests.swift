import Foundation
@testable import KlankbordClient
import Klankbord
import XCTest

/// Continuity when a facilitator loses the role (docs/LEDGER.md, "Former facilitators"): fien writes entries, hands
/// the ledger to gea, and then deletes her account (`panic`: she leaves every signed log and the roster; the CLI has
/// no command that only demotes). Her steps still verify for gea, the export is the same to the byte, gea continues
/// the chain. (anna's own copies lived in her 1:1 thread with fien, which the server deletes with fien's account, so
/// her client forgets them: the second test checks her view with a demotion that keeps the account.)
final class LedgerFacilitatorLeavesTests: XCTestCase {
    func testAHandedOverLedgerStillVerifiesAndExportsAfterTheFirstFacilitatorIsGone() throws {
        let community = try Community()
        let fien = community.fien
        try fien.ok(["ledger", "init"])
        try fien.ok(["ledger", "budget", "--year", "2027", "--purpose", "meeting", "--amount", "500"])
        let paid = try paymentID(in: try fien.ok(["ledger", "add", "anna", "40", "--purpose", "meeting", "--date", "2027-02-03"]))
        try fien.ok(["ledger", "approve", paid])
        try fien.ok(["ledger", "pay", paid])
        let open = try paymentID(in: try fien.ok(["ledger", "add", "bea", "12.50", "--purpose", "travel", "--date", "2027-02-04"]))
        let gea = try community.addFacilitator("gea")
        try community.joinLedger(gea)
        XCTAssertTrue(try fien.ok(["ledger", "handover", "gea"]).joined().contains("(6 steps)"))
        // gea checks what she received while fien is still a facilitator: her device now vouches for fien's steps.
        XCTAssertEqual(try gea.ok(["ledger", "verify"]).first, "The payment list is complete and correct: 6 steps checked.")
        let export = ["ledger", "export", "--from", "2027-01-01", "--to", "2027-12-31"]
        let before = try fien.ok(export)
        XCTAssertTrue(before.joined(separator: "\n").contains(",2027-02-03,P01,meeting,cash,40.00,paid,no,no,no,"), before.joined(separator: "\n"))

        try fien.ok(["panic", "--now"])

        XCTAssertEqual(try gea.ok(["ledger", "verify"]).first, "The payment list is complete and correct: 6 steps checked.")
        XCTAssertEqual(try gea.ok(export), before)
        // gea continues the chain fien started, and a device that checks every signature again still agrees.
        try gea.ok(["ledger", "approve", open, "--over-budget"])
        XCTAssertEqual(try gea.ok(["ledger", "verify"]).first, "The payment list is complete and correct: 7 steps checked.")
        XCTAssertTrue(try gea.ok(["ledger", "budget", "--year", "2027"]).joined(separator: "\n").contains("meeting: budget €500.00, approved €40.00, paid €40.00"))
    }

    /// fien loses the role but keeps her account and her keys (the operator removes her from the signed roster; the CLI
    /// has no demote command, so the test writes that roster entry itself). gea must first take fien out of the ledger
    /// room; then fien's old steps verify, and a step fien signs afterwards and sends gea privately is left out.
    func testADemotedFacilitatorsOldStepsCountAndHerNewStepIsLeftOut() throws {
        let community = try Community()
        let fien = community.fien
        try fien.ok(["ledger", "init"])
        let paid = try paymentID(in: try fien.ok(["ledger", "add", "anna", "40", "--purpose", "meeting", "--date", "2027-02-03"]))
        try fien.ok(["ledger", "approve", paid, "--over-budget"])
        try fien.ok(["ledger", "pay", paid])
        let gea = try community.addFacilitator("gea")
        try community.joinLedger(gea)
        try fien.ok(["ledger", "handover", "gea"])
        XCTAssertEqual(try gea.ok(["ledger", "verify"]).first, "The payment list is complete and correct: 4 steps checked.")
        // gea and fien share Peers, so the server still relays fien's private messages to gea later.
        try gea.ok(["join", try XCTUnwrap(fien.ok(["room", "invite", "Peers"]).first)])
        let export = ["ledger", "export", "--from", "2027-01-01", "--to", "2027-12-31"]
        let before = try gea.ok(export)

        // The operator removes fien from the signed roster: she is no facilitator any more, but her account stays.
        let (operatorClient, _) = try community.op.messengerInProcess()
        var roster = try operatorClient.syncedRoster()
        let state = roster.roster()
        let fienID = try XCTUnwrap(state.log.member(handle: "fien")?.account)
        guard case .written = try operatorClient.write(.remove(account: fienID), into: &roster, roster: state) else { return XCTFail("roster entry refused") }

        // While fien is still in the ledger room's signed log, she could read every payment: gea's ledger refuses.
        let refused = try gea.run(["ledger", "verify"])
        XCTAssertEqual(refused.status, 2)
        XCTAssertTrue(refused.error.contains("fien"), refused.error)
        try gea.ok(["room", "remove", "ledger", "fien"])
        XCTAssertEqual(try gea.ok(["ledger", "verify"]).first, "The payment list is complete and correct: 4 steps checked.")
        XCTAssertEqual(try gea.ok(export), before)
        // fien's payment to anna still shows for anna.
        let mine = try community.anna.ok(["ledger", "mine"]).joined(separator: "\n")
        XCTAssertTrue(mine.contains(paid) && mine.contains("€40.00") && mine.contains("paid, not confirmed yet"), mine)

        // fien still holds her identity key. She signs a payment to herself as the next step and sends it to gea.
        let (fienClient, fienProfile) = try fien.messengerInProcess()
        let ledgerRoom = try XCTUnwrap(fienProfile.ledgerRoom)
        let held = fienClient.featureEvents(in: ledgerRoom, prefix: "ledger.").compactMap { LedgerEvent(payload: $0.event) }
        let last = try XCTUnwrap(held.max { $0.index < $1.index })
        let draft = LedgerEntryDraft(recipient: fienID, handle: "fien", cents: 99_000, purpose: .other, description: "ROGUE-SENTINEL",
                                     method: .cash, date: last.time, note: "")
        let rogue = LedgerEvent(index: last.index + 1, prev: last.hash, time: last.time, signer: fienID, body: .created(draft),
                                key: try fienProfile.identity().signingKey)
        let geaMember = try XCTUnwrap(operatorClient.syncedRoster().roster().log.member(handle: "gea"))
        XCTAssertEqual(try fienClient.sendPrivately(rogue.payload, about: ledgerRoom, to: [geaMember]), [geaMember.account])

        let verified = try gea.ok(["ledger", "verify"])
        XCTAssertEqual(verified, ["The payment list is complete and correct: 4 steps checked.",
                                  "1 step was left out: only someone who is no longer a facilitator signed it."])
        XCTAssertEqual(try gea.ok(export), before)
        XCTAssertFalse(try gea.ok(["ledger", "proposals"]).joined().contains("fien"))
        // gea continues at the place fien tried to take, and the chain still verifies.
        try gea.ok(["ledger", "budget", "--year", "2027", "--purpose", "meeting", "--amount", "100"])
        XCTAssertEqual(try gea.ok(["ledger", "verify"]).first, "The payment list is complete and correct: 5 steps checked.")
    }
}
