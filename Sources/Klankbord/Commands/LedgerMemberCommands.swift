import FoundationEssentials
import KlankbordClient
import KlankbordE2E
import KlankbordLedger
import KlankbordLocalization
import KlankbordTrust

/// A member's side of the ledger: the copies of their own entries that facilitators sent them privately (`mine`), and
/// the signed confirmation that a payment reached them (`confirm`). A copy counts only when a facilitator of the
/// signed roster signed it, so a server or a member claiming to be a facilitator cannot fake a payment.
enum LedgerMemberCommands {
    /// One of this member's own entries as their copies make it.
    struct Payment {
        var draft: LedgerEntryDraft
        var hash: [UInt8]
        var state: LedgerEntryState = .proposed
        /// The facilitator who sent the latest copy, and the thread it came in: where a confirmation goes.
        var facilitator: UInt64
        var thread: UInt64
        /// This member sent a confirmation, or the chain recorded one.
        var confirmed = false
    }

    /// Every copy this account holds about its own entries, checked against the roster, reduced in chain order.
    static func payments(_ run: Invocation) throws(CommandFailure) -> [Payment] {
        let messenger = try run.messenger()
        let me = messenger.account.id
        let roster = try run.secure { () throws -> Roster in
            try messenger.processInbox()
            return try messenger.syncedRoster().roster()
        }
        guard case let .rooms(rooms) = try run.call(messenger.connection, .rooms) else { throw .client(.protocolViolation, server: nil) }
        var copies: [(event: LedgerEvent, thread: UInt64)] = []
        var sent: Set<LedgerEntryID> = []
        for room in rooms where room.kind == .direct {
            for feature in messenger.featureEvents(in: room.id, prefix: "ledger.") where feature.isPrivate {
                if feature.sender == me, let receipt = LedgerReceipt(confirmation: feature.event) { sent.insert(receipt.entry) }
                guard let event = LedgerEvent(payload: feature.event), signedByFacilitator(event, roster) else { continue }
                copies.append((event, room.id))
            }
        }
        var payments: [LedgerEntryID: Payment] = [:]
        var order: [LedgerEntryID] = []
        for (event, thread) in copies {
            if case let .created(draft) = event.body, draft.recipient == me, payments[draft.id] == nil {
                payments[draft.id] = Payment(draft: draft, hash: event.hash, facilitator: event.signer, thread: thread)
                order.append(draft.id)
            }
        }
        for (event, thread) in copies.sorted(by: { $0.event.index < $1.event.index }) {
            switch event.body {
            case let .approved(id, _, _): payments[id]?.state = .approved
            case let .paid(id):
                payments[id]?.state = .paid
                payments[id]?.facilitator = event.signer
                payments[id]?.thread = thread
            case let .rejected(id, _): payments[id]?.state = .rejected
            case let .receipt(receipt): payments[receipt.entry]?.confirmed = true
            case let .reversal(id, reverses, date, note):
                // A correction of one of this member's entries: the same entry with the negative amount.
                guard payments[id] == nil, var draft = payments[reverses]?.draft else { break }
                (draft.id, draft.cents, draft.date, draft.note) = (id, -draft.cents, date, note)
                payments[id] = Payment(draft: draft, hash: event.hash, facilitator: event.signer, thread: thread)
                order.append(id)
            case .created, .budget, .handover: break
            }
        }
        for id in sent { payments[id]?.confirmed = true }
        return order.compactMap { payments[$0] }
    }

    /// Whether `event` is signed by its signer with an identity key the signed roster granted the facilitator role
    /// with, now or before: a payment made by a facilitator who later lost the role, left or was deleted still shows
    /// (docs/LEDGER.md, "Former facilitators"; the copies change only this member's own view, never the chain).
    static func signedByFacilitator(_ event: LedgerEvent, _ roster: Roster) -> Bool {
        roster.log.grants.contains { grant in
            grant.account == event.signer && grant.role == .facilitator && event.isSigned(by: grant.signingKey)
        }
    }

