import KlankbordCrypto
import KlankbordExport

/// The accountant's export: one CSV row per entry dated in a period, then a totals row per purpose.
///
/// Participants appear as P01, P02 … numbered per export in the order they first appear, unless
/// `handles` is asked for; no note, description or reason is exported. Totals count approved and paid
/// entries (reversals subtract), exactly as the budget view does.
public enum LedgerExport {
    /// The header row.
    public static let header = ["id", "date", "participant", "purpose", "method", "amount", "state",
                                "receipt_confirmed", "over_budget", "over_allowance", "entry_hash"]

    /// Entries dated `from`…`to` (Amsterdam dates, both included), by date and then creation order.
    public static func entries(_ state: LedgerState, from: LedgerDate, to: LedgerDate) -> [LedgerEntry] {
        let inPeriod = state.orderedEntries.enumerated().filter { from <= $0.element.date && $0.element.date <= to }
        return inPeriod.sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }.map(\.element)
    }

    /// The export's records: header, entry rows, totals rows (first field `total`).
    public static func records(_ state: LedgerState, from: LedgerDate, to: LedgerDate, handles: Bool = false) -> [[String]] {
        let rows = entries(state, from: from, to: to)
        var numbers: [UInt64: Int] = [:]
        var records = [header]
        for entry in rows {
            let participant: String
            if handles {
                participant = CSV.text(entry.draft.handle)
            } else {
                let number = numbers[entry.draft.recipient] ?? numbers.count + 1
                numbers[entry.draft.recipient] = number
                participant = number < 10 ? "P0\(number)" : "P\(number)"
            }
            records.append([entry.id.description, entry.date.description, participant, entry.draft.purpose.code,
                            entry.draft.method.code, LedgerAmount.decimal(entry.draft.cents), entry.state.code,
                            yesNo(entry.confirmed != nil), yesNo(entry.overBudget), yesNo(entry.overAllowance), Hex.encode(entry.hash)])
        }
        for purpose in LedgerPurpose.allCases {
            let cents = rows.filter { $0.draft.purpose == purpose && $0.state.counts }.reduce(Int64(0)) { $0 + $1.draft.cents }
            records.append(["total", "", "", purpose.code, "", LedgerAmount.decimal(cents), "approved_or_paid", "", "", "", ""])
        }
        return records
    }

    /// The export as RFC 4180 text.
    public static func csv(_ state: LedgerState, from: LedgerDate, to: LedgerDate, handles: Bool = false) -> String {
        CSV.document(records(state, from: from, to: to, handles: handles))
    }

    /// Per-quarter and per-purpose totals of `year` for the subsidy report: approved (approved or paid) and
    /// paid cents, a row per quarter and purpose, then a row per purpose for the whole year (quarter `all`).
    public static func summaryRecords(_ state: LedgerState, year: Int) -> [[String]] {
        let counted = state.orderedEntries.filter { $0.state.counts && $0.date.year == year }
        var records = [["year", "quarter", "purpose", "approved", "paid"]]
        func line(_ quarter: String, _ purpose: LedgerPurpose, _ entries: [LedgerEntry]) -> [String] {
            let approved = entries.reduce(Int64(0)) { $0 + $1.draft.cents }
            let paid = entries.filter { $0.state == .paid }.reduce(Int64(0)) { $0 + $1.draft.cents }
            return [String(year), quarter, purpose.code, LedgerAmount.decimal(approved), LedgerAmount.decimal(paid)]
        }
        for quarter in 1...4 {
            for purpose in LedgerPurpose.allCases {
                records.append(line("Q\(quarter)", purpose, counted.filter { $0.date.quarter == quarter && $0.draft.purpose == purpose }))
            }
        }
        for purpose in LedgerPurpose.allCases { records.append(line("all", purpose, counted.filter { $0.draft.purpose == purpose })) }
        return records
    }

    /// The summary as RFC 4180 text.
    public static func summaryCSV(_ state: LedgerState, year: Int) -> String {
        CSV.document(summaryRecords(state, year: year))
    }

    private static func yesNo(_ value: Bool) -> String { value ? "yes" : "no" }
}
