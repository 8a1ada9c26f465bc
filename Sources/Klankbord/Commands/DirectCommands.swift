import FoundationEssentials
import KlankbordClient
import KlankbordCrypto
import KlankbordE2E
import KlankbordLocalization
import KlankbordProtocol
import KlankbordTrust

/// `dm` (one-to-one threads) and `contact` (a code that lets someone open a thread with you).
enum DirectCommands {
    static let contactPrefix = "kbc-"

    /// `dm <handle> [text]` or `dm --code <code>`: opens the thread; sends `text` if given, else starts the chat.
    static func open(_ run: Invocation) throws(CommandFailure) {
        let messenger = try run.messenger()
        let connection = messenger.connection
        var words = run.arguments.positional[...]
        var commitment: [UInt8]?
        let id: UInt64
        let peer: String
        if let code = run.arguments.value("code") {
            guard code.hasPrefix(contactPrefix), let bytes = try? Base64URL.decode(String(code.dropFirst(contactPrefix.count))) else {
                throw .message(L10nKey("error.server.contact_code_unknown"), exitCode: 1)
            }
            // A code of the first version carries no commitment: it would make us trust whatever the server says.
            if bytes.count == Request.secretLength { throw .message(L10nKey("cli.dm.old_contact_code"), exitCode: 1) }
            guard bytes.count == Request.secretLength + IdentityCommitment.length else { throw .message(L10nKey("error.server.contact_code_unknown"), exitCode: 1) }
            commitment = Array(bytes.suffix(IdentityCommitment.length))
            guard case let .room(opened, name) = try run.call(connection, .directOpenWithCode(secret: Array(bytes.prefix(Request.secretLength)))) else {
                throw .client(.protocolViolation, server: nil)
            }
            (id, peer) = (opened, name)
        } else {
            let typed = try run.word(0, L10nKey("cli.what.handle"), command: "dm")
            // `@anna` works here too; the server compares the NFC form.
            let bare = typed.hasPrefix("@") ? String(typed.dropFirst()) : typed
            let handle = Handle(bare)?.text ?? bare
            try BlockCommands.refuseIfBlocked(handle, run)
            words = words.dropFirst()
            // A thread that exists already is used as it is: one opened with a contact code shares no room, so the
            // server would refuse to open it again by name.
            let thread = try run.room(named: "@" + handle, over: connection, opening: true)
            (id, peer) = (thread.id, thread.name)
        }
        if let commitment { try pinOwner(of: id, commitment: commitment, run, messenger) }
        let text = words.joined(separator: " ")
        if text.isEmpty {
            try ChatSession.run(run, room: RoomReference.idPrefix + String(id))
            return
        }
        try MessageCommands.checkLength(text)
        let room = RoomSummary(id: id, kind: .direct, name: peer, lastSeq: 0, memberCount: 2)
        let seq = try run.secure { try messenger.send(.text(text), to: room) }
        run.showNotices(messenger)
        if run.json { return run.terminal.line(JSONText.object([("room", .unsigned(id)), ("seq", .unsigned(seq))])) }
        run.terminal.line(run.t("cli.send.sent", ["room": TerminalText.inline(peer)]))
    }

    /// Checks the identity the server offers for the other person in thread `room` against the contact code's
    /// commitment, before anything is sent, and pins it (source `contactCode`).
    private static func pinOwner(of room: UInt64, commitment: [UInt8], _ run: Invocation, _ messenger: Messenger) throws(CommandFailure) {
        let connection = messenger.connection
        guard case let .members(members) = try run.call(connection, .members(room: room)),
              let owner = members.first(where: { $0.accountID != messenger.account.id }) else { throw .client(.protocolViolation, server: nil) }
        guard case let .bundles(list) = try run.call(connection, .bundles(accounts: [owner.accountID], consume: false)),
              let bytes = list.first?.bundle, let identity = try? PrekeyBundle(serialized: bytes).identity,
              IdentityCommitment.matches(IdentityCommitment.contact(identity), commitment) else {
            throw .message(L10nKey("cli.dm.code_mismatch"), exitCode: 2)
        }
        let profile = try run.profile()
        if let known = profile.pin(owner.accountID) {
            // The code confirms what this device already trusts, or it contradicts it: then trust neither.
            guard known.identity == identity else { throw .message(L10nKey("cli.dm.code_mismatch"), exitCode: 2) }
            if known.source == .server {
                var upgraded = known
                upgraded.source = .contactCode
                try run.secure { try profile.savePin(upgraded) }
            }
            return
        }
        try run.secure { try profile.savePin(IdentityPin(account: owner.accountID, handle: owner.handle, identity: identity, source: .contactCode)) }
    }

    /// `contact [--days N]`: a code you can give someone so they can write to you.
    static func contactCode(_ run: Invocation) throws(CommandFailure) {
        let days = run.arguments.value("days").flatMap(Int.init) ?? 7
        guard (1...30).contains(days) else { throw .message(L10nKey("cli.usage.bad_number"), ["option": "--days", "min": "1", "max": "30"], exitCode: 1) }
        let connection = try run.connect()
        guard case let .contactCode(secret, expiresAt) = try run.call(connection, .contactCodeCreate(expiresInSeconds: UInt32(days * 86_400))) else {
            throw .client(.protocolViolation, server: nil)
        }
        // The code commits to this person's identity, so whoever uses it can tell if the server offers another.
        let identity = try run.secure { try run.profile().identity().publicBundle }
        let code = contactPrefix + Base64URL.encode(secret + IdentityCommitment.contact(identity))
        if run.json { return run.terminal.line(JSONText.object([("code", .string(code)), ("expires_at", .number(expiresAt))])) }
        run.terminal.line(code)
        run.terminal.line("")
        run.terminal.line(run.t("cli.contact.created", ["until": run.t.dateTime(Date(secondsSince1970: expiresAt))]))
    }
}
