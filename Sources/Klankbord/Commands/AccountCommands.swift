import KlankbordClient
import KlankbordLocalization
import KlankbordProtocol
import KlankbordTrust

/// `join`, `whoami`, `lang` and `panic`.
enum AccountCommands {
    /// `klankbord join <invite> [--handle <name>]`: makes the profile and account, or joins the invite's room.
    static func join(_ run: Invocation) throws(CommandFailure) {
        let t = run.t
        let text = try run.word(0, L10nKey("cli.what.invite"), command: "join")
        let invite: InviteCode
        do {
            invite = try InviteCode(parsing: text)
        } catch {
            throw .message(error == .notAnInviteCode ? L10nKey("cli.invite.not_a_code") : L10nKey("cli.invite.damaged"), exitCode: 1)
        }
        let address = ServerAddress(host: invite.host, port: invite.port)
        if Profile.exists(at: run.profileDirectory) {
            // An existing account redeems a room invite to join that room.
            var account = try run.account()
            if account.serverKey != invite.serverKey {
                // After a key change (`klankbordd rotate-key`) a new invite carries the new key before this device
                // learned it: one connection with the pinned key teaches it. Another server's invite stays refused.
                _ = try? run.messenger()
                account = try run.account()
            }
            guard account.serverKey == invite.serverKey else { throw .message(L10nKey("cli.join.other_server"), exitCode: 1) }
            let messenger = try run.messenger()
            let connection = messenger.connection
            let token = try run.secure { try invite.redeemSecret() }
            guard case let .redeemed(_, room, inviter, welcome) = try run.call(connection, .redeem(secret: token, handle: "")) else {
                throw .client(.protocolViolation, server: address)
            }
            let settled = try run.secure { try settle(invite, inviter: inviter, room: room, welcome: welcome, messenger: messenger) }
            if let failure = settled.failure {
                // The logs or the server tell another story than the code: do not stay in a room reached through a lie.
                if let room { _ = try? connection.call(.roomLeave(room: room)) }
                throw failure
            }
            if let pin = settled.pin { try run.secure { try keep(pin, in: try run.profile()) } }
            if run.json { return run.terminal.line(JSONText.object([("room", room.map { .unsigned($0) } ?? .null)])) }
            let name = room.flatMap { id in try? run.room(named: RoomReference.idPrefix + String(id), over: connection).name } ?? ""
            run.terminal.line(t("cli.join.joined_room", ["room": TerminalText.inline(name)]))
            return
        }
        let handle = try chooseHandle(run)
        let passphrase = try PassphraseChoice.choose(run)
        let profile: Profile
        do {
            profile = try Profile.create(at: run.profileDirectory, passphrase: passphrase)
        } catch {
            throw .profile(error)
        }
        run.adopt(profile)
        do {
            let key = try profile.deviceKey()
            let connection = try ClientConnection(address: address, serverKey: invite.serverKey, deviceKey: key)
            guard case let .redeemed(account, room, inviter, welcome) = try connection.call(.redeem(secret: try invite.redeemSecret(), handle: handle)) else {
                throw ClientError.protocolViolation
            }
            let saved = Profile.Account(server: address, serverKey: invite.serverKey, id: account.id, handle: account.handle, role: account.role)
            let messenger = Messenger(profile: profile, connection: connection, account: saved)
            let settled = try settle(invite, inviter: inviter, room: room, welcome: welcome, messenger: messenger)
            if let failure = settled.failure {
                // The server substituted the inviter or the logs: keep nothing, and leave no account behind.
                _ = try? connection.call(.deleteAccount)
                profile.destroy()
                throw failure
            }
            if let inviterPin = settled.pin { try profile.savePin(inviterPin) }
            try profile.save(saved)
            // The operator's first join starts the signed roster every later role and room is rooted in.
            try messenger.startRosterIfFirst()
            try messenger.publishKeys(force: true)
            if let language = Language(code: run.t.language.rawValue), run.arguments.value("lang") != nil { try profile.setLanguage(language) }
            if run.json {
                return run.terminal.line(JSONText.object([("id", .unsigned(account.id)), ("handle", .string(account.handle)),
                                                          ("role", .string(account.role.name)), ("room", room.map { .unsigned($0) } ?? .null)]))
            }
            run.terminal.line(t("cli.join.welcome", ["handle": TerminalText.inline(account.handle), "role": t(account.role.label)]))
            if let room, let summary = try? run.room(named: RoomReference.idPrefix + String(room), over: connection) {
                run.terminal.line(t("cli.join.joined_room", ["room": TerminalText.inline(summary.name)]))
            }
            run.terminal.line(t("cli.join.next"))
        } catch let error as CommandFailure {
            throw error
        } catch let error as ClientError {
            profile.destroy()
            throw .client(error, server: address)
        } catch {
            profile.destroy()
            throw .profile(.unusable)
        }
    }

