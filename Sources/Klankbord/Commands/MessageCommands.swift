import FoundationEssentials

import Glibc
import KlankbordClient
import KlankbordLocalization
import KlankbordProtocol

/// `send`, `read` and `chat`.
enum MessageCommands {
    static func send(_ run: Invocation) throws(CommandFailure) {
        let reference = try run.word(0, L10nKey("cli.what.room"), command: "send")
        let text = run.arguments.positional.dropFirst().joined(separator: " ")
        guard !text.isEmpty else { throw .usage(L10nKey("cli.usage.missing"), ["what": run.t("cli.what.text")], command: "send") }
        try checkLength(text)
        let messenger = try run.messenger()
        let room = try run.room(named: reference, over: messenger.connection, opening: true)
        if room.kind == .direct { try BlockCommands.refuseIfBlocked(room.name, run) }
        let seq: UInt64
        do {
            seq = try run.secure { try messenger.send(.text(text), to: room) }
        } catch {
            throw RoomRulesCommands.explain(error, room: room.id, messenger.connection, run)
        }
        // The sender's own copy disappears too: learn the room's timer now, not only at the next `read`.
        if let rules = try? messenger.connection.roomSettings(room.id).settings {
            try run.secure { try run.profile().rememberTimer(rules.disappearSeconds, of: room.id) }
        }
        run.showNotices(messenger)
        if run.json { return run.terminal.line(JSONText.object([("room", .unsigned(room.id)), ("seq", .unsigned(seq))])) }
        run.terminal.line(run.t("cli.send.sent", ["room": TerminalText.inline(room.name)]))
    }

    /// Refuses, before anything is sent, a text longer than one message can carry, and says the limit.
    static func checkLength(_ text: String) throws(CommandFailure) {
        guard text.utf8.count <= ChatView.textLimit else {
            throw .message(L10nKey("cli.chat.too_long"), ["count": String(text.utf8.count), "limit": String(ChatView.textLimit)], exitCode: 1)
        }
    }

    /// `read [<room>]`: new messages in one room, or how many are new in each room.
    static func read(_ run: Invocation) throws(CommandFailure) {
        guard let reference = run.arguments.positional.first else { return try RoomCommands.list(run) }
        let messenger = try run.messenger()
        let room = try run.room(named: reference, over: messenger.connection)
        let profile = try run.profile()
        if let number = run.arguments.value("show") { return try showOne(number, in: room, profile, run) }
        let rules = try RoomRulesCommands.settings(of: room.id, messenger.connection, run).settings
        if !run.json { for line in RoomRulesCommands.describe(rules, run.t) { run.terminal.line(line) } }
        let (opened, changes) = try run.secure { () throws -> ([StoredMessage], [RoomLogEvent]) in
            try messenger.processInbox()
            // Who the signed log holds and who the server lists must agree; every difference is shown below.
            if room.kind == .group { try messenger.checkMembers(of: room.id) }
            let retried = try messenger.retryPending(room.id)
            let after = profile.readSeq(room.id)
            let events = try messenger.connection.events(in: room.id, after: after)
            // A message another command (or window) already opened comes back from the history: shown once, here.
            let fresh = try messenger.openOrRecall(events.filter { $0.senderID != messenger.account.id })
            if let last = events.last { try profile.setReadSeq(room.id, last.seq) }
            try messenger.publishKeys()
            let retriedSeqs = Set(retried.map(\.seq))
            return (retried + fresh.filter { !retriedSeqs.contains($0.seq) }, try messenger.unseenLogEvents(room.id))
        }
        let messages = try forgetDisappeared(opened, in: room.id, rules, profile, run)
        run.warnAboutHeldIdentities(after: run.showNotices(messenger))
        // Joins, leaves and removals from the signed log go at their place in time among the messages.
        var pending = changes[...]
        for message in messages {
            while let change = pending.first, change.time <= message.time {
                show(change, room: room.id, run)
                pending.removeFirst()
            }
            show(message, run, withDate: true)
        }
        for change in pending { show(change, room: room.id, run) }
        // Announcements just shown are confirmed to the facilitator who made them (and to nobody else).
        try run.secure { try messenger.confirmShown(messages.filter { !isHidden($0, run) }) }
        if messages.isEmpty && changes.isEmpty && !run.json {
            // A thread is named by the person in it: "in bea" would read as if bea were a room.
            run.terminal.line(room.kind == .direct ? run.t("cli.read.nothing_new_direct", ["handle": TerminalText.inline(room.name)])
                                                   : run.t("cli.read.nothing_new", ["room": TerminalText.inline(room.name)]))
        }
    }

