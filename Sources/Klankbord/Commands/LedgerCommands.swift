import FoundationEssentials
import KlankbordClient
import KlankbordLedger
import KlankbordLocalization
import KlankbordTrust

/// `klankbord ledger <action>`: the reimbursement ledger (docs/LEDGER.md). Facilitators add, approve, pay and reject
/// entries in the facilitators-only ledger room; a member sees and confirms their own payments (`mine`, `confirm`).
enum LedgerCommands {
    /// The action named by the word after `ledger`.
    static func action(_ word: String) -> ((Invocation) throws(CommandFailure) -> Void)? {
        switch word {
        case "init": start
        case "add": add
        case "proposals": proposals
        case "approve": approve
        case "pay": pay
        case "reject": reject
        case "reverse": reverse
        case "mine": LedgerMemberCommands.mine
        case "confirm": LedgerMemberCommands.confirm
        case "verify": LedgerReportCommands.verify
        case "budget": LedgerReportCommands.budget
        case "export": LedgerReportCommands.export
        case "backup": LedgerReportCommands.backup
        case "restore": LedgerReportCommands.restore
        case "handover": LedgerReportCommands.handover
        case "allowance": LedgerReportCommands.allowance
        default: nil
        }
    }

    /// Runs the action named by the first word.
    static func run(_ run: Invocation) throws(CommandFailure) {
        let word = try run.word(0, L10nKey("cli.what.ledger_action"), command: "ledger")
        // The action's word in any language (`klankbord cuentas mios`, `klankbord kasboek mijn`) is its English word.
        guard let action = action(CommandWords.subcommand(word, of: "ledger") ?? word) else {
            throw .usage(L10nKey("cli.usage.unknown_command"), ["command": "ledger " + TerminalText.inline(word)], command: "ledger")
        }
        var rest = run.arguments
        rest.positional.removeFirst()
        try action(Invocation(arguments: rest, t: run.t, terminal: run.terminal, profileDirectory: run.profileDirectory, environment: run.environment))
    }

    /// `ledger init [<room>]`: makes the facilitators-only ledger room, or takes an existing one (a facilitator added
    /// later names the room they were invited to). Only a facilitator in the signed roster may.
    static func start(_ run: Invocation) throws(CommandFailure) {
        let messenger = try run.messenger()
        let profile = try run.profile()
        let roster = try run.secure { try messenger.syncedRoster().roster() }
        guard roster.role(of: messenger.account.id) == .facilitator else { throw LedgerBook.refusal(.notFacilitator, run) }
        if let reference = run.arguments.positional.first {
            let room = try run.room(named: reference, over: messenger.connection)
            do { try profile.setLedgerRoom(room.id) } catch { throw .profile(error) }
        } else if profile.ledgerRoom == nil {
            guard case let .room(id, _) = try run.call(messenger.connection, .roomCreate(name: LedgerBook.roomName)) else {
                throw .client(.protocolViolation, server: nil)
            }
            try run.secure { try messenger.startLog(ofRoom: id) }
            do { try profile.setLedgerRoom(id) } catch { throw .profile(error) }
        }
        // The ledger room is exempt from message retention: the server learns only "keep this room's events".
        if let id = profile.ledgerRoom { _ = try run.call(messenger.connection, .roomKeep(room: id, keep: true)) }
        let book = try LedgerBook.open(run)
        run.terminal.line(run.t("ledger.cli.ready", ["room": TerminalText.inline(book.room.name)]))
    }

    /// `ledger add <handle> <amount> --purpose … [--method …] [--date …] [--description …] [--note …]`.
    static func add(_ run: Invocation) throws(CommandFailure) {
        let typed = try run.word(0, L10nKey("cli.what.handle"), command: "ledger")
        let amount = try run.word(1, L10nKey("cli.what.amount"), command: "ledger")
        let cents: Int64
        do { cents = try LedgerAmount.cents(from: amount) } catch { throw LedgerBook.refusal(error, run) }
        let purpose = try choice(run, "purpose", LedgerPurpose.allCases.map { ($0.code, $0) }, default: nil)
        let method = try choice(run, "method", LedgerPayoutMethod.allCases.map { ($0.code, $0) }, default: .cash)
        let date = try LedgerDates.seconds(run.arguments.value("date"), run)
        var book = try LedgerBook.open(run)
        var people = LedgerPeople(run, messenger: try run.messenger())
        let recipient = try people.member(named: typed)
        let draft = LedgerEntryDraft(recipient: recipient.account, handle: recipient.handle, cents: cents, purpose: purpose,
                                     description: run.arguments.value("description") ?? "", method: method, date: date,
                                     note: run.arguments.value("note") ?? "")
        let event = try book.append(.created(draft), run)
        try people.sendCopy(event, recipient: recipient.account, handle: recipient.handle)
        run.terminal.line(run.t("ledger.cli.added", ["id": short(draft.id), "handle": TerminalText.inline(recipient.handle),
                                                     "amount": run.t.money(cents: cents)]))
    }

