import FoundationEssentials
import KlankbordClient
import KlankbordCrypto
import KlankbordLedger
import KlankbordLocalization
import KlankbordTrust

/// The facilitators' views of the whole ledger: verification, budget, export, backup and restore, handing the chain to
/// a facilitator added later, and the volunteer-allowance limits.
enum LedgerReportCommands {
    /// `ledger verify`: checks every signature and link against the head this device remembers; a broken chain
    /// stops with the first broken step (from `LedgerBook.open`).
    static func verify(_ run: Invocation) throws(CommandFailure) {
        let book = try LedgerBook.open(run, everySignature: true)
        run.terminal.line(run.t.plural("ledger.cli.verified", count: book.events.count))
        if book.leftOut > 0 { run.terminal.line(run.t.plural("ledger.cli.left_out", count: book.leftOut)) }
        let now = Int64(Date().timeIntervalSince1970)
        for entry in book.state.unconfirmedPayments(now: now) {
            run.terminal.line(run.t("ledger.cli.unconfirmed", ["id": LedgerCommands.short(entry.id), "handle": TerminalText.inline(entry.draft.handle),
                                                               "date": LedgerDates.shown(LedgerDate(amsterdam: entry.paid ?? now), run.t)]))
        }
    }

    /// `ledger budget --year Y`: allocated, approved, paid and remaining per purpose; with `--purpose P --amount A`,
    /// sets that purpose's budget for the year first.
    static func budget(_ run: Invocation) throws(CommandFailure) {
        let year = try self.year(run)
        var book = try LedgerBook.open(run)
        if let amount = run.arguments.value("amount") {
            let purpose = try LedgerCommands.choice(run, "purpose", LedgerPurpose.allCases.map { ($0.code, $0) }, default: nil)
            let cents: Int64
            if amount.allSatisfy({ $0 == "0" }) && !amount.isEmpty {
                cents = 0
            } else {
                do { cents = try LedgerAmount.cents(from: amount) } catch { throw LedgerBook.refusal(error, run) }
            }
            try book.append(.budget(year: UInt16(year), purpose: purpose, cents: cents), run)
        }
        let lines = book.state.budget(year: year)
        run.terminal.line(run.t("ledger.cli.budget_title", ["year": String(year)]))
        for purpose in LedgerPurpose.allCases {
            guard let line = lines[purpose] else { continue }
            run.terminal.line(run.t("ledger.cli.budget_line", ["purpose": LedgerWords.purpose(purpose, run.t), "allocated": run.t.money(cents: line.allocated),
                                                               "approved": run.t.money(cents: line.approved), "paid": run.t.money(cents: line.paid),
                                                               "remaining": run.t.money(cents: line.remaining)]))
        }
    }

    /// `ledger export --from D --to D [--handles]` or `ledger export --summary --year Y`: RFC 4180 CSV on standard output.
    static func export(_ run: Invocation) throws(CommandFailure) {
        if run.arguments.has("summary") {
            let year = try self.year(run)
            let book = try LedgerBook.open(run)
            return run.terminal.prompt(LedgerExport.summaryCSV(book.state, year: year))
        }
        guard let fromText = run.arguments.value("from") else { throw .usage(L10nKey("cli.usage.missing"), ["what": "--from"], command: "ledger") }
        guard let toText = run.arguments.value("to") else { throw .usage(L10nKey("cli.usage.missing"), ["what": "--to"], command: "ledger") }
        let from = try LedgerDates.parse(fromText, run), to = try LedgerDates.parse(toText, run)
        let book = try LedgerBook.open(run)
        run.terminal.prompt(LedgerExport.csv(book.state, from: from, to: to, handles: run.arguments.has("handles")))
    }

    /// `ledger backup FILE`: the verified chain sealed with a passphrase (Argon2id), written as a new file (mode 0600).
    static func backup(_ run: Invocation) throws(CommandFailure) {
        let path = try run.word(0, L10nKey("cli.what.file"), command: "ledger")
        let book = try LedgerBook.open(run)
        let passphrase = try self.passphrase(run, confirm: true)
        let sealed: [UInt8]
        do { sealed = try LedgerBackup.seal(book.events, passphrase: passphrase) } catch { throw .message(L10nKey("ledger.error.backup_not_sealed"), exitCode: 1) }
        guard FileBytes.write(sealed, to: path) else { throw .message(L10nKey("ledger.cli.file_failed"), ["file": TerminalText.inline(path)], exitCode: 1) }
        run.terminal.line(run.t.plural("ledger.cli.backup_written", count: book.events.count, ["file": TerminalText.inline(path)]))
    }

