import Foundation
import XCTest
import Klankbord
@testable import KlankbordCrypto
@testable import KlankbordLedger

/// A ledger of several years: 5,000 steps verify and replay (both are linear; no timing is asserted here, the
/// measured times are in docs/PERFORMANCE.md), and the views still agree to the cent.
final class LedgerScaleTests: XCTestCase {
    let fixture = LedgerFixture()

    func testFiveThousandStepsVerifyAndReplay() throws {
        var chain: [LedgerEvent] = []
        fixture.append(&chain, .budget(year: 2027, purpose: .meeting, cents: 1_000_000))
        var expectedApproved: Int64 = 0
        var entry = 0
        while chain.count < 5_000 {
            entry += 1
            var id = [UInt8](repeating: 0, count: LedgerEntryID.length)
            id[0] = UInt8(entry >> 8)
            id[1] = UInt8(entry & 0xff)
            let draftID = try XCTUnwrap(LedgerEntryID(id))
            let cents = Int64(1_000 + entry % 7 * 250)
            let draft = LedgerEntryDraft(id: draftID, recipient: 10 + UInt64(entry % 2), handle: "member", cents: cents, purpose: .meeting,
                                         method: .cash, date: LedgerFixture.march2027 + Int64(entry % 250) * 86_400, note: "")
            fixture.append(&chain, .created(draft), signer: 1 + UInt64(entry % 2))
            if chain.count < 5_000 {
                // Every approval checks the budget and the allowance: past both after a while, by explicit choice.
                fixture.append(&chain, .approved(draftID, overBudget: true, overAllowance: true))
                expectedApproved += cents
            }
        }
        XCTAssertEqual(chain.count, 5_000)

        let started = Date()
        let verified = try LedgerChain.verify(chain.map(\.bytes), identities: fixture.identities, facilitators: fixture.facilitators)
        let verifiedAt = Date()
        let state = try LedgerState.replay(verified, facilitators: fixture.facilitators)
        let replayedAt = Date()
        print(String(format: "5,000 ledger steps: verify %.0f ms, replay %.0f ms", verifiedAt.timeIntervalSince(started) * 1000,
                     replayedAt.timeIntervalSince(verifiedAt) * 1000))

        XCTAssertEqual(state.orderedEntries.count, entry)
        let line = try XCTUnwrap(state.budget(year: 2027)[.meeting])
        XCTAssertEqual(line.approved, expectedApproved)
        let uses = state.allowanceUses(year: 2027)
        XCTAssertEqual(uses.map(\.yearCents).reduce(0, +), expectedApproved)
        // The running totals flag exactly as a scan would: the first approvals fit, later ones pass the limits.
        XCTAssertEqual(state.orderedEntries.first?.overAllowance, false)
        XCTAssertEqual(state.orderedEntries.filter { $0.state == .approved }.last?.overAllowance, true)
        XCTAssertEqual(state.orderedEntries.filter { $0.state == .approved }.last?.overBudget, true)
        let csv = LedgerExport.csv(state, from: LedgerDate(year: 2027, month: 1, day: 1), to: LedgerDate(year: 2028, month: 12, day: 31), handles: false)
        XCTAssertTrue(csv.contains("total,,,meeting,,\(expectedApproved / 100).\(String(format: "%02d", expectedApproved % 100)),approved_or_paid"))
    }
}
