import KlankbordProtocol
import KlankbordTrust

extension Relay {
    /// Most entries one log may hold, and most one `logFetch` returns.
    static let maxLogEntries = 10_000
    static let maxLogFetch = 500
    /// Most entries a trusted person or member may append to one log (join, leave, and a few more), so that one
    /// of them cannot fill it; facilitators and operators are bound only by `maxLogEntries`.
    static let maxLogEntriesPerMember = 20

    /// Log entries of `scope` from index `after` on: the roster for any account, a room's log for its members.
    func fetchLog(_ scope: UInt64, after: UInt32, limit: UInt16, for me: AccountRecord) throws -> Outcome {
        try checkLogAccess(scope, me)
        let count = min(max(Int(limit), 1), Relay.maxLogFetch)
        let rows = try database.query("SELECT idx, entry FROM log_entries WHERE scope = ? AND idx >= ? ORDER BY idx LIMIT ?",
                                      [.id(scope), .integer(Int64(after)), .integer(Int64(count + 1))]) {
            LogRecord(index: UInt32(truncatingIfNeeded: $0.int64(0)), entry: $0.blob(1))
        }
        var budget = Relay.responseByteBudget, records: [LogRecord] = [], more = false
        for record in rows {
            budget -= record.entry.count + 8
            if records.count == count || (budget < 0 && !records.isEmpty) {
                more = true
                break
            }
            records.append(record)
        }
        return Outcome(response: .logEntries(records, more: more))
    }

    /// Appends `entry` at `index`, which must be the log's length, so two writers never both think they are next.
    func appendLog(_ scope: UInt64, index: UInt32, entry: [UInt8], by me: AccountRecord, from connection: ConnectionID) throws -> Outcome {
        guard entry.count <= LogEntry.maxLength else { throw ErrorCode.tooLarge }
        try checkLogAccess(scope, me)
        // The roster is plaintext: the server checks what it can read, that the writer names itself as the author.
        if scope == LogEntry.rosterScope { try checkRosterHeader(entry, by: me) }
        let length = try database.queryOne("SELECT count(*) FROM log_entries WHERE scope = ?", [.id(scope)]) { $0.int(0) } ?? 0
        guard Int(index) == length else { throw ErrorCode.logConflict }
        guard length < Relay.maxLogEntries else { throw ErrorCode.limitReached }
        if me.role == .member || me.role == .trusted {
            let mine = try database.queryOne("SELECT count(*) FROM log_entries WHERE scope = ? AND writer = ?", [.id(scope), .id(me.id)]) { $0.int(0) } ?? 0
            guard mine < Relay.maxLogEntriesPerMember else { throw ErrorCode.limitReached }
        }
        try database.run("INSERT INTO log_entries(scope, idx, writer, entry) VALUES (?, ?, ?, ?)",
                         [.id(scope), .integer(Int64(index)), .id(me.id), .blob(entry)])
        let readers = scope == LogEntry.rosterScope ? Array(subscribers.keys) : try memberIDs(of: scope)
        var outcome = Outcome(response: .done)
        outcome.pushes.append((readers, .logEntry(scope: scope, LogRecord(index: index, entry: entry)), connection))
        return outcome
    }

    /// A facilitator who is in the group room adds `account` directly, within the same limits as a join.
    func add(_ account: UInt64, to room: UInt64, by me: AccountRecord) throws -> Outcome {
        guard me.role.managesRooms else { throw ErrorCode.forbidden }
        guard try roomKind(room, memberID: me.id) == .group else { throw ErrorCode.forbidden }
        guard let target = try self.account(id: account) else { throw ErrorCode.handleUnknown }
        // The operator runs the server and is never a room member.
        guard target.role != .operator else { throw ErrorCode.forbidden }
        var outcome = Outcome(response: .done)
        let (others, push, _) = try join(room, target)
        outcome.pushes.append((others + [target.id], push, nil))
        return outcome
    }

    /// Remembers that `account` was removed from `room`: every room invite made until now stops working for them.
    func ban(_ account: UInt64, from room: UInt64) throws {
        let newest = try database.queryOne("SELECT coalesce(max(id), 0) FROM invites") { $0.int64(0) } ?? 0
        try database.run("""
            INSERT INTO room_bans(room_id, account_id, through_invite) VALUES (?, ?, ?)
            ON CONFLICT(room_id, account_id) DO UPDATE SET through_invite = excluded.through_invite
            """, [.id(room), .id(account), .integer(newest)])
    }

    /// Throws `inviteBanned` when `account` was removed from the invite's room after the invite was made.
    func checkNotBanned(_ account: UInt64, from invite: ValidInvite) throws {
        guard let room = invite.room else { return }
        let through = try database.queryOne("SELECT through_invite FROM room_bans WHERE room_id = ? AND account_id = ?",
                                            [.id(room), .id(account)]) { $0.int64(0) }
        if let through, invite.id <= through { throw ErrorCode.inviteBanned }
    }

    /// The welcome blob stored with the invite, if its maker gave one.
    func welcome(of invite: ValidInvite) throws -> [UInt8]? {
        try database.queryOne("SELECT welcome FROM invites WHERE id = ? AND welcome IS NOT NULL", [.integer(invite.id)]) { $0.blob(0) }
    }

    /// The roster is readable and writable by every account; a room's log only by its members (group rooms only).
    private func checkLogAccess(_ scope: UInt64, _ me: AccountRecord) throws {
        guard scope != LogEntry.rosterScope else { return }
        guard try roomKind(scope, memberID: me.id) == .group else { throw ErrorCode.forbidden }
    }

    /// A roster entry must say version 1, scope 0, and the caller as author (docs/TRUST.md, entry layout).
    private func checkRosterHeader(_ entry: [UInt8], by me: AccountRecord) throws {
        var r = WireReader(entry)
        do {
            guard try r.u8() == LogEntry.version, try r.u64() == LogEntry.rosterScope else { throw ErrorCode.malformed }
            _ = try r.fixed(LogEntry.hashLength)
            _ = try r.i64()
            guard try r.u64() == me.id else { throw ErrorCode.forbidden }
        } catch let code as ErrorCode {
            throw code
        } catch {
            throw ErrorCode.malformed
        }
    }
}