    /// Prints one join, leave or removal (or a JSON object with `--json`); the handle is peer text.
    static func show(_ change: RoomLogEvent, room: UInt64, _ run: Invocation) {
        let name = switch change.change {
        case .joined: "joined"
        case .left: "left"
        case .removed: "removed"
        }
        if run.json {
            return run.terminal.line(JSONText.object([("room", .unsigned(room)), ("member", .string(change.handle)), ("change", .string(name)), ("time", .number(change.time))]))
        }
        let handle = TerminalText.inline(change.handle)
        let line = switch change.change {
        case .joined: run.t("cli.chat.member_joined", ["handle": handle])
        case .left: run.t("cli.chat.member_left", ["handle": handle])
        case .removed: run.t("cli.chat.member_removed", ["handle": handle])
        }
        run.terminal.line(run.t.dateTime(Date(secondsSince1970: change.time)) + "  " + line)
    }

    /// Prints one message (or a JSON object with `--json`). Peer text goes through `TerminalText`: a line break in
    /// the message continues indented under the sender, so it cannot pass for a line of someone else.
    static func show(_ message: StoredMessage, _ run: Invocation, withDate: Bool) {
        if isHidden(message, run) { return showHidden(message, run, withDate: withDate) }
        let text = switch message.body {
        case let .text(body): body
        case let .rules(settings): run.t("cli.rules.inline", ["rules": RoomRulesCommands.summary(settings, run.t)])
        case let .announcement(text): run.t("cli.announce.line", ["text": text])
        case .unsupported: run.t("cli.message.unsupported")
        case .unreadable: run.t("cli.message.unreadable")
        }
        if run.json {
            run.terminal.line(JSONText.object([("room", .unsigned(message.room)), ("seq", .unsigned(message.seq)), ("sender", .string(message.sender)),
                                               ("time", .number(message.time)), ("text", .string(text))]))
            return
        }
        let date = Date(secondsSince1970: message.time)
        let when = withDate ? run.t.dateTime(date) : run.t.time(date)
        let indent = String(repeating: " ", count: when.count + 4)
        let sender = TerminalText.inline(message.sender)
        let prefix = TerminalText.width(of: run.t("cli.message.line", ["when": when, "sender": sender, "text": ""]))
        let body = TerminalText.message(text, indent: indent, columns: run.terminal.columns, prefix: prefix)
        run.terminal.line(run.t("cli.message.line", ["when": when, "sender": sender, "text": body]))
    }
}

extension MessageCommands {
    /// Whether `message` comes from someone this person blocked and `--show-blocked` was not given.
    static func isHidden(_ message: StoredMessage, _ run: Invocation) -> Bool {
        guard let handle = Handle(message.sender) else { return false }
        return run.blockedKeys.contains(handle.key)
    }

    /// Deletes this device's messages of `room` past the room's disappearing timer, and drops them from `messages`.
    static func forgetDisappeared(_ messages: [StoredMessage], in room: UInt64, _ rules: RoomSettings, _ profile: Profile,
                                  _ run: Invocation) throws(CommandFailure) -> [StoredMessage] {
        try run.secure { try profile.rememberTimer(rules.disappearSeconds, of: room) }
        guard rules.disappearSeconds > 0 else { return messages }
        let cutoff = Int64(Date().timeIntervalSince1970) - Int64(rules.disappearSeconds)
        try run.secure { try profile.forgetMessages(in: room, sentAtOrBefore: cutoff) }
        return messages.filter { $0.time > cutoff }
    }

    /// `read <room> --show <number>`: one message from this device's history, also from someone blocked.
    static func showOne(_ number: String, in room: RoomSummary, _ profile: Profile, _ run: Invocation) throws(CommandFailure) {
        guard let seq = UInt64(number), let message = profile.storedMessage(room.id, seq: seq) else {
            throw .message(L10nKey("cli.read.no_such_message"), ["number": TerminalText.inline(number)], exitCode: 1)
        }
        run.unhideAll()
        show(message, run, withDate: true)
    }

    /// A blocked person's message in its place: neither their name nor their words, only that something was hidden.
    static func showHidden(_ message: StoredMessage, _ run: Invocation, withDate: Bool) {
        if run.json {
            return run.terminal.line(JSONText.object([("room", .unsigned(message.room)), ("seq", .unsigned(message.seq)), ("time", .number(message.time)),
                                                      ("hidden", .bool(true))]))
        }
        let date = Date(secondsSince1970: message.time)
        let when = withDate ? run.t.dateTime(date) : run.t.time(date)
        let reference = RoomReference.idPrefix + String(message.room)
        run.terminal.line(when + "  " + run.t("cli.block.hidden", ["command": "klankbord read \(reference) --show \(message.seq)"]))
    }

    /// `chat <room>`: the interactive view.
    static func chat(_ run: Invocation) throws(CommandFailure) {
        try ChatSession.run(run, room: try run.word(0, L10nKey("cli.what.room"), command: "chat"))
    }
}
