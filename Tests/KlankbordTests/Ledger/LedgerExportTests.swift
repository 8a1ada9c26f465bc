import Foundation
import XCTest
import Klankbord
@testable import KlankbordCrypto
@testable import KlankbordLedger

/// The export, the budget view, the summary and the allowance view agree to the cent.
final class LedgerExportTests: XCTestCase {
    let fixture = LedgerFixture()
    let year = LedgerDate(year: 2027, month: 1, day: 1)...LedgerDate(year: 2027, month: 12, day: 31)

    /// A random ledger: entries across 2026–2028 for six recipients, each left proposed, rejected,
    /// approved, paid, confirmed or paid and reversed; budgets for 2027.
    private func randomLedger(seed: UInt64) throws -> LedgerState {
        var generator = SeededGenerator(seed: seed)
        var chain: [LedgerEvent] = []
        var state = LedgerState(facilitators: fixture.facilitators)
        func apply(_ body: LedgerEventBody) throws {
            let event = fixture.next(after: chain, body, signer: UInt64.random(in: 1...2, using: &generator))
            state = try state.applying(event)
            chain.append(event)
        }
        for purpose in LedgerPurpose.allCases {
            try apply(.budget(year: 2027, purpose: purpose, cents: Int64.random(in: 0...500_000, using: &generator)))
        }
        let count = Int.random(in: 0...60, using: &generator)
        for _ in 0..<count {
            let id = LedgerEntryID(generator.bytes(16))!
            // Mostly 2027, some on either side, to check the period.
            let date = Int64.random(in: 1_767_225_600...1_861_920_000, using: &generator)
            let draft = LedgerEntryDraft(id: id, recipient: UInt64.random(in: 10...15, using: &generator), handle: "h",
                                         cents: Int64.random(in: 1...40_000, using: &generator),
                                         purpose: LedgerPurpose.allCases.randomElement(using: &generator)!, description: "d",
                                         method: LedgerPayoutMethod.allCases.randomElement(using: &generator)!, date: date)
            try apply(.created(draft))
            let fate = Int.random(in: 0...5, using: &generator)
            if fate == 1 { try apply(.rejected(id, reason: "no")) }
            if fate >= 2 { try apply(.approved(id, overBudget: true, overAllowance: true)) }
            if fate >= 3 { try apply(.paid(id)) }
            if fate == 4 { try apply(fixture.receipt(for: chain[chain.count - 3], recipient: 10)) }
            if fate == 5 {
                let reversal = LedgerEntryID(generator.bytes(16))!
                try apply(.reversal(id: reversal, reverses: id, date: date, note: ""))
                if Bool.random(using: &generator) { try apply(.approved(reversal, overBudget: false, overAllowance: false)) }
            }
        }
        return state
    }

    private func cents(_ decimal: String) -> Int64 {
        // "-12.05" → -1205, read back from text without floating point.
        let negative = decimal.hasPrefix("-")
        let digits = decimal.filter(\.isNumber)
        return (Int64(digits) ?? 0) * (negative ? -1 : 1)
    }

    func testExportBudgetSummaryAndAllowanceAgreeToTheCentForRandomLedgers() throws {
        for seed in UInt64(1)...40 {
            let state = try randomLedger(seed: seed)
            let budget = state.budget(year: 2027)
            let records = CSVReading.records(LedgerExport.csv(state, from: year.lowerBound, to: year.upperBound))
            XCTAssertEqual(records.first, LedgerExport.header)
            let rows = records.dropFirst().filter { $0[0] != "total" }
            let totals = records.filter { $0[0] == "total" }
            XCTAssertEqual(totals.count, LedgerPurpose.allCases.count)
            XCTAssertEqual(rows.count, state.orderedEntries.filter { year.contains($0.date) }.count, "seed \(seed)")
            let summary = CSVReading.records(LedgerExport.summaryCSV(state, year: 2027)).dropFirst()
            for purpose in LedgerPurpose.allCases {
                let line = try XCTUnwrap(budget[purpose])
                let counted = rows.filter { $0[3] == purpose.code && ["approved", "paid"].contains($0[6]) }
                XCTAssertEqual(counted.map { cents($0[5]) }.reduce(0, +), line.approved, "seed \(seed) \(purpose)")
                XCTAssertEqual(totals.first { $0[3] == purpose.code }.map { cents($0[5]) }, line.approved, "seed \(seed) \(purpose)")
                let quarters = summary.filter { $0[2] == purpose.code && $0[1] != "all" }
                let whole = try XCTUnwrap(summary.first { $0[2] == purpose.code && $0[1] == "all" })
                XCTAssertEqual(quarters.map { cents($0[3]) }.reduce(0, +), line.approved, "seed \(seed) \(purpose)")
                XCTAssertEqual(quarters.map { cents($0[4]) }.reduce(0, +), line.paid, "seed \(seed) \(purpose)")
                XCTAssertEqual([cents(whole[3]), cents(whole[4])], [line.approved, line.paid], "seed \(seed) \(purpose)")
            }
            let allowance = state.allowanceUses(year: 2027).map(\.yearCents).reduce(0, +)
            XCTAssertEqual(allowance, budget.values.map(\.approved).reduce(0, +), "seed \(seed)")
        }
    }

