/// The fields of a new ledger entry as a facilitator writes them (the `created` event's body).
public struct LedgerEntryDraft: Sendable, Equatable {
    /// The entry's identifier.
    public var id: LedgerEntryID
    /// The recipient's account id in the community roster.
    public var recipient: UInt64
    /// The recipient's handle when the entry was made (never a real name).
    public var handle: String
    /// The amount in euro cents; positive, except in a reversal.
    public var cents: Int64
    /// What the payment is for.
    public var purpose: LedgerPurpose
    /// Free text for the purpose; required for `other`, may be empty otherwise.
    public var description: String
    /// How it is paid out.
    public var method: LedgerPayoutMethod
    /// When the work or cost happened, seconds since 1970 UTC; budget year and allowance month follow it.
    public var date: Int64
    /// A note for the facilitators.
    public var note: String

    /// A draft from its parts.
    public init(id: LedgerEntryID = .random(), recipient: UInt64, handle: String, cents: Int64, purpose: LedgerPurpose,
                description: String = "", method: LedgerPayoutMethod, date: Int64, note: String = "") {
        self.id = id
        self.recipient = recipient
        self.handle = handle
        self.cents = cents
        self.purpose = purpose
        self.description = description
        self.method = method
        self.date = date
        self.note = note
    }
}
