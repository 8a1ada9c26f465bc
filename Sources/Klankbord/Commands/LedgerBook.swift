import FoundationEssentials
import KlankbordClient
import KlankbordCrypto
import KlankbordE2E
import KlankbordLedger
import KlankbordLocalization
import KlankbordProtocol
import KlankbordTrust

/// The reimbursement ledger as this facilitator's device holds it: the facilitators-only room, the chain of signed
/// events read from the profile's feature store and verified, and the state the pure core reduces it to.
/// Every change is checked by the core before it is signed, so a refused action sends and changes nothing.
struct LedgerBook {
    let room: RoomSummary
    /// The room's facilitators from its signed log and the roster (never the server's tables).
    let facilitators: [LogMember]
    /// Account → identity signing key: the facilitators' and every identity this device pinned.
    let identities: [UInt64: Ed25519.VerifyingKey]
    private(set) var events: [LedgerEvent]
    private(set) var state: LedgerState
    /// Steps this device holds that only a former facilitator stands behind, left out of the chain.
    let leftOut: Int

    var facilitatorIDs: Set<UInt64> { Set(facilitators.map(\.account)) }

    /// The name the ledger room gets on the server. A plain word that says nothing about anyone in it.
    static let roomName = "ledger"

    /// Every copy of the chain this device holds, in the order to assemble it (`LedgerChain.assemble`): first the
    /// copies a facilitator handed over (in the order they came), then the room's events in the server's order.
    static func copies(_ messenger: Messenger, room: UInt64) -> [[UInt8]] {
        let held = messenger.featureEvents(in: room, prefix: "ledger.")
        let handed = held.filter(\.isPrivate)
        let posted = held.filter { !$0.isPrivate }.sorted { ($0.seq ?? 0) < ($1.seq ?? 0) }
        return (handed + posted).compactMap { feature in
            guard case let .unsupported(_, raw) = feature.event.content else { return nil }
            return raw
        }
    }

    /// Who the ledger trusts, from this device alone.
    struct Trust {
        let room: RoomSummary
        /// The ledger room's facilitators of now, from its signed log and the roster.
        let facilitators: [LogMember]
        /// Account → identity signing key: the facilitators' and every identity this device pinned (for receipts).
        let identities: [UInt64: Ed25519.VerifyingKey]
        /// Who has ever held the facilitator role with which key (roster history), and who holds it now.
        let signers: LedgerSigners
    }

    /// Who the ledger trusts, from this device alone: the ledger room, its facilitators from the signed log and the
    /// roster, the identity keys to check receipts with, and every key the roster ever granted the facilitator role.
    static func trust(_ run: Invocation) throws(CommandFailure) -> Trust {
        let messenger = try run.messenger()
        let profile = try run.profile()
        guard let id = profile.ledgerRoom else {
            let roster = try run.secure { try messenger.syncedRoster().roster() }
            // A member has no ledger at all; saying so is the same refusal as for adding or approving.
            guard roster.role(of: messenger.account.id) == .facilitator else { throw refusal(.notFacilitator, run) }
            throw .message(L10nKey("ledger.cli.no_ledger"), exitCode: 1)
        }
        let room = try run.room(named: RoomReference.idPrefix + String(id), over: messenger.connection)
        let signed = try run.secure { () throws -> SignedRoomTrust in
            try messenger.catchUpLedger(room.id)
            return try messenger.signedRoom(of: room.id)
        }
        let facilitators = signed.facilitators
        // The room must hold only facilitators: a member in its signed log could read every payment.
        let facilitatorIDs = Set(facilitators.map(\.account))
        if let reader = signed.members.first(where: { !facilitatorIDs.contains($0.account) }) {
            throw .message(L10nKey("ledger.cli.room_not_private"), ["handle": TerminalText.inline(reader.handle)], exitCode: 2)
        }
        var identities: [UInt64: Ed25519.VerifyingKey] = [:]
        for pin in profile.pins() where pin.held == nil { identities[pin.account] = pin.identity.signingKey }
        for member in facilitators { identities[member.account] = member.identity.signingKey }
        if let identity = try? profile.identity() { identities[messenger.account.id] = identity.publicBundle.signingKey }
        // A former facilitator's steps stay valid: the roster's grants keep every key the role was held with.
        var former: [UInt64: Set<Ed25519.VerifyingKey>] = [:]
        for grant in signed.roster.log.grants where grant.role == .facilitator { former[grant.account, default: []].insert(grant.signingKey) }
        for member in facilitators { former[member.account, default: []].insert(member.identity.signingKey) }
        return Trust(room: room, facilitators: facilitators, identities: identities, signers: LedgerSigners(former: former, current: facilitatorIDs))
    }

