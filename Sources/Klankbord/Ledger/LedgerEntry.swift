/// One entry of the ledger as the chain has made it so far.
public struct LedgerEntry: Sendable, Equatable {
    /// The fields as created (for a reversal: the reversed entry's fields with the negative amount).
    public let draft: LedgerEntryDraft
    /// The hash of the event that created it; the recipient's receipt signs this.
    public let hash: [UInt8]
    /// When it was created (signer's clock, UTC seconds).
    public let created: Int64
    /// The Amsterdam date its budget year, allowance month and export row follow (kept, as every view reads it).
    public let date: LedgerDate
    /// Where it stands.
    public internal(set) var state: LedgerEntryState = .proposed
    /// The entry this one reverses, if it is a reversal.
    public internal(set) var reverses: LedgerEntryID?
    /// The reversal that cancels this entry, if any.
    public internal(set) var reversedBy: LedgerEntryID?
    /// Approved past what remained of the budget, by explicit choice.
    public internal(set) var overBudget = false
    /// Approved past a volunteer-allowance limit, by explicit choice.
    public internal(set) var overAllowance = false
    /// When it was paid (UTC seconds).
    public internal(set) var paid: Int64?
    /// When the recipient confirmed the payment (their clock, UTC seconds).
    public internal(set) var confirmed: Int64?
    /// Why it was rejected.
    public internal(set) var rejectReason: String?

    /// The entry's id.
    public var id: LedgerEntryID { draft.id }
}

/// Checks of what facilitators type into an entry.
enum LedgerInput {
    /// Whether `text` holds something shaped like an IBAN (two letters, two digits, 11 to 30 letters or
    /// digits, spaces ignored). Bank details must never be written into the ledger.
    static func looksLikeBankAccount(_ text: String) -> Bool {
        let chars = Array(text.uppercased().unicodeScalars.filter { $0 != " " })
        func isLetter(_ c: Unicode.Scalar) -> Bool { ("A"..."Z").contains(c) }
        func isDigit(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) }
        guard chars.count >= 15 else { return false }
        for start in 0...(chars.count - 15) {
            guard isLetter(chars[start]), isLetter(chars[start + 1]), isDigit(chars[start + 2]), isDigit(chars[start + 3]) else { continue }
            let rest = chars[(start + 4)...].prefix { isLetter($0) || isDigit($0) }
            if rest.count >= 11, rest.contains(where: isDigit) { return true }
        }
        return false
    }
}
