/// One purpose's budget in one year, in cents.
public struct BudgetLine: Sendable, Equatable {
    /// What the facilitators set for the year.
    public let allocated: Int64
    /// Approved or paid entries (reversals subtract).
    public let approved: Int64
    /// Paid entries (reversals subtract).
    public let paid: Int64

    /// What is left to approve (negative when approved past the budget).
    public var remaining: Int64 { allocated - approved }
}

extension LedgerState {
    /// Every purpose's budget line for `year`, by the entries' Amsterdam dates.
    public func budget(year: Int) -> [LedgerPurpose: BudgetLine] {
        var lines: [LedgerPurpose: BudgetLine] = [:]
        for purpose in LedgerPurpose.allCases {
            let key = BudgetKey(year: year, purpose: purpose)
            lines[purpose] = BudgetLine(allocated: budgets[key] ?? 0, approved: totals.approved[key] ?? 0, paid: totals.paid[key] ?? 0)
        }
        return lines
    }

    /// How much of `recipient`'s allowance approved and paid entries use in `year`.
    public func allowanceUse(recipient: UInt64, year: Int) -> AllowanceUse {
        let months = totals.months[LedgerTotals.RecipientYear(recipient: recipient, year: year)] ?? [Int64](repeating: 0, count: 12)
        return AllowanceUse(recipient: recipient, year: year, limits: allowance.limits(for: year), monthCents: months)
    }

    /// Every recipient with an approved or paid entry in `year`, with their use.
    public func allowanceUses(year: Int) -> [AllowanceUse] {
        let recipients = Set(orderedEntries.filter { $0.state.counts && $0.date.year == year }.map(\.draft.recipient))
        return recipients.sorted().map { allowanceUse(recipient: $0, year: year) }
    }

    /// Paid entries the recipient has not confirmed within 30 days of payment, oldest payment first.
    public func unconfirmedPayments(now: Int64) -> [LedgerEntry] {
        orderedEntries.filter { entry in
            guard let paid = entry.paid, entry.confirmed == nil else { return false }
            return now - paid >= 30 * 86_400
        }.sorted { ($0.paid ?? 0) < ($1.paid ?? 0) }
    }
}
