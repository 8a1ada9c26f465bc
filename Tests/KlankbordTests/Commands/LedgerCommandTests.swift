import XCTest
import Klankbord
@testable import KlankbordCommands
@testable import KlankbordE2E
@testable import KlankbordLedger

/// The small pure parts of the ledger commands: allowance settings, proposal ids and confirmation payloads.
final class LedgerCommandTests: XCTestCase {
    func testAllowanceSettingsKeepTheDefaultAndAddOrReplaceYears() {
        XCTAssertEqual(LedgerSettings.parse("2026:22000:220000,junk,2027:1:2"),
                       [AllowanceLimits(year: 2026, monthlyCents: 22_000, yearlyCents: 220_000), AllowanceLimits(year: 2027, monthlyCents: 1, yearlyCents: 2)])
        let text = LedgerSettings.text([AllowanceLimits(year: 2027, monthlyCents: 1, yearlyCents: 2), .dutchVolunteerAllowance2025])
        XCTAssertEqual(text, "2025:21000:210000,2027:1:2")
        XCTAssertEqual(LedgerSettings.parse(text), [.dutchVolunteerAllowance2025, AllowanceLimits(year: 2027, monthlyCents: 1, yearlyCents: 2)])
    }

    func testAProposalIdDependsOnTheSourceAndTheAccountOnly() throws {
        let meeting = PayloadEvent.ID.random(), other = PayloadEvent.ID.random()
        let id = try XCTUnwrap(LedgerProposals.entryID(source: meeting, account: 7))
        XCTAssertEqual(LedgerProposals.entryID(source: meeting, account: 7), id, "the same fee gets the same id, on every device")
        XCTAssertNotEqual(LedgerProposals.entryID(source: meeting, account: 8), id)
        XCTAssertNotEqual(LedgerProposals.entryID(source: other, account: 7), id)
    }

    func testAConfirmationPayloadRoundTripsAndNothingElseReadsAsOne() throws {
        let receipt = LedgerReceipt(entry: try XCTUnwrap(LedgerEntryID([UInt8](repeating: 3, count: 16))), confirmed: 1_800_000_000,
                                    signature: [UInt8](repeating: 9, count: 64))
        XCTAssertEqual(LedgerReceipt(confirmation: receipt.confirmationPayload), receipt)
        XCTAssertNil(LedgerReceipt(confirmation: PayloadEvent(content: .unsupported(type: "ledger.receipt", raw: [0]))))
        guard case let .unsupported(type, raw) = receipt.confirmationPayload.content else { return XCTFail("not a feature payload") }
        XCTAssertNil(LedgerReceipt(confirmation: PayloadEvent(content: .unsupported(type: type, raw: raw + [0]))), "trailing bytes are refused")
    }
}
