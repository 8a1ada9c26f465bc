/// `verify <name> [--confirm]`: the safety number shared with one person, to compare face to face.
enum VerifyCommand {
    static func run(_ run: Invocation) throws(CommandFailure) {
        let typed = try run.word(0, L10nKey("cli.what.handle"), command: "verify")
        let handle = typed.hasPrefix("@") ? String(typed.dropFirst()) : typed
        let messenger = try run.messenger()
        let profile = try run.profile()
        let account = try run.account()
        let peer = try find(handle, run, messenger)
        let shown = TerminalText.inline(peer.handle)
        let contact = try run.secure { () throws -> Contact in
            guard case let .bundles(list) = try messenger.connection.call(.bundles(accounts: [peer.accountID], consume: false)),
                  let bytes = list.first?.bundle else { throw CommandFailure.message(L10nKey("cli.verify.no_keys"), ["handle": shown], exitCode: 2) }
            return try profile.noteIdentity(try PrekeyBundle(serialized: bytes).identity, of: peer.accountID, handle: peer.handle)
        }
        let mine = try run.secure { try profile.identity().publicBundle }
        if run.arguments.has("confirm") {
            try run.secure { try profile.markVerified(peer.accountID) }
            run.terminal.line(run.t("cli.verify.confirmed", ["handle": shown]))
            return
        }
        let number = SafetyNumber.compute(local: mine, localHandle: account.handle, remote: contact.identity, remoteHandle: peer.handle)
        let groups = number.split(separator: " ")
        run.terminal.line(run.t("cli.verify.title", ["handle": shown]))
        run.terminal.line("")
        run.terminal.line("    " + groups.prefix(6).joined(separator: " "))
        run.terminal.line("    " + groups.dropFirst(6).joined(separator: " "))
        run.terminal.line("")
        if contact.changed { run.terminal.line(run.t("cli.e2e.identity_changed", ["handle": shown])) }
        run.terminal.line(contact.verified ? run.t("cli.verify.already", ["handle": shown]) : run.t("cli.verify.explain", ["handle": shown]))
    }

    /// The member called `handle` in one of your rooms.
    private static func find(_ handle: String, _ run: Invocation, _ messenger: Messenger) throws(CommandFailure) -> MemberRecord {
        guard case let .rooms(rooms) = try run.call(messenger.connection, .rooms) else { throw .client(.protocolViolation, server: nil) }
        for room in rooms {
            guard case let .members(members) = try run.call(messenger.connection, .members(room: room.id)) else { continue }
            if let member = members.first(where: { RoomReference.key($0.handle) == RoomReference.key(handle) && $0.accountID != messenger.account.id }) { return member }
        }
        throw .message(L10nKey("error.server.handle_unknown"), exitCode: 2)
    }
}
