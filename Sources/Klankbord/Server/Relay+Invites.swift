import KlankbordCrypto
import KlankbordProtocol

extension Relay {
    /// An invite row that may still be redeemed.
    struct ValidInvite {
        let id: Int64
        let role: Role
        let room: UInt64?
        /// The account that made the invite (nil: the daemon's operator invite, or the inviter is gone).
        let createdBy: UInt64?
    }

    /// Seconds an invite may live at most, and how many uses it may have.
    static let maxInviteLifetime: UInt32 = 90 * 24 * 3600
    static let maxInviteUses: UInt16 = 1000

    /// Finds the invite for `secret`, or throws the code that says why it cannot be used.
    func validInvite(secret: [UInt8], now: Int64) throws -> ValidInvite {
        let hash = BLAKE2b.hash(secret, length: 32)
        let row = try database.queryOne("SELECT id, role, room_id, uses_left, expires_at, revoked, created_by FROM invites WHERE secret_hash = ?", [.blob(hash)]) {
            (id: $0.int64(0), role: $0.int64(1), room: $0.optionalInt64(2), usesLeft: $0.int64(3), expiresAt: $0.int64(4), revoked: $0.int64(5) != 0,
             createdBy: $0.optionalInt64(6))
        }
        guard let row, let role = Role(rawValue: UInt8(truncatingIfNeeded: row.role)) else { throw ErrorCode.inviteUnknown }
        if row.revoked { throw ErrorCode.inviteRevoked }
        if row.expiresAt <= now { throw ErrorCode.inviteExpired }
        if row.usesLeft <= 0 { throw ErrorCode.inviteUsedUp }
        return ValidInvite(id: row.id, role: role, room: row.room.map { UInt64($0) }, createdBy: row.createdBy.map { UInt64(bitPattern: $0) })
    }

    func createInvite(by me: AccountRecord, role: Role, room: UInt64?, uses: UInt16, expiresIn: UInt32, keyed: KeyedInvite? = nil) throws -> Outcome {
        guard me.role.invitableRoles.contains(role) else { throw ErrorCode.forbidden }
        guard (keyed?.welcome?.count ?? 0) <= Request.maxWelcomeLength else { throw ErrorCode.tooLarge }
        if let room {
            guard me.role.managesRooms else { throw ErrorCode.forbidden }
            guard try roomKind(room, memberID: me.id) == .group else { throw ErrorCode.notAMember }
        }
        // A keyed invite's "secret" here is the client's redeem token: the real secret never reaches the server.
        let secret = keyed?.token ?? Random.bytes(Request.secretLength)
        let now = clock()
        let expiresAt = now + Int64(min(max(expiresIn, 60), Relay.maxInviteLifetime))
        let total = Int64(min(max(uses, 1), Relay.maxInviteUses))
        try database.run("INSERT INTO invites(secret_hash, role, room_id, uses_total, uses_left, created_at, expires_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                         [.blob(BLAKE2b.hash(secret, length: 32)), .integer(Int64(role.rawValue)), room.map { .id($0) } ?? .null,
                          .integer(total), .integer(total), .integer(now), .integer(expiresAt), .id(me.id)])
        let id = UInt64(database.lastInsertRowID)
        if let welcome = keyed?.welcome { try database.run("UPDATE invites SET welcome = ? WHERE id = ?", [.blob(welcome), .id(id)]) }
        return Outcome(response: .inviteCreated(id: id, secret: secret, expiresAt: expiresAt,
                                                publicAddress: config.publicAddress ?? ""))
    }

    /// The account that made an invite, with its identity bundle as uploaded, for `redeemed`.
    func inviter(_ account: UInt64?) throws -> InviterRecord? {
        guard let account else { return nil }
        return try database.queryOne("SELECT a.handle, i.bundle FROM accounts a LEFT JOIN identities i ON i.account_id = a.id WHERE a.id = ?", [.id(account)]) {
            InviterRecord(accountID: account, handle: $0.text(0), identity: $0.isNull(1) ? [] : $0.blob(1))
        }
    }

    func listInvites(for me: AccountRecord) throws -> Outcome {
        guard !me.role.invitableRoles.isEmpty else { throw ErrorCode.forbidden }
        let invites = try database.query("""
            SELECT i.id, i.role, i.room_id, r.name, i.uses_left, i.uses_total, i.created_at, i.expires_at, i.revoked
            FROM invites i LEFT JOIN rooms r ON r.id = i.room_id ORDER BY i.id DESC LIMIT 200
            """) { row in
            InviteRecord(id: UInt64(row.int64(0)), role: Role(rawValue: UInt8(truncatingIfNeeded: row.int64(1))) ?? .member,
                         room: row.optionalInt64(2).map { UInt64($0) }, roomName: row.optionalText(3),
                         usesLeft: UInt16(clamping: row.int64(4)), usesTotal: UInt16(clamping: row.int64(5)),
                         createdAt: row.int64(6), expiresAt: row.int64(7), revoked: row.int64(8) != 0)
        }
        return Outcome(response: .invites(invites))
    }

    func revokeInvite(_ id: UInt64, by me: AccountRecord) throws -> Outcome {
        guard !me.role.invitableRoles.isEmpty else { throw ErrorCode.forbidden }
        try database.run("UPDATE invites SET revoked = 1 WHERE id = ?", [.id(id)])
        guard database.changes > 0 else { throw ErrorCode.inviteUnknown }
        return Outcome(response: .done)
    }

    func createContactCode(for me: AccountRecord, expiresIn: UInt32) throws -> Outcome {
        guard me.role != .operator else { throw ErrorCode.forbidden }
        let secret = Random.bytes(Request.secretLength)
        let expiresAt = clock() + Int64(min(max(expiresIn, 60), 30 * 24 * 3600))
        try database.run("INSERT INTO contact_codes(secret_hash, account_id, expires_at) VALUES (?, ?, ?)",
                         [.blob(BLAKE2b.hash(secret, length: 32)), .id(me.id), .integer(expiresAt)])
        return Outcome(response: .contactCode(secret: secret, expiresAt: expiresAt))
    }
}
