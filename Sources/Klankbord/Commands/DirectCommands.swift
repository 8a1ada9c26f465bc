import FoundationEssentials

/// `dm` (one-to-one threads) and `contact` (a code that lets someone open a thread with you).
enum DirectCommands {
    static let contactPrefix = "kbc-"

    /// `dm <handle> [text]` or `dm --code <code>`: opens the thread; sends `text` if given, else starts the chat.
    static func open(_ run: Invocation) throws(CommandFailure) {
        let messenger = try run.messenger()
        let connection = messenger.connection
        let request: Request
        var words = run.arguments.positional[...]
        if let code = run.arguments.value("code") {
            guard code.hasPrefix(contactPrefix), let secret = try? Base64URL.decode(String(code.dropFirst(contactPrefix.count))),
                  secret.count == Request.secretLength else { throw .message(L10nKey("error.server.contact_code_unknown"), exitCode: 1) }
            request = .directOpenWithCode(secret: secret)
        } else {
            let typed = try run.word(0, L10nKey("cli.what.handle"), command: "dm")
            // `@anna` works here too; the server compares the NFC form.
            let bare = typed.hasPrefix("@") ? String(typed.dropFirst()) : typed
            let handle = Handle(bare)?.text ?? bare
            words = words.dropFirst()
            request = .directOpen(handle: handle)
        }
        guard case let .room(id, peer) = try run.call(connection, request) else { throw .client(.protocolViolation, server: nil) }
        let text = words.joined(separator: " ")
        if text.isEmpty {
            try ChatSession.run(run, room: RoomReference.idPrefix + String(id))
            return
        }
        let room = RoomSummary(id: id, kind: .direct, name: peer, lastSeq: 0, memberCount: 2)
        try run.secure { try messenger.send(.text(text), to: room) }
        run.showNotices(messenger)
        run.terminal.line(run.t("cli.send.sent", ["room": TerminalText.inline(peer)]))
    }

    /// `contact [--days N]`: a code you can give someone so they can write to you.
    static func contactCode(_ run: Invocation) throws(CommandFailure) {
        let days = run.arguments.value("days").flatMap(Int.init) ?? 7
        guard (1...30).contains(days) else { throw .message(L10nKey("cli.usage.bad_number"), ["option": "--days", "min": "1", "max": "30"], exitCode: 1) }
        let connection = try run.connect()
        guard case let .contactCode(secret, expiresAt) = try run.call(connection, .contactCodeCreate(expiresInSeconds: UInt32(days * 86_400))) else {
            throw .client(.protocolViolation, server: nil)
        }
        run.terminal.line(contactPrefix + Base64URL.encode(secret))
        run.terminal.line("")
        run.terminal.line(run.t("cli.contact.created", ["until": run.t.dateTime(Date(secondsSince1970: expiresAt))]))
    }
}
