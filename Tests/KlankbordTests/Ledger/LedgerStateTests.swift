import XCTest
import Klankbord
@testable import KlankbordLedger
@testable import KlankbordLocalization

/// The reducer: allowed state changes, refused ones with stable codes, and nothing recorded changing.
final class LedgerStateTests: XCTestCase {
    let fixture = LedgerFixture()

    /// Applies `body` signed by `signer` to `state` and to `chain` when allowed.
    private func apply(_ state: inout LedgerState, _ chain: inout [LedgerEvent], _ body: LedgerEventBody, signer: UInt64 = 1) throws(LedgerError) {
        let event = fixture.next(after: chain, body, signer: signer)
        state = try state.applying(event)
        chain.append(event)
    }

    private func refused(_ state: LedgerState, _ chain: [LedgerEvent], _ body: LedgerEventBody, signer: UInt64 = 1) -> LedgerError? {
        do {
            let after = try state.applying(fixture.next(after: chain, body, signer: signer))
            XCTFail("allowed: \(body), state now \(after.entries.count) entries")
            return nil
        } catch {
            return error
        }
    }

    private func budgeted() throws -> (LedgerState, [LedgerEvent]) {
        var state = LedgerState(facilitators: fixture.facilitators)
        var chain: [LedgerEvent] = []
        for purpose in LedgerPurpose.allCases { try apply(&state, &chain, .budget(year: 2027, purpose: purpose, cents: 100_000)) }
        return (state, chain)
    }

    func testAnEntryGoesFromProposedToApprovedToPaidAndIsConfirmed() throws {
        var (state, chain) = try budgeted()
        try apply(&state, &chain, .created(fixture.draft(1)))
        XCTAssertEqual(state.entries[fixture.id(1)]?.state, .proposed)
        try apply(&state, &chain, .approved(fixture.id(1), overBudget: false, overAllowance: false), signer: 2)
        XCTAssertEqual(state.entries[fixture.id(1)]?.state, .approved)
        try apply(&state, &chain, .paid(fixture.id(1)))
        XCTAssertEqual(state.entries[fixture.id(1)]?.state, .paid)
        XCTAssertEqual(state.unconfirmedPayments(now: LedgerFixture.march2027 + 31 * 86_400).map(\.id), [fixture.id(1)])
        XCTAssertEqual(state.unconfirmedPayments(now: LedgerFixture.march2027 + 29 * 86_400).map(\.id), [])
        try apply(&state, &chain, fixture.receipt(for: chain[4]))
        XCTAssertNotNil(state.entries[fixture.id(1)]?.confirmed)
        XCTAssertEqual(state.unconfirmedPayments(now: LedgerFixture.march2027 + 31 * 86_400).map(\.id), [])
        XCTAssertEqual(try LedgerState.replay(chain, facilitators: fixture.facilitators), state)
    }

    func testWrongStateChangesAreRefusedWithStableCodesAndChangeNothing() throws {
        var (state, chain) = try budgeted()
        try apply(&state, &chain, .created(fixture.draft(1)))
        try apply(&state, &chain, .created(fixture.draft(2)))
        try apply(&state, &chain, .approved(fixture.id(1), overBudget: false, overAllowance: false))
        try apply(&state, &chain, .rejected(fixture.id(2), reason: "not there"))
        let before = state
        let cases: [(LedgerEventBody, UInt64, String)] = [
            (.approved(fixture.id(1), overBudget: false, overAllowance: false), 1, "ledger_already_approved"),
            (.paid(fixture.id(2)), 1, "ledger_already_rejected"),
            (.approved(fixture.id(2), overBudget: false, overAllowance: false), 1, "ledger_already_rejected"),
            (.created(fixture.draft(3)), 10, "ledger_not_facilitator"),
            (.approved(fixture.id(1), overBudget: false, overAllowance: false), 11, "ledger_not_facilitator"),
            (.created(fixture.draft(1)), 1, "ledger_duplicate_entry"),
            (.paid(fixture.id(9)), 1, "ledger_unknown_entry"),
            (fixture.receipt(for: chain[4]), 1, "ledger_receipt_not_paid"),
            (.reversal(id: fixture.id(8), reverses: fixture.id(2), date: 0, note: ""), 1, "ledger_cannot_reverse"),
            (.budget(year: 2027, purpose: .meeting, cents: -1), 1, "ledger_invalid_budget"),
            (.created(fixture.draft(4, cents: 0)), 1, "ledger_invalid_amount"),
            (.created(fixture.draft(4, cents: -500)), 1, "ledger_invalid_amount"),
            (.created(fixture.draft(4, purpose: .other)), 1, "ledger_missing_description"),
        ]
        for (body, signer, code) in cases {
            XCTAssertEqual(refused(state, chain, body, signer: signer)?.code, code, "\(body)")
            XCTAssertEqual(state, before, "nothing already recorded changes")
        }
        var proposed = state
        try apply(&proposed, &chain, .created(fixture.draft(5)))
        XCTAssertEqual(refused(proposed, chain, .paid(fixture.id(5)))?.code, "ledger_not_approved")
        var paid = state
        var paidChain = Array(chain.dropLast())
        try apply(&paid, &paidChain, .paid(fixture.id(1)))
        XCTAssertEqual(refused(paid, paidChain, .paid(fixture.id(1)))?.code, "ledger_already_paid")
        XCTAssertEqual(refused(paid, paidChain, .rejected(fixture.id(1), reason: ""))?.code, "ledger_already_paid")
    }

