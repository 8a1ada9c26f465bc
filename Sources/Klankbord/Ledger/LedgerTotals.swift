/// Running sums over the entries that count (approved or paid; reversals subtract), kept by `LedgerState` as entries
/// change, so the budget view and the allowance check read a sum instead of scanning every entry.
struct LedgerTotals: Sendable, Equatable {
    /// A recipient in one calendar year.
    struct RecipientYear: Hashable, Sendable {
        let recipient: UInt64
        let year: Int
    }

    /// Approved-or-paid cents per year and purpose.
    private(set) var approved: [LedgerState.BudgetKey: Int64] = [:]
    /// Paid cents per year and purpose.
    private(set) var paid: [LedgerState.BudgetKey: Int64] = [:]
    /// Approved-or-paid cents per recipient and year, per month (index 0 = January).
    private(set) var months: [RecipientYear: [Int64]] = [:]

    /// Counts `entry` in.
    mutating func add(_ entry: LedgerEntry) { change(entry, by: 1) }

    /// Counts `entry` out (before it is stored again in another state).
    mutating func remove(_ entry: LedgerEntry) { change(entry, by: -1) }

    private mutating func change(_ entry: LedgerEntry, by sign: Int64) {
        guard entry.state.counts else { return }
        let cents = sign * entry.draft.cents
        let key = LedgerState.BudgetKey(year: entry.date.year, purpose: entry.draft.purpose)
        approved[key, default: 0] += cents
        if entry.state == .paid { paid[key, default: 0] += cents }
        let recipientYear = RecipientYear(recipient: entry.draft.recipient, year: entry.date.year)
        months[recipientYear, default: [Int64](repeating: 0, count: 12)][entry.date.month - 1] += cents
    }
}
