/// What approving an entry would go over, so the facilitator can be warned before choosing.
public struct LedgerApprovalCheck: Sendable, Equatable {
    /// What remains of the entry's budget before it, when the entry does not fit; nil when it fits.
    public let budgetRemaining: Int64?
    /// The recipient's totals with the entry, when they pass a limit; nil when they stay within.
    public let allowance: (monthCents: Int64, yearCents: Int64, limits: AllowanceLimits)?

    /// Compares the parts (a tuple is not `Equatable` by itself).
    public static func == (lhs: LedgerApprovalCheck, rhs: LedgerApprovalCheck) -> Bool {
        lhs.budgetRemaining == rhs.budgetRemaining && lhs.allowance?.monthCents == rhs.allowance?.monthCents
            && lhs.allowance?.yearCents == rhs.allowance?.yearCents && lhs.allowance?.limits == rhs.allowance?.limits
    }
}

extension LedgerState {
    /// What approving `entry` now would go over. Only a positive amount can go over anything; a
    /// reversal gives money back.
    public func approvalCheck(for entry: LedgerEntry) -> LedgerApprovalCheck {
        guard entry.draft.cents > 0 else { return LedgerApprovalCheck(budgetRemaining: nil, allowance: nil) }
        let date = entry.date
        let line = budget(year: date.year)[entry.draft.purpose] ?? BudgetLine(allocated: 0, approved: 0, paid: 0)
        let budgetRemaining: Int64? = entry.draft.cents > line.remaining ? line.remaining : nil
        let use = allowanceUse(recipient: entry.draft.recipient, year: date.year)
        guard let limits = use.limits else { return LedgerApprovalCheck(budgetRemaining: budgetRemaining, allowance: nil) }
        let month = use.monthCents[date.month - 1] + entry.draft.cents
        let year = use.yearCents + entry.draft.cents
        let over = month > limits.monthlyCents || year > limits.yearlyCents
        return LedgerApprovalCheck(budgetRemaining: budgetRemaining, allowance: over ? (month, year, limits) : nil)
    }
}