    func testParticipantsAreNumberedPerExportAndHandlesOnlyWhenAsked() throws {
        var chain: [LedgerEvent] = []
        var state = LedgerState(facilitators: fixture.facilitators)
        for (byte, recipient) in [(UInt8(1), UInt64(11)), (2, 10), (3, 11)] {
            let event = fixture.next(after: chain, .created(fixture.draft(byte, recipient: recipient, date: LedgerFixture.march2027 + Int64(byte))))
            state = try state.applying(event)
            chain.append(event)
        }
        let rows = LedgerExport.records(state, from: year.lowerBound, to: year.upperBound).dropFirst().prefix(3)
        XCTAssertEqual(rows.map { $0[2] }, ["P01", "P02", "P01"])
        XCTAssertEqual(rows.map { $0[1] }, ["2027-03-15", "2027-03-15", "2027-03-15"])
        XCTAssertEqual(rows.first?[10], Hex.encode(chain[0].hash))
        let named = LedgerExport.records(state, from: year.lowerBound, to: year.upperBound, handles: true).dropFirst().prefix(3)
        XCTAssertEqual(named.map { $0[2] }, ["member11", "member10", "member11"])
        let csv = LedgerExport.csv(state, from: year.lowerBound, to: year.upperBound)
        XCTAssertFalse(csv.contains("member1"), "no handle without --handles")
        XCTAssertFalse(csv.contains("note"), "notes stay in the ledger")
    }

    func testPythonsCSVModuleReadsTheExportAndItsSumsMatch() throws {
        // The first random ledger with every state and a counted reversal in 2027.
        var sample: LedgerState?
        for seed in UInt64(1)...100 where sample == nil {
            let state = try randomLedger(seed: seed)
            let states = Set(state.orderedEntries.filter { year.contains($0.date) }.map(\.state.code))
            if states == ["proposed", "approved", "paid", "rejected"], state.orderedEntries.contains(where: { $0.reverses != nil && $0.state.counts }) {
                sample = state
            }
        }
        let state = try XCTUnwrap(sample)
        let script = """
        import csv, json, sys
        from decimal import Decimal
        sums, totals = {}, {}
        with open(sys.argv[1], newline='', encoding='utf-8') as f:
            rows = list(csv.DictReader(f))
        for row in rows:
            if row['id'] == 'total':
                totals[row['purpose']] = Decimal(row['amount'])
            elif row['state'] in ('approved', 'paid'):
                sums[row['purpose']] = sums.get(row['purpose'], Decimal('0')) + Decimal(row['amount'])
        assert all(sums.get(p, Decimal('0')) == t for p, t in totals.items()), (sums, totals)
        print(json.dumps({p: int(t * 100) for p, t in totals.items()}))
        """
        let output = try PythonScript.run(script, input: LedgerExport.csv(state, from: year.lowerBound, to: year.upperBound))
        let totals = try JSONDecoder().decode([String: Int64].self, from: Data(output.utf8))
        let budget = state.budget(year: 2027)
        XCTAssertEqual(totals, Dictionary(uniqueKeysWithValues: LedgerPurpose.allCases.map { ($0.code, budget[$0]?.approved ?? -1) }))
        XCTAssertNotEqual(totals.values.reduce(0, +), 0, "the sample has money in it")
    }

    func testNoFloatingPointAnywhereInTheLedger() throws {
        let files = try SourceScanner.swiftFiles().filter { $0.path.hasPrefix("Klankbord/Ledger/") || $0.path == "Klankbord/Export/CSV.swift" }
        XCTAssertGreaterThan(files.count, 5)
        let floating = try NSRegularExpression(pattern: #"\b(Double|Float\w*|CGFloat|TimeInterval|Decimal|Date)\b"#)
        for file in files {
            let found = floating.matches(in: file.text, range: NSRange(file.text.startIndex..., in: file.text))
            XCTAssertEqual(found.count, 0, "\(file.path) uses floating point")
        }
        XCTAssertEqual(floating.numberOfMatches(in: "let x: Double = 1", range: NSRange(location: 0, length: 17)), 1)
    }
}
