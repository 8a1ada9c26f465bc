extension Relay {
    /// Removes what nobody may use any more: events past the retention period, expired contact codes,
    /// and invites that expired more than 30 days ago.
    public func maintain(log: Log) {
        let now = clock()
        do {
            try database.transaction {
                if config.retentionDays > 0 {
                    try database.run("DELETE FROM events WHERE time < ?", [.integer(now - Int64(config.retentionDays) * 86_400)])
                    if database.changes > 0 { log.info("retention: removed \(database.changes) old events") }
                }
                try database.run("DELETE FROM contact_codes WHERE expires_at < ?", [.integer(now)])
                try database.run("DELETE FROM invites WHERE expires_at < ?", [.integer(now - 30 * 86_400)])
            }
        } catch {
            log.warn("maintenance failed: \(error)")
        }
    }

    /// Makes the first operator invite when the server has no accounts and no invites yet; returns its secret.
    public func bootstrapOperatorInvite(lifetime: UInt32 = 7 * 24 * 3600) throws -> [UInt8]? {
        try database.transaction {
            let accounts = try database.queryOne("SELECT count(*) FROM accounts") { $0.int(0) } ?? 0
            let invites = try database.queryOne("SELECT count(*) FROM invites") { $0.int(0) } ?? 0
            guard accounts == 0, invites == 0 else { return nil }
            return try makeOperatorInvite(lifetime: lifetime)
        }
    }

    /// A new single-use operator invite (for `klankbordd operator-invite`, when the first was lost).
    public func makeOperatorInvite(lifetime: UInt32 = 7 * 24 * 3600) throws -> [UInt8] {
        let secret = Random.bytes(Request.secretLength)
        let now = clock()
        try database.run("INSERT INTO invites(secret_hash, role, room_id, uses_total, uses_left, created_at, expires_at) VALUES (?, ?, NULL, 1, 1, ?, ?)",
                         [.blob(BLAKE2b.hash(secret, length: 32)), .integer(Int64(Role.operator.rawValue)), .integer(now), .integer(now + Int64(lifetime))])
        return secret
    }
}
