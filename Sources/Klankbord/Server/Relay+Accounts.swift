import KlankbordProtocol

extension Relay {
    /// Redeems an invite: a new device gets an account; a known one joins the invite's room.
    func redeem(secret: [UInt8], handle text: String, from connection: ConnectionID) throws -> Outcome {
        guard var session = sessions[connection] else { throw ErrorCode.notRegistered }
        let now = clock()
        if now - session.redeemWindowStart >= 60 {
            session.redeemWindowStart = now
            session.redeemAttempts = 0
        }
        session.redeemAttempts += 1
        sessions[connection] = session
        guard session.redeemAttempts <= config.redeemAttemptsPerMinute else { throw ErrorCode.rateLimited }

        let invite = try validInvite(secret: secret, now: now)
        // A daemon-wide limit too, so many connections cannot add up to a fast handle oracle. Only valid codes
        // count: a stranger guessing codes cannot lock honest joiners out.
        guard redeemWindow.admit(now: now, limit: config.redeemsPerMinute) else { throw ErrorCode.rateLimited }
        return try spendingAnAttempt(of: invite) { try redeem(invite, handle: text, session: session, from: connection) }
    }

    /// Redeems a valid invite whose attempt is spent: a new account for a new device, the invite's room for a known one.
    private func redeem(_ invite: ValidInvite, handle text: String, session: Session, from connection: ConnectionID) throws -> Outcome {
        let existing = try account(deviceKey: session.deviceKey)
        let account: AccountRecord
        if let existing {
            guard invite.room != nil else { throw ErrorCode.alreadyRegistered }
            // The operator runs the server and is never a room member.
            guard existing.role != .operator else { throw ErrorCode.forbidden }
            try checkNotBanned(existing.id, from: invite)
            account = existing
        } else {
            guard let handle = Handle(text) else { throw ErrorCode.handleInvalid }
            // Taken also when it only looks like another handle (`HuIplijn` for `Hulplijn`): see `Handle.skeleton`.
            let skeleton = handle.skeleton
            guard try database.queryOne("SELECT 1 FROM accounts WHERE handle_key = ? OR handle_skeleton = ?", [.text(handle.key), .text(skeleton)],
                                        { _ in true }) == nil else {
                throw ErrorCode.handleTaken
            }
            try database.run("INSERT INTO accounts(handle, handle_key, handle_skeleton, role, device_key) VALUES (?, ?, ?, ?, ?)",
                             [.text(handle.text), .text(handle.key), .text(skeleton), .integer(Int64(invite.role.rawValue)), .blob(session.deviceKey)])
            account = AccountRecord(id: UInt64(database.lastInsertRowID), handle: handle.text, role: invite.role)
        }
        var outcome = Outcome(response: .redeemed(account: account, room: invite.room, inviter: try inviter(invite.createdBy),
                                                  welcome: try welcome(of: invite)))
        if let room = invite.room {
            outcome.pushes.append(try join(room, account))
        }
        try database.run("UPDATE invites SET uses_left = uses_left - 1 WHERE id = ?", [.integer(invite.id)])
        outcome.effects.append(.bind(connection, account: account.id))
        return outcome
    }

    /// Deletes the account; the database cascades to memberships, events, inbox and contact codes.
    func deleteAccount(_ me: AccountRecord) throws -> Outcome {
        var outcome = Outcome(response: .done)
        let rooms = try database.query("SELECT r.id, r.kind FROM rooms r JOIN members m ON m.room_id = r.id WHERE m.account_id = ?", [.id(me.id)]) {
            (UInt64($0.int64(0)), RoomKind(rawValue: UInt8(truncatingIfNeeded: $0.int64(1))) ?? .group)
        }
        for (room, kind) in rooms {
            let others = try memberIDs(of: room).filter { $0 != me.id }
            outcome.pushes.append((others, .membership(room: room, accountID: me.id, handle: me.handle, change: .left), nil))
            // As with leaving: a group nobody is left in goes too, so its invites stop working.
            if kind == .direct || others.isEmpty { try database.run("DELETE FROM rooms WHERE id = ?", [.id(room)]) }
        }
        let deviceKey = try database.queryOne("SELECT device_key FROM accounts WHERE id = ?", [.id(me.id)]) { $0.blob(0) } ?? []
        try database.run("DELETE FROM accounts WHERE id = ?", [.id(me.id)])
        memberCache = [:]
        outcome.effects.append(.dropAccount(me.id, deviceKey: deviceKey))
        return outcome
    }

    /// Starts pushes on this connection and tells the client where each of its rooms stands.
    func subscribe(_ connection: ConnectionID, _ me: AccountRecord) throws -> Outcome {
        let cursors = try database.query(
            "SELECT r.id, r.last_seq FROM rooms r JOIN members m ON m.room_id = r.id WHERE m.account_id = ? ORDER BY r.id", [.id(me.id)]
        ) { RoomCursor(room: UInt64($0.int64(0)), lastSeq: UInt64($0.int64(1))) }
        return Outcome(response: .subscribed(cursors), effects: [.bind(connection, account: me.id), .subscribe(connection, account: me.id)])
    }
}