    /// `ledger restore FILE`: opens a backup, verifies its chain against the signed roster and log, and keeps the
    /// events this device is missing. A broken chain is refused and nothing changes.
    static func restore(_ run: Invocation) throws(CommandFailure) {
        let path = try run.word(0, L10nKey("cli.what.file"), command: "ledger")
        guard let file = FileBytes.read(path) else { throw .message(L10nKey("ledger.cli.file_failed"), ["file": TerminalText.inline(path)], exitCode: 1) }
        let trust = try LedgerBook.trust(run)
        let passphrase = try self.passphrase(run, confirm: false)
        let head = try run.profile().ledgerHead.map { LedgerHead(count: Int($0.count), hash: $0.hash) }
        let events: [LedgerEvent]
        do {
            events = try LedgerBackup.restore(file, passphrase: passphrase, signers: trust.signers, identities: trust.identities, head: head)
        } catch {
            throw .message(L10nKey("ledger.cli.restore_refused"), ["reason": error.text(run.t)], exitCode: 2)
        }
        let messenger = try run.messenger()
        let held = Set(LedgerBook.copies(messenger, room: trust.room.id))
        let profile = try run.profile()
        try run.secure {
            for event in events where !held.contains(event.bytes) {
                try profile.store(FeatureEvent(room: trust.room.id, sender: event.signer, senderHandle: "", time: event.time, seq: nil, event: event.payload))
            }
        }
        run.terminal.line(run.t.plural("ledger.cli.restored", count: events.count))
    }

    /// `ledger handover <handle>`: signs a handover entry naming a facilitator who is in the ledger room's signed log,
    /// then sends them the whole verified chain privately; they verify it and continue it.
    static func handover(_ run: Invocation) throws(CommandFailure) {
        let typed = try run.word(0, L10nKey("cli.what.handle"), command: "ledger")
        let bare = typed.hasPrefix("@") ? String(typed.dropFirst()) : typed
        var book = try LedgerBook.open(run)
        let messenger = try run.messenger()
        guard let member = book.facilitators.first(where: { RoomReference.key($0.handle) == RoomReference.key(bare) }), member.account != messenger.account.id else {
            throw .message(L10nKey("ledger.cli.not_in_room"), ["handle": TerminalText.inline(bare)], exitCode: 1)
        }
        try book.append(.handover(to: member.account), run)
        let room = book.room.id
        try run.secure {
            for event in book.events { try messenger.sendPrivately(event.payload, about: room, to: [member]) }
        }
        run.terminal.line(run.t.plural("ledger.cli.handed_over", count: book.events.count, ["handle": TerminalText.inline(member.handle)]))
    }

    /// `ledger allowance [--year Y --month A --amount A]`: shows the volunteer-allowance limits, or sets one year's.
    static func allowance(_ run: Invocation) throws(CommandFailure) {
        let profile = try run.profile()
        if let monthly = run.arguments.value("month") {
            let year = try self.year(run)
            guard let yearlyText = run.arguments.value("amount") else { throw .usage(L10nKey("cli.usage.missing"), ["what": "--amount"], command: "ledger") }
            let month: Int64, yearly: Int64
            do {
                month = try LedgerAmount.cents(from: monthly)
                yearly = try LedgerAmount.cents(from: yearlyText)
            } catch {
                throw LedgerBook.refusal(error, run)
            }
            var limits = LedgerSettings.parse(profile.ledgerAllowance ?? "").filter { $0.year != year }
            limits.append(AllowanceLimits(year: year, monthlyCents: month, yearlyCents: yearly))
            do { try profile.setLedgerAllowance(LedgerSettings.text(limits)) } catch { throw .profile(error) }
        }
        for limits in LedgerSettings.schedule(profile).limits.sorted(by: { $0.year < $1.year }) {
            run.terminal.line(run.t("ledger.cli.allowance_line", ["year": String(limits.year), "month": run.t.money(cents: limits.monthlyCents),
                                                                  "limit": run.t.money(cents: limits.yearlyCents)]))
        }
    }

    /// `--year`, or the current year in Amsterdam.
    static func year(_ run: Invocation) throws(CommandFailure) -> Int {
        guard let typed = run.arguments.value("year") else { return LedgerDate(amsterdam: Int64(Date().timeIntervalSince1970)).year }
        guard let year = Int(typed), (2000...2200).contains(year) else {
            throw .message(L10nKey("ledger.cli.bad_date"), ["date": TerminalText.inline(typed)], exitCode: 1)
        }
        return year
    }

    private static func passphrase(_ run: Invocation, confirm: Bool) throws(CommandFailure) -> SecretBytes {
        do {
            return try BackupPassphrase.obtain(environment: run.environment, terminal: run.terminal, t: run.t, confirm: confirm)
        } catch {
            switch error {
            case .missing: throw .message(L10nKey("daemon.passphrase.missing"), exitCode: 1)
            case .mismatch: throw .message(L10nKey("daemon.passphrase.mismatch"), exitCode: 1)
            case .tooShort: throw .message(L10nKey("daemon.passphrase.too_short"), ["count": String(BackupPassphrase.minimumLength)], exitCode: 1)
            }
        }
    }
}
