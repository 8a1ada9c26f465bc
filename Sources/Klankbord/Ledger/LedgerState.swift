/// The ledger as a chain of verified events has made it: a pure reducer. `applying` either returns the
/// next state or throws a `LedgerError` and leaves this one as it was, so a refused action changes nothing.
///
/// Feed it only events `LedgerChain.verify` accepted; it re-checks the rules (who may act, which state
/// change is allowed, budget and allowance choices) so that a facilitator's client refuses a bad action
/// before signing it, and so that a chain with a rule broken in it does not replay.
public struct LedgerState: Sendable, Equatable {
    /// The accounts whose events count: everyone who has been a facilitator (`LedgerSigners.everyone`). A new event
    /// needs a facilitator of now on top (`appending(_:current:)`).
    public let facilitators: Set<UInt64>
    /// The volunteer-allowance limits per year.
    public let allowance: AllowanceSchedule
    /// Every entry by id.
    public private(set) var entries: [LedgerEntryID: LedgerEntry] = [:]
    /// Entry ids in the order they were created.
    public private(set) var order: [LedgerEntryID] = []
    /// The budget per year and purpose, in cents.
    public private(set) var budgets: [BudgetKey: Int64] = [:]
    /// Every handover of the chain, in order.
    public private(set) var handovers: [Handover] = []
    /// Running totals of approved-or-paid and paid cents, kept as entries change so that an approval's budget and
    /// allowance check costs the same for the 5,000th entry as for the first (replay stays linear).
    private(set) var totals = LedgerTotals()

    /// One facilitator handing the chain to another.
    public struct Handover: Sendable, Equatable {
        /// Who handed it over.
        public let from: UInt64
        /// Who received it.
        public let to: UInt64
        /// When (the signer's clock, UTC seconds).
        public let time: Int64
    }

    /// A year and a purpose category.
    public struct BudgetKey: Hashable, Sendable {
        /// The calendar year.
        public let year: Int
        /// The purpose category.
        public let purpose: LedgerPurpose

        /// A key from its parts.
        public init(year: Int, purpose: LedgerPurpose) {
            self.year = year
            self.purpose = purpose
        }
    }

    /// An empty ledger.
    public init(facilitators: Set<UInt64>, allowance: AllowanceSchedule = AllowanceSchedule()) {
        self.facilitators = facilitators
        self.allowance = allowance
    }

    /// The state after all `events`, in order.
    public static func replay(_ events: [LedgerEvent], facilitators: Set<UInt64>,
                              allowance: AllowanceSchedule = AllowanceSchedule()) throws(LedgerError) -> LedgerState {
        var state = LedgerState(facilitators: facilitators, allowance: allowance)
        // In place: a copy per event would make replay quadratic, and a failed replay is thrown away anyway.
        for event in events { try state.apply(event) }
        return state
    }

    /// Entries in creation order.
    public var orderedEntries: [LedgerEntry] { order.compactMap { entries[$0] } }

    /// The state after `event` as a new step of the chain: only a facilitator of now makes one, and a handover goes
    /// only to a facilitator of now. A replay (`applying`) also accepts the steps of former facilitators.
    public func appending(_ event: LedgerEvent, current: Set<UInt64>) throws(LedgerError) -> LedgerState {
        guard current.contains(event.signer) else { throw .notFacilitator }
        if case let .handover(account) = event.body, !current.contains(account) { throw .notFacilitator }
        return try applying(event)
    }

    /// The state after `event`, or the rule it breaks.
    public func applying(_ event: LedgerEvent) throws(LedgerError) -> LedgerState {
        var next = self
        try next.apply(event)
        return next
    }

