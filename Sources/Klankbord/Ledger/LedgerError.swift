import KlankbordLocalization

/// Why a ledger action was refused. Nothing already recorded changes when one is thrown.
/// Each case has a stable code (for scripts and logs) and a sentence in the catalog.
public enum LedgerError: Error, Equatable, Sendable {
    /// Only a facilitator may add, approve, pay, reject, reverse or set a budget.
    case notFacilitator
    /// No entry has this id.
    case unknownEntry
    /// An entry with this id already exists.
    case duplicateEntry
    /// The amount is not a whole number of cents above zero (and at most `LedgerAmount.maximumCents`).
    case invalidAmount
    /// A purpose of "other" needs a description.
    case missingDescription
    /// A text field looks like a bank account number; the ledger never stores bank details.
    case bankDetails
    /// The entry was already approved (or paid).
    case alreadyApproved
    /// The entry was rejected; it cannot be approved, paid or rejected again.
    case alreadyRejected
    /// The entry is not approved yet, so it cannot be paid.
    case notApproved
    /// The entry was already paid.
    case alreadyPaid
    /// Approving would go over what remains of the budget; needs the explicit over-budget choice.
    case overBudget(remainingCents: Int64)
    /// Approving would take the recipient over the monthly or yearly allowance; needs the explicit choice.
    case overAllowance(monthCents: Int64, yearCents: Int64, limits: AllowanceLimits)
    /// A receipt can only confirm a paid entry.
    case receiptNotPaid
    /// The recipient already confirmed this entry.
    case receiptAlreadyConfirmed
    /// Only an approved or paid entry can be reversed, only once, and a reversal itself cannot be reversed.
    case cannotReverse
    /// A budget must be zero or more.
    case invalidBudget

    /// The stable code, such as `ledger_already_approved`.
    public var code: String {
        switch self {
        case .notFacilitator: "ledger_not_facilitator"
        case .unknownEntry: "ledger_unknown_entry"
        case .duplicateEntry: "ledger_duplicate_entry"
        case .invalidAmount: "ledger_invalid_amount"
        case .missingDescription: "ledger_missing_description"
        case .bankDetails: "ledger_bank_details"
        case .alreadyApproved: "ledger_already_approved"
        case .alreadyRejected: "ledger_already_rejected"
        case .notApproved: "ledger_not_approved"
        case .alreadyPaid: "ledger_already_paid"
        case .overBudget: "ledger_over_budget"
        case .overAllowance: "ledger_over_allowance"
        case .receiptNotPaid: "ledger_receipt_not_paid"
        case .receiptAlreadyConfirmed: "ledger_receipt_already_confirmed"
        case .cannotReverse: "ledger_cannot_reverse"
        case .invalidBudget: "ledger_invalid_budget"
        }
    }

    /// The catalog key of the sentence a person reads.
    public var sentence: L10nKey {
        switch self {
        case .notFacilitator: L10nKey("ledger.error.not_facilitator")
        case .unknownEntry: L10nKey("ledger.error.unknown_entry")
        case .duplicateEntry: L10nKey("ledger.error.duplicate_entry")
        case .invalidAmount: L10nKey("ledger.error.invalid_amount")
        case .missingDescription: L10nKey("ledger.error.missing_description")
        case .bankDetails: L10nKey("ledger.error.bank_details")
        case .alreadyApproved: L10nKey("ledger.error.already_approved")
        case .alreadyRejected: L10nKey("ledger.error.already_rejected")
        case .notApproved: L10nKey("ledger.error.not_approved")
        case .alreadyPaid: L10nKey("ledger.error.already_paid")
        case .overBudget: L10nKey("ledger.error.over_budget")
        case .overAllowance: L10nKey("ledger.error.over_allowance")
        case .receiptNotPaid: L10nKey("ledger.error.receipt_not_paid")
        case .receiptAlreadyConfirmed: L10nKey("ledger.error.receipt_already_confirmed")
        case .cannotReverse: L10nKey("ledger.error.cannot_reverse")
        case .invalidBudget: L10nKey("ledger.error.invalid_budget")
        }
    }

    /// The sentence in the person's language, with amounts written as they expect them.
    public func text(_ t: Localizer) -> String {
        switch self {
        case let .overBudget(remaining):
            return t(sentence, ["remaining": t.money(cents: remaining)])
        case let .overAllowance(month, year, limits):
            return t(sentence, ["month": t.money(cents: month), "month_limit": t.money(cents: limits.monthlyCents),
                                "year": t.money(cents: year), "year_limit": t.money(cents: limits.yearlyCents)])
        default:
            return t(sentence)
        }
    }
}
