import KlankbordCrypto
import KlankbordProtocol

extension Relay {
    /// Most rows one maintenance step deletes: each step is its own short transaction, so a send waits at
    /// most for one step, never for a whole clean-up.
    public static let maintenanceBatch = 500

    /// One round of housekeeping, done in steps. `now` is fixed when the round starts, so it ends.
    public struct MaintenancePass: Sendable {
        /// The time the round judges expiry by (seconds since 1970).
        public let now: Int64
        /// Rows removed so far.
        public var removedEvents = 0, removedContactCodes = 0, removedInvites = 0
        /// No expired row is left (or a step failed; the next round tries again).
        public var finished = false
    }

    /// Starts a round: events past the retention period, expired contact codes, and invites that expired
    /// more than 30 days ago.
    public func beginMaintenance() -> MaintenancePass {
        MaintenancePass(now: clock())
    }

    /// Deletes at most `maintenanceBatch` expired rows in one transaction; marks the round finished when
    /// fewer were left. Logs the totals when the round ends.
    public func maintenanceStep(_ pass: inout MaintenancePass, log: Log) {
        guard !pass.finished else { return }
        var budget = Relay.maintenanceBatch
        do {
            try database.transaction {
                if config.retentionDays > 0 {
                    // Without an index on time the scan walks the primary key, where a room's oldest events come first.
                    // Rooms a facilitator asked to keep (`roomKeep`) are passed by.
                    try database.run("DELETE FROM events WHERE (room_id, seq) IN (SELECT room_id, seq FROM events WHERE time < ? "
                                     + "AND room_id NOT IN (SELECT id FROM rooms WHERE keep_events = 1) LIMIT ?)",
                                     [.integer(pass.now - Int64(config.retentionDays) * 86_400), .integer(Int64(budget))])
                    pass.removedEvents += database.changes
                    budget -= database.changes
                }
                try database.run("DELETE FROM contact_codes WHERE secret_hash IN (SELECT secret_hash FROM contact_codes WHERE expires_at < ? LIMIT ?)",
                                 [.integer(pass.now), .integer(Int64(budget))])
                pass.removedContactCodes += database.changes
                budget -= database.changes
                try database.run("DELETE FROM invites WHERE id IN (SELECT id FROM invites WHERE expires_at < ? LIMIT ?)",
                                 [.integer(pass.now - 30 * 86_400), .integer(Int64(budget))])
                pass.removedInvites += database.changes
                budget -= database.changes
            }
        } catch {
            log.warn("maintenance failed: \(error)")
            pass.finished = true
            return
        }
        guard budget > 0 else { return }
        pass.finished = true
        if pass.removedEvents > 0 { log.info("retention: removed \(pass.removedEvents) old events") }
    }

    /// A whole round at once (steps back to back), for callers with no sends to let through.
    public func maintain(log: Log) {
        var pass = beginMaintenance()
        while !pass.finished { maintenanceStep(&pass, log: log) }
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