    /// `ledger mine`: this member's own payments and how much of the year's allowance they use.
    static func mine(_ run: Invocation) throws(CommandFailure) {
        let payments = try payments(run)
        if run.json {
            for payment in payments {
                run.terminal.line(JSONText.object([("id", .string(payment.draft.id.description)),
                                                   ("date", .string(LedgerDate(amsterdam: payment.draft.date).description)),
                                                   ("cents", .number(payment.draft.cents)), ("purpose", .string(payment.draft.purpose.code)),
                                                   ("state", .string(payment.state.code)), ("confirmed", .bool(payment.confirmed))]))
            }
            return
        }
        guard !payments.isEmpty else { return run.terminal.line(run.t("ledger.cli.mine_none")) }
        for payment in payments {
            run.terminal.line(run.t("ledger.cli.mine_entry", [
                "id": LedgerCommands.short(payment.draft.id), "date": LedgerDates.shown(LedgerDate(amsterdam: payment.draft.date), run.t),
                "amount": run.t.money(cents: payment.draft.cents), "purpose": LedgerWords.purpose(payment.draft.purpose, run.t),
                "state": LedgerWords.state(payment.state, confirmed: payment.confirmed, run.t),
            ]))
        }
        let year = LedgerDate(amsterdam: Int64(Date().timeIntervalSince1970)).year
        let used = payments.filter { $0.state.counts && LedgerDate(amsterdam: $0.draft.date).year == year }.reduce(Int64(0)) { $0 + $1.draft.cents }
        if let limits = LedgerSettings.schedule(try run.profile()).limits(for: year) {
            run.terminal.line(run.t("ledger.cli.mine_allowance", ["year": String(year), "used": run.t.money(cents: used),
                                                                  "limit": run.t.money(cents: limits.yearlyCents),
                                                                  "left": run.t.money(cents: max(0, limits.yearlyCents - used))]))
        }
    }

    /// `ledger confirm <id>`: signs that the money reached this member and sends the signature, privately, to the
    /// facilitator who paid. Nothing else leaves the device: no name, no bank details.
    static func confirm(_ run: Invocation) throws(CommandFailure) {
        let typed = try run.word(0, L10nKey("cli.what.payment"), command: "ledger").lowercased()
        let payments = try payments(run)
        let found = typed.count >= 4 ? payments.filter { $0.draft.id.description.hasPrefix(typed) } : []
        guard found.count == 1, let payment = found.first else { throw LedgerBook.refusal(.unknownEntry, run) }
        guard payment.state == .paid else { throw LedgerBook.refusal(payment.state == .rejected ? .alreadyRejected : .receiptNotPaid, run) }
        guard !payment.confirmed else { throw LedgerBook.refusal(.receiptAlreadyConfirmed, run) }
        let messenger = try run.messenger()
        let roster = try run.secure { try messenger.syncedRoster().roster() }
        guard let facilitator = roster.log.members[payment.facilitator] else { throw LedgerBook.refusal(.notFacilitator, run) }
        let profile = try run.profile()
        let key: IdentityKeys
        do { key = try profile.identity() } catch { throw .profile(error) }
        let receipt = LedgerReceipt(entry: payment.draft.id, entryHash: payment.hash, confirmed: Int64(Date().timeIntervalSince1970),
                                    recipient: key.signingKey)
        try run.secure { try messenger.sendPrivately(receipt.confirmationPayload, about: payment.thread, to: [facilitator]) }
        run.terminal.line(run.t("ledger.cli.confirmed", ["id": LedgerCommands.short(payment.draft.id)]))
    }

    /// Appends every confirmation that reached this facilitator and checks out (the entry's recipient signed the
    /// entry's hash, the entry is paid and not confirmed yet) to the chain, and tells the recipient it is recorded.
    static func recordReceipts(_ book: inout LedgerBook, _ run: Invocation) throws(CommandFailure) {
        let messenger = try run.messenger()
        guard book.facilitatorIDs.contains(messenger.account.id) else { return }
        guard case let .rooms(rooms) = try run.call(messenger.connection, .rooms) else { throw .client(.protocolViolation, server: nil) }
        var people = LedgerPeople(run, messenger: messenger)
        for room in rooms where room.kind == .direct {
            for feature in messenger.featureEvents(in: room.id, prefix: LedgerReceipt.confirmationType) where feature.isPrivate {
                guard let receipt = LedgerReceipt(confirmation: feature.event), let entry = book.state.entries[receipt.entry],
                      entry.draft.recipient == feature.sender, entry.state == .paid, entry.confirmed == nil,
                      let key = book.identities[feature.sender], receipt.isSigned(by: key, entryHash: entry.hash) else { continue }
                let event = try book.append(.receipt(receipt), run)
                try people.sendCopy(event, recipient: entry.draft.recipient, handle: entry.draft.handle)
                run.terminal.line(run.t("ledger.cli.receipt_recorded", ["id": LedgerCommands.short(entry.id), "handle": TerminalText.inline(entry.draft.handle)]))
            }
        }
    }
}
