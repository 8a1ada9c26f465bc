import FoundationEssentials
import KlankbordClient
import KlankbordLocalization
import KlankbordProtocol

/// `report` (a member tells the room's facilitators about a message) and `reports` (a facilitator reads them).
enum ReportCommands {
    /// `report <room> <number|name> [--note <text>]`: the message with that number, or the newest from that person.
    static func report(_ run: Invocation) throws(CommandFailure) {
        let reference = try run.word(0, L10nKey("cli.what.room"), command: "report")
        let which = try run.word(1, L10nKey("cli.what.message"), command: "report")
        let messenger = try run.messenger()
        let room = try run.room(named: reference, over: messenger.connection)
        guard room.kind == .group else { throw .message(L10nKey("cli.report.not_group"), exitCode: 1) }
        let profile = try run.profile()
        let seq: UInt64
        if let number = UInt64(which) {
            seq = number
        } else {
            let bare = which.hasPrefix("@") ? String(which.dropFirst()) : which
            guard let handle = Handle(bare), let latest = profile.latestMessage(from: handle, in: room.id) else {
                throw .message(L10nKey("cli.report.no_message"), ["message": TerminalText.inline(which)], exitCode: 1)
            }
            seq = latest.seq
        }
        let note = run.arguments.value("note") ?? ""
        let reached = try run.secure { try messenger.report(seq: seq, in: room, note: note) }
        run.showNotices(messenger)
        run.terminal.line(run.t("cli.report.sent", ["handles": reached.map(TerminalText.inline).joined(separator: ", ")]))
    }

    /// The sentence for a refused report.
    static func failure(for refusal: ReportRefusal) -> CommandFailure {
        switch refusal {
        case .noSuchMessage: .message(L10nKey("cli.report.no_such_message"), exitCode: 1)
        case .ownMessage: .message(L10nKey("cli.report.own_message"), exitCode: 1)
        case .noProof: .message(L10nKey("cli.report.no_proof"), exitCode: 1)
        case .noFacilitators: .message(L10nKey("cli.report.no_facilitators"), exitCode: 2)
        }
    }

    /// `reports [--json]`: the reports this device received, checked.
    static func list(_ run: Invocation) throws(CommandFailure) {
        let messenger = try run.messenger()
        try run.secure { try messenger.processInbox() }
        let reports = try run.profile().receivedReports()
        let profile = try run.profile()
        if run.json {
            for report in reports {
                run.terminal.line(JSONText.object([("reporter", .string(report.reporter)), ("room", .unsigned(report.room)), ("seq", .unsigned(report.seq)),
                                                   ("sender", .string(report.sender)), ("time", .number(report.time)), ("text", .string(report.text)),
                                                   ("note", .string(report.note)), ("verified", .bool(report.verified))]))
            }
            return
        }
        if reports.isEmpty { return run.terminal.line(run.t("cli.reports.none")) }
        for report in reports {
            let values = ["reporter": TerminalText.inline(report.reporter), "sender": TerminalText.inline(report.sender),
                          "room": TerminalText.inline(profile.roomName(report.room) ?? RoomReference.idPrefix + String(report.room)),
                          "when": run.t.dateTime(Date(secondsSince1970: report.time))]
            guard report.verified else {
                run.terminal.line(run.t("cli.reports.rejected", values))
                continue
            }
            run.terminal.line(run.t("cli.reports.line", values))
            run.terminal.line("    " + TerminalText.message(report.text, indent: "    ", columns: run.terminal.columns, prefix: 4))
            if !report.note.isEmpty {
                run.terminal.line("    " + run.t("cli.reports.note", ["note": TerminalText.message(report.note, indent: "    ", columns: run.terminal.columns, prefix: 4)]))
            }
        }
    }
}