    /// Checks the code against the signed logs (or, for an invite no log holds, against the server's inviter record)
    /// and writes the join entries. Returns the inviter to pin, or what to tell the person when it does not hold.
    private static func settle(_ invite: InviteCode, inviter: InviterRecord?, room: UInt64?, welcome: [UInt8]?,
                               messenger: Messenger) throws -> (pin: IdentityPin?, failure: CommandFailure?) {
        guard let commitment = invite.commitment else { return (nil, nil) }
        let mismatch = CommandFailure.message(L10nKey("cli.join.inviter_mismatch"), exitCode: 2)
        switch try messenger.acceptInvite(secret: invite.secret, commitment: commitment, room: room, welcome: welcome, server: inviter) {
        case let .anchored(pin):
            return (pin, nil)
        case .notInLog:
            guard let pin = try? invite.pinInviter(inviter) else { return (nil, mismatch) }
            return (pin, nil)
        case .mismatch:
            return (nil, mismatch)
        case .refused(.banned):
            return (nil, .message(L10nKey("cli.join.log_refused"), exitCode: 2))
        case .refused:
            return (nil, .message(L10nKey("cli.join.log_other"), exitCode: 2))
        }
    }

    /// Pins an inviter for an existing profile. An identity already pinned is never replaced from here; one
    /// that came from the server at first use is upgraded to `invite` when the commitment confirms it.
    private static func keep(_ pin: IdentityPin, in profile: Profile) throws {
        guard var known = profile.pin(pin.account) else { return try profile.savePin(pin) }
        guard known.identity == pin.identity, known.source == .server else { return }
        known.source = .invite
        try profile.savePin(known)
    }

    /// The handle from `--handle`, or asked for on the terminal.
    private static func chooseHandle(_ run: Invocation) throws(CommandFailure) -> String {
        if let handle = run.arguments.value("handle") {
            guard let valid = Handle(handle) else { throw .message(L10nKey("error.server.handle_invalid"), exitCode: 1) }
            return valid.text
        }
        while true {
            run.terminal.line(run.t("cli.join.choose_handle"))
            run.terminal.prompt("> ")
            guard let answer = run.terminal.readLine()?.trimmingWhitespace else { throw .message(L10nKey("cli.join.no_handle"), exitCode: 1) }
            if let valid = Handle(answer) { return valid.text }
            run.terminal.problem(run.t("error.server.handle_invalid"))
        }
    }

    /// `klankbord whoami`: your handle, role and server.
    static func whoami(_ run: Invocation) throws(CommandFailure) {
        let connection = try run.connect()
        guard case let .account(account) = try run.call(connection, .whoami) else { throw .client(.protocolViolation, server: nil) }
        let server = try run.account().server.description
        if run.json {
            run.terminal.line(JSONText.object([("id", .unsigned(account.id)), ("handle", .string(account.handle)), ("role", .string(account.role.name)), ("server", .string(server))]))
        } else {
            run.terminal.line(run.t("cli.whoami", ["handle": TerminalText.inline(account.handle), "role": run.t(account.role.label), "server": TerminalText.inline(server)]))
        }
    }

    /// `klankbord lang [nl|en|es]`: shows or stores the language of this profile.
    static func language(_ run: Invocation) throws(CommandFailure) {
        guard let code = run.arguments.positional.first else {
            if run.json { return run.terminal.line(JSONText.object([("lang", .string(run.t.language.rawValue))])) }
            run.terminal.line(run.t("cli.lang.current", ["lang": run.t.language.rawValue]))
            return
        }
        guard let language = Language(code: code) else { throw .message(L10nKey("cli.lang.unknown"), ["lang": TerminalText.inline(code)], exitCode: 1) }
        let profile = try run.profile()
        do {
            try profile.setLanguage(language)
        } catch {
            throw .profile(error)
        }
        if run.json { return run.terminal.line(JSONText.object([("lang", .string(language.rawValue))])) }
        let t = Localizer(language)
        run.terminal.line(t("cli.lang.saved"))
    }

    /// `klankbord panic [--now]`: deletes the account on the server (when reachable) and wipes this profile.
    static func panic(_ run: Invocation) throws(CommandFailure) {
        let profile = try run.profile()
        if !run.arguments.has("now") {
            run.terminal.line(run.t("cli.panic.confirm"))
            run.terminal.prompt("> ")
            guard Confirmation.confirms(run.terminal.readLine(), yes: run.t("cli.panic.yes")) else {
                run.terminal.line(run.t("cli.panic.cancelled"))
                return
            }
        }
        // An unlock ends first: the kernel must not keep the key of a profile that is gone.
        Profile.lock(at: run.profileDirectory)
        var serverDeleted = false
        // The signed logs first, best effort: a panic must not wait on them.
        if let messenger = try? run.messenger() { try? messenger.leaveEveryLog() }
        if let connection = try? run.connect(), (try? connection.call(.deleteAccount)) != nil { serverDeleted = true }
        profile.destroy()
        run.terminal.line(serverDeleted ? run.t("cli.panic.done") : run.t("cli.panic.done_offline"))
    }
}