    func testBankDetailsAreNeverWrittenDown() throws {
        let (state, chain) = try budgeted()
        var draft = fixture.draft(1)
        draft.note = "pay to NL91 ABNA 0417 1643 00"
        XCTAssertEqual(refused(state, chain, .created(draft)), .bankDetails)
        XCTAssertFalse(LedgerInput.looksLikeBankAccount("meeting 12 March, room 3, 2 hours"))
        XCTAssertTrue(LedgerInput.looksLikeBankAccount("nl91abna0417164300"))
    }

    func testApprovingPastTheBudgetNeedsTheChoiceAndIsFlagged() throws {
        var state = LedgerState(facilitators: fixture.facilitators)
        var chain: [LedgerEvent] = []
        try apply(&state, &chain, .budget(year: 2027, purpose: .travel, cents: 10_000))
        try apply(&state, &chain, .created(fixture.draft(1, cents: 6_000, purpose: .travel)))
        try apply(&state, &chain, .created(fixture.draft(2, recipient: 11, cents: 6_000, purpose: .travel)))
        try apply(&state, &chain, .approved(fixture.id(1), overBudget: false, overAllowance: false))
        XCTAssertEqual(refused(state, chain, .approved(fixture.id(2), overBudget: false, overAllowance: false)), .overBudget(remainingCents: 4_000))
        try apply(&state, &chain, .approved(fixture.id(2), overBudget: true, overAllowance: false))
        XCTAssertEqual(state.entries[fixture.id(2)]?.overBudget, true)
        XCTAssertEqual(state.entries[fixture.id(1)]?.overBudget, false)
        XCTAssertEqual(state.budget(year: 2027)[.travel], BudgetLine(allocated: 10_000, approved: 12_000, paid: 0))
        XCTAssertEqual(state.budget(year: 2027)[.travel]?.remaining, -2_000)
    }

    func testApprovingPastTheMonthlyOrYearlyAllowanceNeedsTheChoice() throws {
        var (state, chain) = try budgeted()
        // € 100 + € 100 in March fits under € 210; a third € 100 in March does not.
        for byte: UInt8 in 1...3 { try apply(&state, &chain, .created(fixture.draft(byte, cents: 10_000))) }
        try apply(&state, &chain, .approved(fixture.id(1), overBudget: false, overAllowance: false))
        try apply(&state, &chain, .approved(fixture.id(2), overBudget: false, overAllowance: false))
        let limits = AllowanceLimits.dutchVolunteerAllowance2025
        XCTAssertEqual(refused(state, chain, .approved(fixture.id(3), overBudget: false, overAllowance: false)),
                       .overAllowance(monthCents: 30_000, yearCents: 30_000, limits: limits))
        try apply(&state, &chain, .approved(fixture.id(3), overBudget: false, overAllowance: true))
        XCTAssertEqual(state.entries[fixture.id(3)]?.overAllowance, true)
        XCTAssertEqual(state.allowanceUse(recipient: 10, year: 2027).yearCents, 30_000)
        XCTAssertEqual(state.allowanceUse(recipient: 10, year: 2027).yearRemaining, 180_000)

        // € 200 in each of ten months stays under the monthly limit but reaches the yearly one in the eleventh.
        var yearly = LedgerState(facilitators: fixture.facilitators, allowance: AllowanceSchedule([AllowanceLimits(year: 2027, monthlyCents: 21_000, yearlyCents: 210_000)]))
        var yearlyChain: [LedgerEvent] = []
        for month in 0..<11 {
            let date = LedgerFixture.march2027 - 60 * 86_400 + Int64(month) * 31 * 86_400
            try apply(&yearly, &yearlyChain, .created(fixture.draft(UInt8(20 + month), cents: 20_000, purpose: .consultation, date: date)))
            let approve = LedgerEventBody.approved(fixture.id(UInt8(20 + month)), overBudget: true, overAllowance: false)
            if month < 10 {
                try apply(&yearly, &yearlyChain, approve)
            } else {
                guard case .overAllowance(_, let year, _)? = refused(yearly, yearlyChain, approve) else { return XCTFail("not refused") }
                XCTAssertEqual(year, 220_000)
            }
        }
    }

