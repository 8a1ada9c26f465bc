import Foundation
import XCTest

/// Issue 20's bad input, limits and corrections from the CLI: each refusal is a translated sentence and changes
/// nothing already recorded; the allowance warning needs the explicit choice and shows in the export.
final class LedgerRulesTests: XCTestCase {
    private func refused(_ person: Person, _ words: [String], saying text: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let result = try person.run(words)
        XCTAssertNotEqual(result.status, 0, words.joined(separator: " "), file: file, line: line)
        XCTAssertTrue(result.error.contains(text), "\(words.joined(separator: " ")): \(result.error)", file: file, line: line)
        XCTAssertFalse(result.error.contains("Error"), "no Swift error dump", file: file, line: line)
    }

    func testBadInputLimitsAndCorrections() throws {
        let community = try Community()
        let fien = community.fien
        try fien.ok(["ledger", "init"])
        try fien.ok(["ledger", "budget", "--year", "2027", "--purpose", "meeting", "--amount", "1000"])
        for amount in ["-5", "12.345", "abc", "0", "1.250,00"] {
            try refused(fien, ["ledger", "add", "--purpose", "meeting", "--", "anna", amount], saying: "not an amount klankbord can use")
        }
        try refused(fien, ["ledger", "add", "anna", "-5", "--purpose", "meeting"], saying: "does not know the option -5")
        try refused(fien, ["ledger", "add", "nobody", "5", "--purpose", "meeting"], saying: "klankbord does not know nobody")
        try refused(fien, ["ledger", "add", "anna", "5", "--purpose", "other"], saying: "write in a few words what the payment is for")
        try refused(fien, ["ledger", "add", "anna", "5", "--purpose", "meeting", "--note", "NL91 ABNA 0417 1643 00"], saying: "bank account number")
        try refused(fien, ["ledger", "add", "anna", "5", "--purpose", "party"], saying: "party is not one of the choices")
        try refused(fien, ["ledger", "add", "anna", "5", "--purpose", "meeting", "--date", "2027-02-30"], saying: "is not a date")

        // Within the monthly allowance, then over it: a warning in plain words, then the explicit choice.
        let first = try paymentID(in: try fien.ok(["ledger", "add", "anna", "200", "--purpose", "meeting", "--date", "2027-03-10"]))
        try fien.ok(["ledger", "approve", first])
        let second = try paymentID(in: try fien.ok(["ledger", "add", "anna", "20", "--purpose", "meeting", "--date", "2027-03-12"]))
        try refused(fien, ["ledger", "approve", second], saying: "the person gets €220.00 this month (limit €210.00)")
        try fien.ok(["ledger", "approve", second, "--over-allowance"])
        let csv = try fien.ok(["ledger", "export", "--from", "2027-03-01", "--to", "2027-03-31", "--handles"]).joined(separator: "\n")
        XCTAssertTrue(csv.contains(",2027-03-12,anna,meeting,cash,20.00,approved,no,no,yes,"), csv)
        XCTAssertTrue(csv.contains(",2027-03-10,anna,meeting,cash,200.00,approved,no,no,no,"), csv)

        // Reject, then paying the rejected one is refused; a correction cancels the first.
        let third = try paymentID(in: try fien.ok(["ledger", "add", "bea", "5", "--purpose", "travel", "--date", "2027-03-13"]))
        try fien.ok(["ledger", "reject", third, "--reason", "double"])
        try refused(fien, ["ledger", "pay", third], saying: "was rejected")
        try refused(fien, ["ledger", "approve", "ffffffff"], saying: "no payment with this number")
        let reversed = try fien.ok(["ledger", "reverse", first]).joined()
        XCTAssertTrue(reversed.contains("cancels payment \(first): -€200.00"), reversed)
        let steps = "The payment list is complete and correct: 8 steps checked."
        XCTAssertEqual(try fien.ok(["ledger", "verify"]).first, steps)
        XCTAssertTrue(try community.anna.ok(["ledger", "mine"]).joined().contains("-€200.00"))

        // A damaged backup is refused and nothing changes.
        let file = community.base.appendingPathComponent("ledger.backup")
        let secret = ["KLANKBORD_BACKUP_PASSPHRASE": "correct horse battery"]
        XCTAssertEqual(try fien.run(["ledger", "backup", file.path], environment: secret).status, 0)
        var bytes = try Data(contentsOf: file)
        bytes[bytes.count - 5] ^= 0x01
        try bytes.write(to: file)
        let restore = try fien.run(["ledger", "restore", file.path], environment: secret)
        XCTAssertEqual(restore.status, 2)
        XCTAssertTrue(restore.error.contains("could not open this backup"), restore.error)
        XCTAssertEqual(try fien.ok(["ledger", "verify"]).first, steps)
    }

    func testTheFlowInDutchAndSpanish() throws {
        let community = try Community()
        let fien = community.fien
        try fien.ok(["ledger", "init", "--lang", "nl"])
        let added = try fien.ok(["ledger", "add", "anna", "12,50", "--purpose", "travel", "--date", "2027-04-01", "--lang", "nl"]).joined()
        XCTAssertTrue(added.contains("voor anna is voorgesteld: € 12,50."), added)
        let id = try paymentID(in: [added])
        let approve = try fien.run(["ledger", "approve", id, "--lang", "nl"])
        XCTAssertTrue(approve.error.contains("Deze betaling is meer dan wat er over is van het budget (€ 0,00)."), approve.error)
        try fien.ok(["ledger", "approve", id, "--over-budget", "--lang", "nl"])
        XCTAssertTrue(try fien.ok(["ledger", "pay", id, "--lang", "nl"]).joined().contains("staat nu op betaald"))
        let mine = try community.anna.ok(["ledger", "mine", "--lang", "es"]).joined(separator: "\n")
        XCTAssertTrue(mine.contains("1 abr 2027  € 12,50  gastos de viaje  pagado, sin confirmar"), mine)
        XCTAssertTrue(try community.anna.ok(["ledger", "confirm", id, "--lang", "es"]).joined().hasPrefix("Gracias."))
        XCTAssertTrue(try fien.ok(["ledger", "proposals", "--lang", "nl"]).joined().contains("anna heeft betaling \(id) bevestigd."))
        XCTAssertEqual(try fien.ok(["ledger", "verify", "--lang", "nl"]).first, "De betalingslijst is compleet en klopt: 4 stappen nagekeken.")
        let budget = try fien.ok(["ledger", "budget", "--year", "2027", "--lang", "es"]).joined(separator: "\n")
        XCTAssertTrue(budget.contains("gastos de viaje: presupuesto € 0,00, aprobado € 12,50, pagado € 12,50, queda € -12,50."), budget)
    }
}
