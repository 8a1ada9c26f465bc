import FoundationEssentials
import KlankbordClient
import KlankbordLocalization
import KlankbordProtocol

/// `announce` (a facilitator posts an announcement) and `seen` (who has shown it on their device, and who not yet).
enum AnnouncementCommands {
    /// `announce <room> <text>`: an announcement every member's device confirms to you once it was shown.
    static func announce(_ run: Invocation) throws(CommandFailure) {
        let reference = try run.word(0, L10nKey("cli.what.room"), command: "announce")
        let text = run.arguments.positional.dropFirst().joined(separator: " ")
        guard !text.isEmpty else { throw .usage(L10nKey("cli.usage.missing"), ["what": run.t("cli.what.text")], command: "announce") }
        guard try run.account().role == .facilitator else { throw .message(L10nKey("cli.announce.facilitators_only"), exitCode: 1) }
        let messenger = try run.messenger()
        let room = try run.room(named: reference, over: messenger.connection)
        guard room.kind == .group else { throw .message(L10nKey("cli.announce.not_group"), exitCode: 1) }
        let seq = try run.secure { try messenger.send(.unsupported(type: MessageBody.announcementType, raw: Array(text.utf8)), to: room) }
        run.showNotices(messenger)
        run.terminal.line(run.t("cli.announce.sent", ["room": TerminalText.inline(room.name), "number": String(seq)]))
    }

    /// `seen <room>`: for each of your announcements in the room, who confirmed it and who has not yet.
    static func seen(_ run: Invocation) throws(CommandFailure) {
        let reference = try run.word(0, L10nKey("cli.what.room"), command: "seen")
        let messenger = try run.messenger()
        let room = try run.room(named: reference, over: messenger.connection)
        let profile = try run.profile()
        let me = try run.account()
        try run.secure { try messenger.processInbox() }
        guard case let .members(members) = try run.call(messenger.connection, .members(room: room.id)) else { throw .client(.protocolViolation, server: nil) }
        let others = members.filter { $0.accountID != me.id }.map(\.handle)
        let mine = profile.history(room.id, limit: 500).filter { message in
            if case .announcement = message.body { return message.sender == me.handle }
            return false
        }
        if mine.isEmpty { return run.terminal.line(run.t("cli.seen.none", ["room": TerminalText.inline(room.name)])) }
        for announcement in mine {
            let readers = profile.readers(of: room.id, announcement.seq)
            let waiting = others.filter { !readers.contains($0) }
            if run.json {
                run.terminal.line(JSONText.object([("seq", .unsigned(announcement.seq)), ("read", .string(readers.joined(separator: ","))),
                                                   ("not_yet", .string(waiting.joined(separator: ",")))]))
                continue
            }
            MessageCommands.show(announcement, run, withDate: true)
            let names = { (list: [String]) in list.isEmpty ? "-" : list.map(TerminalText.inline).joined(separator: ", ") }
            run.terminal.line("    " + run.t("cli.seen.read_by", ["handles": names(readers)]))
            run.terminal.line("    " + run.t("cli.seen.not_yet", ["handles": names(waiting)]))
        }
    }
}