    /// `ledger approve <id>… | --all [--over-budget] [--over-allowance]`.
    static func approve(_ run: Invocation) throws(CommandFailure) {
        var book = try LedgerBook.open(run)
        let ids: [LedgerEntry]
        if run.arguments.has("all") {
            ids = book.state.orderedEntries.filter { $0.state == .proposed }
        } else {
            _ = try run.word(0, L10nKey("cli.what.payment"), command: "ledger")
            var found: [LedgerEntry] = []
            for typed in run.arguments.positional { found.append(try book.entry(typed, run)) }
            ids = found
        }
        var people = LedgerPeople(run, messenger: try run.messenger())
        for entry in ids {
            let event = try book.append(.approved(entry.id, overBudget: run.arguments.has("over-budget"),
                                                  overAllowance: run.arguments.has("over-allowance")), run)
            try people.sendCopy(event, recipient: entry.draft.recipient, handle: entry.draft.handle)
            run.terminal.line(run.t("ledger.cli.approved", ["id": short(entry.id), "handle": TerminalText.inline(entry.draft.handle),
                                                            "amount": run.t.money(cents: entry.draft.cents)]))
        }
    }

    /// `ledger pay <id>`: the money was handed over; the recipient can now confirm it.
    static func pay(_ run: Invocation) throws(CommandFailure) {
        var book = try LedgerBook.open(run)
        let entry = try book.entry(try run.word(0, L10nKey("cli.what.payment"), command: "ledger"), run)
        let event = try book.append(.paid(entry.id), run)
        var people = LedgerPeople(run, messenger: try run.messenger())
        try people.sendCopy(event, recipient: entry.draft.recipient, handle: entry.draft.handle)
        run.terminal.line(run.t("ledger.cli.paid", ["id": short(entry.id), "handle": TerminalText.inline(entry.draft.handle)]))
    }

    /// `ledger reject <id> --reason <text>`.
    static func reject(_ run: Invocation) throws(CommandFailure) {
        var book = try LedgerBook.open(run)
        let entry = try book.entry(try run.word(0, L10nKey("cli.what.payment"), command: "ledger"), run)
        let event = try book.append(.rejected(entry.id, reason: run.arguments.value("reason") ?? ""), run)
        var people = LedgerPeople(run, messenger: try run.messenger())
        try people.sendCopy(event, recipient: entry.draft.recipient, handle: entry.draft.handle)
        run.terminal.line(run.t("ledger.cli.rejected", ["id": short(entry.id)]))
    }

    /// `ledger reverse <id> [--date D] [--note …]`: a correction. A new entry with the negative amount cancels an
    /// approved or paid one; nothing is ever edited. It is approved and paid like any entry.
    static func reverse(_ run: Invocation) throws(CommandFailure) {
        var book = try LedgerBook.open(run)
        let entry = try book.entry(try run.word(0, L10nKey("cli.what.payment"), command: "ledger"), run)
        let id = LedgerEntryID.random()
        let event = try book.append(.reversal(id: id, reverses: entry.id, date: try LedgerDates.seconds(run.arguments.value("date"), run),
                                              note: run.arguments.value("note") ?? ""), run)
        var people = LedgerPeople(run, messenger: try run.messenger())
        try people.sendCopy(event, recipient: entry.draft.recipient, handle: entry.draft.handle)
        run.terminal.line(run.t("ledger.cli.reversed", ["id": short(id), "reversed": short(entry.id), "amount": run.t.money(cents: -entry.draft.cents)]))
    }

    /// `ledger proposals`: records the recipients' confirmations, takes the fees meetings and consultations propose,
    /// then lists every entry waiting for approval.
    static func proposals(_ run: Invocation) throws(CommandFailure) {
        var book = try LedgerBook.open(run)
        try LedgerMemberCommands.recordReceipts(&book, run)
        let taken = try LedgerProposals.take(&book, run)
        if taken > 0 { run.terminal.line(run.t.plural("ledger.cli.proposals_taken", count: taken)) }
        let waiting = book.state.orderedEntries.filter { $0.state == .proposed }
        if run.json {
            for entry in waiting {
                run.terminal.line(JSONText.object([("id", .string(entry.id.description)), ("date", .string(entry.date.description)),
                                                   ("handle", .string(entry.draft.handle)), ("cents", .number(entry.draft.cents)),
                                                   ("purpose", .string(entry.draft.purpose.code)), ("method", .string(entry.draft.method.code))]))
            }
            return
        }
        guard !waiting.isEmpty else { return run.terminal.line(run.t("ledger.cli.no_proposals")) }
        for entry in waiting { run.terminal.line(line(entry, run)) }
    }

    /// One entry as a facilitator reads it.
    static func line(_ entry: LedgerEntry, _ run: Invocation) -> String {
        run.t("ledger.cli.entry", ["id": short(entry.id), "date": LedgerDates.shown(entry.date, run.t), "handle": TerminalText.inline(entry.draft.handle),
                                   "amount": run.t.money(cents: entry.draft.cents), "purpose": LedgerWords.purpose(entry.draft.purpose, run.t),
                                   "state": LedgerWords.state(entry, run.t)])
    }

    /// The first 8 hex characters of an entry id: enough to type, as `ledger approve` takes any unique start.
    static func short(_ id: LedgerEntryID) -> String { String(id.description.prefix(8)) }

    /// The value of `--name`, one of `choices` (stable words, the same in every language).
    static func choice<T>(_ run: Invocation, _ name: String, _ choices: [(String, T)], default fallback: T?) throws(CommandFailure) -> T {
        guard let typed = run.arguments.value(name) else {
            if let fallback { return fallback }
            throw .usage(L10nKey("cli.usage.missing"), ["what": "--" + name], command: "ledger")
        }
        guard let found = choices.first(where: { $0.0 == typed.lowercased() }) else {
            throw .message(L10nKey("ledger.cli.bad_choice"), ["value": TerminalText.inline(typed), "choices": choices.map(\.0).joined(separator: ", ")],
                           exitCode: 1)
        }
        return found.1
    }
}
