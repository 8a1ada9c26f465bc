import FoundationEssentials

import Glibc
import KlankbordClient
import KlankbordLocalization

/// `send`, `read` and `chat`.
enum MessageCommands {
    static func send(_ run: Invocation) throws(CommandFailure) {
        let reference = try run.word(0, L10nKey("cli.what.room"), command: "send")
        let text = run.arguments.positional.dropFirst().joined(separator: " ")
        guard !text.isEmpty else { throw .usage(L10nKey("cli.usage.missing"), ["what": run.t("cli.what.text")], command: "send") }
        try checkLength(text)
        let messenger = try run.messenger()
        let room = try run.room(named: reference, over: messenger.connection, opening: true)
        let seq = try run.secure { try messenger.send(.text(text), to: room) }
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
        let (messages, changes) = try run.secure { () throws -> ([StoredMessage], [RoomLogEvent]) in
            try messenger.processInbox()
            // Who the signed log holds and who the server lists must agree; every difference is shown below.
            if room.kind == .group { try messenger.checkMembers(of: room.id) }
            let retried = try messenger.retryPending(room.id)
            let after = profile.readSeq(room.id)
            let events = try messenger.connection.events(in: room.id, after: after)
            let fresh = try messenger.open(events)
            if let last = events.last { try profile.setReadSeq(room.id, last.seq) }
            try messenger.publishKeys()
            return (retried + fresh, try messenger.unseenLogEvents(room.id))
        }
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
        let text = switch message.body {
        case let .text(body): body
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
    /// `chat <room>`: the interactive view.
    static func chat(_ run: Invocation) throws(CommandFailure) {
        try ChatSession.run(run, room: try run.word(0, L10nKey("cli.what.room"), command: "chat"))
    }
}