    /// Applies `event` in place. Every case checks before it changes anything, so a throw leaves the state as it was.
    private mutating func apply(_ event: LedgerEvent) throws(LedgerError) {
        guard facilitators.contains(event.signer) else { throw .notFacilitator }
        switch event.body {
        case let .created(draft):
            try create(draft, hash: event.hash, time: event.time, reverses: nil)
        case let .approved(id, overBudget, overAllowance):
            try approve(id, overBudget: overBudget, overAllowance: overAllowance)
        case let .paid(id):
            var entry = try entry(id)
            switch entry.state {
            case .proposed: throw .notApproved
            case .rejected: throw .alreadyRejected
            case .paid: throw .alreadyPaid
            case .approved: break
            }
            entry.state = .paid
            entry.paid = event.time
            put(entry)
        case let .rejected(id, reason):
            var entry = try entry(id)
            switch entry.state {
            case .rejected: throw .alreadyRejected
            case .paid: throw .alreadyPaid
            case .proposed, .approved: break
            }
            guard !LedgerInput.looksLikeBankAccount(reason) else { throw .bankDetails }
            entry.state = .rejected
            entry.rejectReason = reason
            put(entry)
        case let .receipt(receipt):
            var entry = try entry(receipt.entry)
            guard entry.state == .paid else { throw .receiptNotPaid }
            guard entry.confirmed == nil else { throw .receiptAlreadyConfirmed }
            entry.confirmed = receipt.confirmed
            put(entry)
        case let .reversal(id, reverses, date, note):
            var original = try entry(reverses)
            guard original.state.counts, original.reversedBy == nil, original.reverses == nil else { throw .cannotReverse }
            var draft = original.draft
            draft.id = id
            draft.cents = -original.draft.cents
            draft.date = date
            draft.note = note
            try create(draft, hash: event.hash, time: event.time, reverses: reverses)
            original.reversedBy = id
            put(original)
        case let .budget(year, purpose, cents):
            guard cents >= 0, cents <= LedgerAmount.maximumBudgetCents else { throw .invalidBudget }
            budgets[BudgetKey(year: Int(year), purpose: purpose)] = cents
        case let .handover(account):
            // The chain goes only to someone who may continue it.
            guard facilitators.contains(account) else { throw .notFacilitator }
            handovers.append(Handover(from: event.signer, to: account, time: event.time))
        }
    }

    private func entry(_ id: LedgerEntryID) throws(LedgerError) -> LedgerEntry {
        guard let entry = entries[id] else { throw .unknownEntry }
        return entry
    }

    private mutating func create(_ draft: LedgerEntryDraft, hash: [UInt8], time: Int64, reverses: LedgerEntryID?) throws(LedgerError) {
        guard entries[draft.id] == nil else { throw .duplicateEntry }
        // A reversal carries the negative of an amount that was valid when it was created.
        let magnitude = reverses == nil ? draft.cents : -draft.cents
        guard magnitude > 0, magnitude <= LedgerAmount.maximumCents else { throw .invalidAmount }
        guard draft.purpose != .other || !draft.description.allSatisfy(\.isWhitespace) else { throw .missingDescription }
        guard ![draft.handle, draft.description, draft.note].contains(where: LedgerInput.looksLikeBankAccount) else { throw .bankDetails }
        var entry = LedgerEntry(draft: draft, hash: hash, created: time, date: LedgerDate(amsterdam: draft.date))
        entry.reverses = reverses
        put(entry)
        order.append(draft.id)
    }

    private mutating func approve(_ id: LedgerEntryID, overBudget: Bool, overAllowance: Bool) throws(LedgerError) {
        var entry = try entry(id)
        switch entry.state {
        case .approved, .paid: throw .alreadyApproved
        case .rejected: throw .alreadyRejected
        case .proposed: break
        }
        let check = approvalCheck(for: entry)
        if let remaining = check.budgetRemaining, !overBudget { throw .overBudget(remainingCents: remaining) }
        if let excess = check.allowance, !overAllowance {
            throw .overAllowance(monthCents: excess.monthCents, yearCents: excess.yearCents, limits: excess.limits)
        }
        entry.state = .approved
        entry.overBudget = check.budgetRemaining != nil
        entry.overAllowance = check.allowance != nil
        put(entry)
    }

    /// Stores `entry` and moves the running totals from what it counted before to what it counts now.
    private mutating func put(_ entry: LedgerEntry) {
        if let old = entries[entry.id] { totals.remove(old) }
        totals.add(entry)
        entries[entry.id] = entry
    }
}
