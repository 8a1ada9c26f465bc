import KlankbordLocalization
import KlankbordProtocol

/// `rooms`, `members` and the `room …` commands.
enum RoomCommands {
    static func list(_ run: Invocation) throws(CommandFailure) {
        let connection = try run.connect()
        guard case let .rooms(rooms) = try run.call(connection, .rooms) else { throw .client(.protocolViolation, server: nil) }
        let profile = try run.profile()
        try? profile.remember(rooms)
        let me = try run.account().handle
        // What this person sent is not new to them, though it lies after their read cursor.
        let unreadCount = { (room: RoomSummary) -> UInt64 in
            let read = profile.readSeq(room.id)
            let after = room.lastSeq - min(room.lastSeq, read)
            return after - min(after, UInt64(profile.ownMessageCount(room.id, after: read, sender: me)))
        }
        if run.json {
            for room in rooms {
                run.terminal.line(JSONText.object([("id", .unsigned(room.id)), ("kind", .string(room.kind.name)), ("name", .string(room.name)),
                                                   ("members", .number(Int64(room.memberCount))), ("last_seq", .unsigned(room.lastSeq)),
                                                   ("unread", .unsigned(unreadCount(room)))]))
            }
            return
        }
        guard !rooms.isEmpty else { return run.terminal.line(run.t("cli.rooms.none")) }
        for room in rooms {
            let unread = Int(unreadCount(room))
            let kind = room.kind == .direct ? run.t("cli.rooms.direct") : run.t.plural("cli.rooms.members", count: Int(room.memberCount))
            var line = "\(RoomReference.written(room))  (\(kind))"
            if unread > 0 { line += "  " + run.t.plural("unread.summary", count: unread) }
            run.terminal.line(line)
        }
    }

    static func members(_ run: Invocation) throws(CommandFailure) {
        let reference = try run.word(0, L10nKey("cli.what.room"), command: "members")
        let connection = try run.connect()
        let room = try run.room(named: reference, over: connection)
        guard case let .members(members) = try run.call(connection, .members(room: room.id)) else { throw .client(.protocolViolation, server: nil) }
        for member in members {
            if run.json {
                run.terminal.line(JSONText.object([("id", .unsigned(member.accountID)), ("handle", .string(member.handle)), ("role", .string(member.role.name))]))
            } else {
                let handle = TerminalText.inline(member.handle)
                run.terminal.line(member.role == .member ? handle : "\(handle)  (\(run.t(member.role.label)))")
            }
        }
    }

    static func create(_ run: Invocation) throws(CommandFailure) {
        let typed = run.arguments.positional.joined(separator: " ")
        // `room create '#Peers'` means the room Peers: the sign is how rooms are written, not part of the name.
        let name = typed.hasPrefix("#") ? String(typed.dropFirst()) : typed
        guard !name.isEmpty else { throw .usage(L10nKey("cli.usage.missing"), ["what": run.t("cli.what.room_name")], command: "room create") }
        let messenger = try run.messenger()
        guard case let .room(id, created) = try run.call(messenger.connection, .roomCreate(name: name)) else { throw .client(.protocolViolation, server: nil) }
        // The room's signed member log starts here: from now on only its entries decide who gets the room's keys.
        try run.secure { try messenger.startLog(ofRoom: id) }
        if run.json { return run.terminal.line(JSONText.object([("id", .unsigned(id)), ("name", .string(created))])) }
        // The reference in quotes: a shell reads a word that starts with # as a comment.
        run.terminal.line(run.t("cli.room.ready", ["room": TerminalText.inline(created)]))
    }

    /// `room invite <room>`: an invite code that joins this room (new people get an account too).
    static func invite(_ run: Invocation) throws(CommandFailure) {
        let reference = try run.word(0, L10nKey("cli.what.room"), command: "room invite")
        let connection = try run.messenger().connection
        let room = try run.room(named: reference, over: connection)
        try InviteCommands.make(run, connection: connection, role: .member, room: room)
    }

    static func leave(_ run: Invocation) throws(CommandFailure) {
        let reference = try run.word(0, L10nKey("cli.what.room"), command: "room leave")
        let messenger = try run.messenger()
        let room = try run.room(named: reference, over: messenger.connection)
        // The signed log first: every client then stops sending this account keys, whatever the server does.
        try run.secure { try messenger.writeLeave(room.id) }
        _ = try run.call(messenger.connection, .roomLeave(room: room.id))
        run.terminal.line(run.t("cli.room.left", ["room": TerminalText.inline(room.name)]))
    }

    static func remove(_ run: Invocation) throws(CommandFailure) {
        let reference = try run.word(0, L10nKey("cli.what.room"), command: "room remove")
        let typed = try run.word(1, L10nKey("cli.what.handle"), command: "room remove")
        let bare = typed.hasPrefix("@") ? String(typed.dropFirst()) : typed
        let handle = Handle(bare)?.text ?? bare
        let messenger = try run.messenger()
        let room = try run.room(named: reference, over: messenger.connection)
        // The signed removal first: it bans every invite made before it, and every sender starts a new key.
        try run.secure { try messenger.writeRemove(room.id, handle: handle) }
        _ = try run.call(messenger.connection, .roomRemove(room: room.id, handle: handle))
        run.terminal.line(run.t("cli.room.removed", ["handle": TerminalText.inline(handle), "room": TerminalText.inline(room.name)]))
    }
}
