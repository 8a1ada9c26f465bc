import KlankbordClient
import KlankbordE2E
import KlankbordLocalization
import KlankbordProtocol
import KlankbordTrust

/// `verify <name> [--confirm | --accept]`: the safety number shared with one person, to compare face to face.
///
/// The digits always come from the identity this device pinned (the one its sessions use), never from the
/// server's copy: the server's copy is only fetched to notice that it now offers another identity. When a
/// new identity is held (someone wrote under another key), `verify` shows the new code; `--confirm` asks for
/// its last five digits before accepting it, and `--accept` takes it unchecked, only for a never-verified contact.
enum VerifyCommand {
    static func run(_ run: Invocation) throws(CommandFailure) {
        let typed = try run.word(0, L10nKey("cli.what.handle"), command: "verify")
        let handle = typed.hasPrefix("@") ? String(typed.dropFirst()) : typed
        let messenger = try run.messenger()
        let profile = try run.profile()
        let account = try run.account()
        let peer = try find(handle, run, messenger)
        let offered = try run.secure { () throws -> IdentityKeys.PublicBundle? in
            guard case let .bundles(list) = try messenger.connection.call(.bundles(accounts: [peer.accountID], consume: false)) else {
                throw ClientError.protocolViolation
            }
            return try list.first?.bundle.map { bytes throws in try PrekeyBundle(serialized: bytes).identity }
        }
        let mine = try run.secure { try profile.identity().publicBundle }
        let pin: IdentityPin
        if let known = profile.pin(peer.accountID) {
            pin = known
        } else {
            guard let offered else { throw .message(L10nKey("cli.verify.no_keys"), ["handle": TerminalText.inline(peer.handle)], exitCode: 2) }
            // Nothing better to go on: the server's copy is pinned as first use, and comparing the digits checks it.
            pin = IdentityPin(account: peer.accountID, handle: peer.handle, identity: offered, source: .server)
            try run.secure { try profile.savePin(pin) }
        }
        let number = { (identity: IdentityKeys.PublicBundle) in
            SafetyNumber.compute(local: mine, localHandle: account.handle, remote: identity, remoteHandle: peer.handle)
        }
        if let held = pin.held {
            // A real new install publishes its keys first: the server then offers the held identity.
            if offered == held { return try changed(run, messenger, pin: pin, remote: held, number: number(held), handle: peer.handle) }
            // The server still offers the pinned identity, so the held one came some other way: compare the pinned code to drop it.
            if offered == pin.identity { return try suspect(run, messenger, pin: pin, number: number(pin.identity), handle: peer.handle) }
            throw .message(L10nKey("cli.verify.change_not_published"), ["handle": TerminalText.inline(peer.handle)], exitCode: 2)
        }
        if let offered, offered != pin.identity {
            throw .message(L10nKey("cli.verify.server_differs"), ["handle": TerminalText.inline(peer.handle)], exitCode: 2)
        }
        if run.arguments.has("accept") {
            run.terminal.line(run.t("cli.verify.nothing_to_accept", ["handle": TerminalText.inline(peer.handle)]))
            return
        }
        if run.arguments.has("confirm") {
            try run.secure { try profile.markVerified(peer.accountID) }
            run.terminal.line(run.t("cli.verify.confirmed", ["handle": TerminalText.inline(peer.handle)]))
            return
        }
        if run.json {
            return run.terminal.line(JSONText.object([("handle", .string(peer.handle)), ("code", .string(number(pin.identity))),
                                                      ("verified", .bool(pin.verified))]))
        }
        show(number(pin.identity), title: run.t("cli.verify.title", ["handle": TerminalText.inline(peer.handle)]), run)
        run.terminal.line(pin.verified ? run.t("cli.verify.already", ["handle": TerminalText.inline(peer.handle)]) : run.t("cli.verify.explain", ["handle": TerminalText.inline(peer.handle)]))
    }

