import FoundationEssentials

import Glibc

/// `send`, `read` and `chat`.
enum MessageCommands {
    static func send(_ run: Invocation) throws(CommandFailure) {
        let reference = try run.word(0, L10nKey("cli.what.room"), command: "send")
        let text = run.arguments.positional.dropFirst().joined(separator: " ")
        guard !text.isEmpty else { throw .usage(L10nKey("cli.usage.missing"), ["what": run.t("cli.what.text")], command: "send") }
        let connection = try run.connect()
        let room = try run.room(named: reference, over: connection)
        do {
            try connection.send(.text(text), to: room.id)
        } catch {
            throw .client(error, server: try? run.account().server)
        }
        run.terminal.line(run.t("cli.send.sent", ["room": room.name]))
    }

    /// `read [<room>]`: new messages in one room, or how many are new in each room.
    static func read(_ run: Invocation) throws(CommandFailure) {
        guard let reference = run.arguments.positional.first else { return try RoomCommands.list(run) }
        let connection = try run.connect()
        let room = try run.room(named: reference, over: connection)
        let profile = try run.profile()
        let events: [EventRecord]
        do {
            events = try connection.events(in: room.id, after: profile.readSeq(room.id))
        } catch {
            throw .client(error, server: try? run.account().server)
        }
        if events.isEmpty && !run.json { run.terminal.line(run.t("cli.read.nothing_new", ["room": room.name])) }
        for event in events {
            let message = StoredMessage(room: room.id, seq: event.seq, sender: event.senderHandle, time: event.time, body: MessageBody(decoding: event.payload))
            do {
                try profile.store(message)
            } catch {
                throw .profile(error)
            }
            show(message, run, withDate: true)
        }
        if let last = events.last {
            do {
                try profile.setReadSeq(room.id, last.seq)
            } catch {
                throw .profile(error)
            }
        }
    }

    /// Prints one message as a line (or a JSON object with `--json`).
    static func show(_ message: StoredMessage, _ run: Invocation, withDate: Bool) {
        let text: String
        switch message.body {
        case let .text(body): text = body
        case .unsupported: text = run.t("cli.message.unsupported")
        }
        if run.json {
            run.terminal.line(JSONText.object([("room", .number(Int64(message.room))), ("seq", .number(Int64(message.seq))), ("sender", .string(message.sender)),
                                               ("time", .number(message.time)), ("text", .string(text))]))
            return
        }
        let date = Date(secondsSince1970: message.time)
        run.terminal.line(run.t("cli.message.line", ["when": withDate ? run.t.dateTime(date) : run.t.time(date), "sender": message.sender, "text": text]))
    }
}

extension MessageCommands {
    /// `chat <room>`: the interactive view.
    static func chat(_ run: Invocation) throws(CommandFailure) {
        try ChatSession.run(run, room: try run.word(0, L10nKey("cli.what.room"), command: "chat"))
    }
}