    func testAReversalIsANewNegativeEntryAndTheOriginalStays() throws {
        var (state, chain) = try budgeted()
        try apply(&state, &chain, .created(fixture.draft(1, cents: 7_500)))
        try apply(&state, &chain, .approved(fixture.id(1), overBudget: false, overAllowance: false))
        try apply(&state, &chain, .paid(fixture.id(1)))
        try apply(&state, &chain, .reversal(id: fixture.id(2), reverses: fixture.id(1), date: LedgerFixture.march2027, note: "paid twice"))
        XCTAssertEqual(state.entries[fixture.id(1)]?.state, .paid)
        XCTAssertEqual(state.entries[fixture.id(1)]?.draft.cents, 7_500)
        XCTAssertEqual(state.entries[fixture.id(2)]?.draft.cents, -7_500)
        XCTAssertEqual(state.entries[fixture.id(2)]?.reverses, fixture.id(1))
        try apply(&state, &chain, .approved(fixture.id(2), overBudget: false, overAllowance: false))
        XCTAssertEqual(state.budget(year: 2027)[.meeting]?.approved, 0)
        XCTAssertEqual(refused(state, chain, .reversal(id: fixture.id(3), reverses: fixture.id(1), date: 0, note: "")), .cannotReverse)
        XCTAssertEqual(refused(state, chain, .reversal(id: fixture.id(3), reverses: fixture.id(2), date: 0, note: "")), .cannotReverse)
    }

    func testAmountsAreParsedToWholeCentsOrRefused() {
        let good: [(String, Int64)] = [("25", 2_500), ("25.5", 2_550), ("25,50", 2_550), ("€ 0,01", 1), (" 100000.00 ", 10_000_000)]
        for (text, cents) in good { XCTAssertEqual(try LedgerAmount.cents(from: text), cents, text) }
        for text in ["", "-5", "0", "0.00", "12.345", "1.250,00", "abc", "12.", ".5", "1e3", "100000.01", "١٢"] {
            XCTAssertThrowsError(try LedgerAmount.cents(from: text), text) { XCTAssertEqual($0 as? LedgerError, .invalidAmount) }
        }
        XCTAssertEqual(LedgerAmount.decimal(-305), "-3.05")
        XCTAssertEqual(LedgerAmount.decimal(1_250_00), "1250.00")
    }

    func testEveryErrorHasItsOwnCodeAndASentenceInEveryLanguage() {
        let limits = AllowanceLimits.dutchVolunteerAllowance2025
        let all: [LedgerError] = [.notFacilitator, .unknownEntry, .duplicateEntry, .invalidAmount, .missingDescription, .bankDetails,
                                  .alreadyApproved, .alreadyRejected, .notApproved, .alreadyPaid, .overBudget(remainingCents: 4_000),
                                  .overAllowance(monthCents: 30_000, yearCents: 30_000, limits: limits), .receiptNotPaid,
                                  .receiptAlreadyConfirmed, .cannotReverse, .invalidBudget]
        XCTAssertEqual(Set(all.map(\.code)).count, all.count)
        for language in Language.allCases {
            let t = Localizer(language)
            for error in all {
                let text = error.text(t)
                XCTAssertNotEqual(text, error.sentence.rawValue, "\(language) \(error.code)")
                XCTAssertFalse(text.contains("{"), "\(language) \(error.code): \(text)")
            }
        }
        XCTAssertTrue(LedgerError.overAllowance(monthCents: 30_000, yearCents: 30_000, limits: limits).text(Localizer(.nl)).contains("€ 300,00"))
    }

    func testTheChainIsHandedOnlyToAFacilitatorAndTheHandoverIsRecorded() throws {
        var (state, chain) = try budgeted()
        XCTAssertEqual(refused(state, chain, .handover(to: 10)), .notFacilitator, "a member cannot receive the chain")
        XCTAssertEqual(refused(state, chain, .handover(to: 2), signer: 10), .notFacilitator, "a member cannot hand it over")
        try apply(&state, &chain, .handover(to: 2))
        XCTAssertEqual(state.handovers, [LedgerState.Handover(from: 1, to: 2, time: LedgerFixture.march2027)])
        let decoded = try LedgerEvent(decoding: chain[chain.count - 1].bytes)
        XCTAssertEqual(decoded.body, .handover(to: 2))
        XCTAssertEqual(LedgerEvent(payload: decoded.payload), decoded)
    }
}
