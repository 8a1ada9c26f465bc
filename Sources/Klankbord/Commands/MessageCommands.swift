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
        try deliver(text, to: room.id, over: connection, run)
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
        var shown = 0
        for event in events {
            let message = StoredMessage(room: room.id, seq: event.seq, sender: event.senderHandle, time: event.time, body: MessageBody(decoding: event.payload))
            do {
                // What this device sent itself is in the history already and is not new to read.
                guard try profile.store(message) else { continue }
            } catch {
                throw .profile(error)
            }
            show(message, run, withDate: true)
            shown += 1
        }
        if shown == 0 && !run.json { run.terminal.line(run.t("cli.read.nothing_new", ["room": room.name])) }
        if let last = events.last {
            do {
                try profile.setReadSeq(room.id, last.seq)
            } catch {
                throw .profile(error)
            }
        }
    }

    /// Sends `text` and keeps it in this device's history, so it does not come back as new when reading.
    @discardableResult
    static func deliver(_ text: String, to room: UInt64, over connection: ClientConnection, _ run: Invocation) throws(CommandFailure) -> UInt64 {
        let account = try run.account()
        let profile = try run.profile()
        do {
            let seq = try connection.send(.text(text), to: room)
            try profile.store(StoredMessage(room: room, seq: seq, sender: account.handle, time: Int64(Date().timeIntervalSince1970), body: .text(text)))
            return seq
        } catch let error as ClientError {
            throw .client(error, server: account.server)
        } catch {
            throw .profile(.unusable)
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
