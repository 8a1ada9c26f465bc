import FoundationEssentials
import KlankbordClient
import KlankbordLocalization
import KlankbordProtocol
import KlankbordTrust

/// `invite create`, `invite list` and `invite revoke`.
enum InviteCommands {
    static func create(_ run: Invocation) throws(CommandFailure) {
        let account = try run.account()
        let role: Role
        if let name = run.arguments.value("role") {
            // `--rol facilitadora` and `--rol begeleider` work as `--role facilitator` does.
            guard let chosen = CommandWords.role(name) else {
                throw .usage(L10nKey("cli.invite.unknown_role"), ["role": TerminalText.inline(name)], command: "invite create")
            }
            role = chosen
        } else {
            role = account.role == .operator ? .facilitator : .member
        }
        let connection = try run.messenger().connection
        let room = try run.arguments.value("room").map { reference throws(CommandFailure) in try run.room(named: reference, over: connection) }
        try make(run, connection: connection, role: role, room: room)
    }

    /// Makes the invite's secret here, writes its `invite` entries into the signed logs, asks the server to store
    /// the redeem token (and the welcome), and prints the code with what it does.
    static func make(_ run: Invocation, connection: ClientConnection, role: Role, room: RoomSummary?) throws(CommandFailure) {
        let uses = try number(run, "uses", default: 1, range: 1...1000)
        let days = try number(run, "days", default: 7, range: 1...90)
        let messenger = try run.messenger()
        let expires = Int64(Date().timeIntervalSince1970) + Int64(days * 86_400)
        let prepared = try run.secure { try messenger.prepareInvite(role: role, room: room?.id, uses: UInt16(uses), expires: expires) }
        let request = Request.inviteCreate(role: role, room: room?.id, uses: UInt16(uses), expiresInSeconds: UInt32(days * 86_400), keyed: prepared.keyed)
        guard case let .inviteCreated(id, _, expiresAt, publicAddress) = try run.call(connection, request) else {
            throw .client(.protocolViolation, server: nil)
        }
        let account = try run.account()
        let address = ServerAddress(publicAddress) ?? account.server
        // The code commits to this person's identity and to the log heads right after its `invite` entry, so
        // whoever joins with it pins us and the history we saw, not what the server says.
        let identity = try run.secure { try run.profile().identity().publicBundle }
        let code = InviteCode(host: address.host, port: address.port, serverKey: account.serverKey, secret: prepared.secret,
                              commitment: IdentityCommitment.invite(identity, context: prepared.context)).text
        if run.json {
            run.terminal.line(JSONText.object([("id", .unsigned(id)), ("code", .string(code)), ("role", .string(role.name)),
                                               ("room", room.map { .unsigned($0.id) } ?? .null), ("uses", .number(Int64(uses))), ("expires_at", .number(expiresAt))]))
            return
        }
        run.terminal.line(code)
        run.terminal.line("")
        let when = run.t.dateTime(Date(secondsSince1970: expiresAt))
        if let room {
            run.terminal.line(run.t.plural("cli.invite.created_room", count: uses, ["room": TerminalText.inline(room.name), "until": when]))
        } else {
            run.terminal.line(run.t.plural("cli.invite.created", count: uses, ["role": run.t(role.label), "until": when]))
        }
        run.terminal.line(run.t("cli.invite.share_safely"))
    }

    private static func number(_ run: Invocation, _ option: String, default value: Int, range: ClosedRange<Int>) throws(CommandFailure) -> Int {
        guard let text = run.arguments.value(option) else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw .message(L10nKey("cli.usage.bad_number"), ["option": "--" + option, "min": String(range.lowerBound), "max": String(range.upperBound)], exitCode: 1)
        }
        return number
    }

    static func list(_ run: Invocation) throws(CommandFailure) {
        let connection = try run.connect()
        guard case let .invites(invites) = try run.call(connection, .inviteList) else { throw .client(.protocolViolation, server: nil) }
        let now = Int64(Date().timeIntervalSince1970)
        if run.json {
            for invite in invites {
                run.terminal.line(JSONText.object([("id", .unsigned(invite.id)), ("role", .string(invite.role.name)),
                                                   ("room", invite.room.map { .unsigned($0) } ?? .null), ("uses_left", .number(Int64(invite.usesLeft))),
                                                   ("uses_total", .number(Int64(invite.usesTotal))), ("created_at", .number(invite.createdAt)),
                                                   ("expires_at", .number(invite.expiresAt)), ("revoked", .bool(invite.revoked))]))
            }
            return
        }
        guard !invites.isEmpty else { return run.terminal.line(run.t("cli.invite.none")) }
        for invite in invites {
            let state: String
            if invite.revoked {
                state = run.t("cli.invite.state.revoked")
            } else if invite.expiresAt <= now {
                state = run.t("cli.invite.state.expired")
            } else if invite.usesLeft == 0 {
                state = run.t("cli.invite.state.used_up")
            } else {
                state = run.t.plural("cli.invite.state.open", count: Int(invite.usesLeft),
                                     ["total": String(invite.usesTotal), "until": run.t.dateTime(Date(secondsSince1970: invite.expiresAt))])
            }
            let target = invite.roomName.map { " → " + TerminalText.inline($0) } ?? ""
            run.terminal.line("\(invite.id)  \(run.t(invite.role.label))\(target)  \(state)")
        }
    }

    static func revoke(_ run: Invocation) throws(CommandFailure) {
        let text = try run.word(0, L10nKey("cli.what.invite_id"), command: "invite revoke")
        guard let id = UInt64(text) else { throw .usage(L10nKey("cli.usage.bad_id"), ["id": text], command: "invite revoke") }
        let connection = try run.connect()
        do {
            _ = try connection.call(.inviteRevoke(id: id))
        } catch .server(.inviteUnknown) {
            // The number is the one `invite list` shows: the general sentence would ask to check a copied code.
            throw .message(L10nKey("cli.invite.revoke_unknown"), ["id": text], exitCode: 2)
        } catch {
            throw .client(error, server: try? run.account().server)
        }
        run.terminal.line(run.t("cli.invite.revoked", ["id": text]))
    }
}