    /// Opens the ledger: catches up, reads the facilitators from the signed log, assembles the chain (leaving out steps
    /// only a former facilitator stands behind), verifies it against the head this device remembers, and replays it.
    /// A broken chain stops the command with the place where it breaks. `everySignature` checks the signatures of the
    /// steps verified before too (`ledger verify`); otherwise the remembered head vouches for them.
    static func open(_ run: Invocation, everySignature: Bool = false) throws(CommandFailure) -> LedgerBook {
        let trust = try self.trust(run)
        let messenger = try run.messenger()
        let profile = try run.profile()
        let head = profile.ledgerHead.map { LedgerHead(count: Int($0.count), hash: $0.hash) }
        let assembly = LedgerChain.assemble(copies(messenger, room: trust.room.id), current: trust.signers.current, head: head)
        let events: [LedgerEvent]
        do {
            events = try LedgerChain.verify(assembly, signers: trust.signers, identities: trust.identities, head: head,
                                            trustingHead: !everySignature)
        } catch {
            throw .message(L10nKey("ledger.error.chain_broken"), ["number": String(error.index + 1)], exitCode: 2)
        }
        let state: LedgerState
        do {
            state = try LedgerState.replay(events, facilitators: trust.signers.everyone, allowance: LedgerSettings.schedule(profile))
        } catch {
            throw .message(error.sentence, exitCode: 2)
        }
        let book = LedgerBook(room: trust.room, facilitators: trust.facilitators, identities: trust.identities, events: events, state: state,
                              leftOut: assembly.leftOut)
        try book.remember(profile)
        return book
    }

    /// Keeps the verified head in the profile.
    func remember(_ profile: Profile) throws(CommandFailure) {
        let head = LedgerChain.head(of: events)
        do {
            try profile.setLedgerHead(count: UInt64(head.count), hash: head.hash)
        } catch {
            throw .profile(error)
        }
    }

    /// Signs `body` as the next event, checks it with the core, and sends it to the ledger room. Throws the core's
    /// sentence (and sends nothing) when the rule is broken or this account is not a facilitator.
    @discardableResult
    mutating func append(_ body: LedgerEventBody, _ run: Invocation) throws(CommandFailure) -> LedgerEvent {
        let messenger = try run.messenger()
        guard facilitatorIDs.contains(messenger.account.id) else { throw LedgerBook.refusal(.notFacilitator, run) }
        let profile = try run.profile()
        let key: IdentityKeys
        do {
            key = try profile.identity()
        } catch {
            throw .profile(error)
        }
        let event = LedgerEvent(index: UInt64(events.count), prev: events.last?.hash ?? LedgerEvent.zeroHash,
                                time: Int64(Date().timeIntervalSince1970), signer: messenger.account.id, body: body, key: key.signingKey)
        let next: LedgerState
        do {
            next = try state.appending(event, current: facilitatorIDs)
        } catch {
            throw LedgerBook.refusal(error, run)
        }
        let room = self.room
        try run.secure { try messenger.send(event: event.payload, to: room) }
        events.append(event)
        state = next
        try remember(try run.profile())
        return event
    }

    /// The core's refusal as the person reads it (with amounts in their language).
    static func refusal(_ error: LedgerError, _ run: Invocation) -> CommandFailure {
        let t = run.t
        switch error {
        case let .overBudget(remaining):
            return .message(error.sentence, ["remaining": t.money(cents: remaining)], exitCode: 1)
        case let .overAllowance(month, year, limits):
            return .message(error.sentence, ["month": t.money(cents: month), "month_limit": t.money(cents: limits.monthlyCents),
                                             "year": t.money(cents: year), "year_limit": t.money(cents: limits.yearlyCents)], exitCode: 1)
        default:
            return .message(error.sentence, exitCode: 1)
        }
    }

    /// The entry whose id starts with `typed` (at least 4 hex characters), or a translated refusal.
    func entry(_ typed: String, _ run: Invocation) throws(CommandFailure) -> LedgerEntry {
        let prefix = typed.lowercased()
        let found = prefix.count >= 4 ? state.orderedEntries.filter { $0.id.description.hasPrefix(prefix) } : []
        guard found.count == 1, let entry = found.first else { throw LedgerBook.refusal(.unknownEntry, run) }
        return entry
    }
}