    /// A new identity is held for the person and the server offers it too: show its code, or accept it.
    private static func changed(_ run: Invocation, _ messenger: Messenger, pin: IdentityPin, remote: IdentityKeys.PublicBundle,
                                number: String, handle: String) throws(CommandFailure) {
        let opened: [StoredMessage]
        if run.arguments.has("confirm") {
            try askLastGroup(of: number, remote: remote, handle: handle, run)
            opened = try run.secure { try messenger.acceptHeldIdentity(of: pin.account, verified: true) }
            run.terminal.line(run.t("cli.verify.accepted_new", ["handle": TerminalText.inline(handle)]))
        } else if run.arguments.has("accept") {
            guard !pin.verified else { throw .message(L10nKey("cli.verify.must_compare"), ["handle": TerminalText.inline(handle)], exitCode: 2) }
            opened = try run.secure { try messenger.acceptHeldIdentity(of: pin.account, verified: false) }
            run.terminal.line(run.t("cli.verify.accepted_unchecked", ["handle": TerminalText.inline(handle)]))
            run.terminal.line(run.t("cli.verify.accepted_new", ["handle": TerminalText.inline(handle)]))
        } else {
            show(number, title: run.t("cli.verify.new_title", ["handle": TerminalText.inline(handle)]), run)
            run.terminal.line(run.t("cli.verify.changed_explain", ["handle": TerminalText.inline(handle)]))
            if !pin.verified { run.terminal.line(run.t("cli.verify.accept_hint", ["handle": TerminalText.inline(handle)])) }
            return
        }
        for message in opened { MessageCommands.show(message, run, withDate: true) }
    }

    /// A new identity is held that the server does not offer, while it still offers the pinned one: likely forged.
    /// Comparing the pinned code again (and typing its last group) throws the held messages away.
    private static func suspect(_ run: Invocation, _ messenger: Messenger, pin: IdentityPin, number: String, handle: String) throws(CommandFailure) {
        if run.arguments.has("confirm") {
            try askLastGroup(of: number, remote: pin.identity, handle: handle, run)
            try run.secure { try messenger.rejectHeldIdentity(of: pin.account) }
            run.terminal.line(run.t("cli.verify.change_dropped", ["handle": TerminalText.inline(handle)]))
            return
        }
        guard !run.arguments.has("accept") else { throw .message(L10nKey("cli.verify.change_not_published"), ["handle": TerminalText.inline(handle)], exitCode: 2) }
        show(number, title: run.t("cli.verify.title", ["handle": TerminalText.inline(handle)]), run)
        run.terminal.line(run.t("cli.verify.change_suspect", ["handle": TerminalText.inline(handle)]))
    }

    /// Asks for the last five digits of the other person's half of `number`: the proof that the person looked at
    /// the code they confirm. Each half is one line of the code; the person's own half would prove nothing, since it
    /// is the same in the old code and the new one.
    private static func askLastGroup(of number: String, remote: IdentityKeys.PublicBundle, handle: String, _ run: Invocation) throws(CommandFailure) {
        let groups = number.split(separator: " ").map(String.init)
        let onTop = Array(groups.prefix(6)) == SafetyNumber.half(remote, handle: handle)
        run.terminal.line(onTop ? run.t("cli.verify.type_top_line", ["handle": TerminalText.inline(handle)]) : run.t("cli.verify.type_bottom_line", ["handle": TerminalText.inline(handle)]))
        run.terminal.prompt("> ")
        let typed = run.terminal.readLine()?.trimmingWhitespace ?? ""
        guard let last = onTop ? groups.prefix(6).last : groups.last, typed == last else {
            throw .message(L10nKey("cli.verify.wrong_group"), ["handle": TerminalText.inline(handle)], exitCode: 2)
        }
    }

    private static func show(_ number: String, title: String, _ run: Invocation) {
        let groups = number.split(separator: " ")
        run.terminal.line(title)
        run.terminal.line("")
        run.terminal.line("    " + groups.prefix(6).joined(separator: " "))
        run.terminal.line("    " + groups.dropFirst(6).joined(separator: " "))
        run.terminal.line("")
    }

    /// The member called `handle` in one of your rooms.
    private static func find(_ handle: String, _ run: Invocation, _ messenger: Messenger) throws(CommandFailure) -> MemberRecord {
        guard case let .rooms(rooms) = try run.call(messenger.connection, .rooms) else { throw .client(.protocolViolation, server: nil) }
        for room in rooms {
            guard case let .members(members) = try run.call(messenger.connection, .members(room: room.id)) else { continue }
            if let member = members.first(where: { RoomReference.key($0.handle) == RoomReference.key(handle) && $0.accountID != messenger.account.id }) { return member }
        }
        // Only people who share a room or thread with you can be checked: say that, not "check the spelling".
        throw .message(L10nKey("cli.verify.not_found"), ["handle": TerminalText.inline(handle)], exitCode: 2)
    }
}
