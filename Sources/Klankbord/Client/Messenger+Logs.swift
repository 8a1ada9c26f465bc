import FoundationEssentials
import KlankbordProtocol
import KlankbordTrust

/// The signed membership logs as the commands use them (docs/TRUST.md, "What clients do with it"): sync, write,
/// and the member set a room's keys may go to.
extension Messenger {
    /// The roster after fetching what the server added since the last sync, stored sealed in the profile.
    public func syncedRoster() throws -> HeldLog {
        var log = try profile.heldLog(scope: LogEntry.rosterScope) ?? HeldLog(scope: LogEntry.rosterScope, key: nil)
        let held = log.entries.count
        _ = try log.sync(connection.logServer.fetch)
        // Written only when the server added entries: each write seals the whole log and waits for the disk.
        if log.entries.count != held { try profile.store(log) }
        // Also for a log held before this device kept checked entries: from the next command on they are not checked again.
        try rememberChecked(log.scope, chain: log.roster().log.chain, before: log.checkedBefore)
        return log
    }

    /// Keeps the hashes of the entries whose signatures were just checked, so the next command does not check them again.
    private func rememberChecked(_ scope: UInt64, chain: [[UInt8]], before: CheckedEntries) throws {
        guard !chain.allSatisfy(before.hashes.contains) else { return }
        try profile.rememberChecked(scope: scope, chain: chain)
    }

    /// The room's log after a sync, or nil when this device holds no log key for the room (a room made before the
    /// logs existed, or one joined without a welcome): such a room still trusts the server's list.
    /// `roster`: the roster just synced, when the caller has it (else the held one is read and reduced).
    public func syncedRoom(_ room: UInt64, roster synced: Roster? = nil) throws -> HeldLog? {
        guard var log = try profile.heldLog(scope: room), log.key != nil else { return nil }
        let held = log.entries.count
        _ = try log.sync(connection.logServer.fetch)
        if log.entries.count != held { try profile.store(log) }
        // Reduced with the roster this device holds (the reduction is kept for the callers, who reduce right after).
        let roster = try synced ?? profile.heldLog(scope: LogEntry.rosterScope)?.roster() ?? Roster()
        try rememberChecked(room, chain: log.membership(roster: roster).log.chain, before: log.checkedBefore)
        return log
    }

    /// Signs `body` as this account on top of `log`'s head, appends it, and keeps the result.
    @discardableResult
    public func write(_ body: LogBody, into log: inout HeldLog, roster: Roster) throws -> LogWriteOutcome {
        let identity = try profile.identity()
        let outcome = try log.write(body, author: account.id, signer: identity.signingKey, time: Int64(Date().timeIntervalSince1970),
                                    roster: roster, through: connection.logServer)
        // A log nobody could write into (a refused genesis) is not kept: the room then goes by the server's list.
        if case .written = outcome { try profile.store(log) }
        return outcome
    }

    /// Writes the genesis of a room this account just made, and keeps its log key. Returns false when the roster
    /// this device holds does not show this account as a facilitator (the room then has no signed log).
    @discardableResult
    public func startLog(ofRoom room: UInt64) throws -> Bool {
        let roster = try syncedRoster().roster()
        let (key, genesis) = LogActions.newRoom(handle: account.handle, identity: try profile.identity())
        var log = HeldLog(scope: room, key: key)
        return try write(genesis, into: &log, roster: roster) == .written(index: 0)
    }

    /// Writes the roster's genesis when this account is the operator and nobody wrote one yet (the operator's first join).
    public func startRosterIfFirst() throws {
        guard account.role == .operator else { return }
        var log = try syncedRoster()
        guard log.entries.isEmpty else { return }
        try write(.genesis(handle: account.handle, identity: try profile.identity().publicBundle), into: &log, roster: Roster())
    }

    /// Writes `leave` into the room's log before the server's `roomLeave` (nothing when the room has no held log).
    public func writeLeave(_ room: UInt64) throws {
        guard var log = try syncedRoom(room) else { return }
        let roster = try syncedRoster().roster()
        guard log.membership(roster: roster).memberIDs.contains(account.id) else { return }
        try write(.leave, into: &log, roster: roster)
    }

    /// Writes `remove` of the member with `handle` into the room's log before the server's `roomRemove`. Returns the
    /// outcome, or nil when the room has no held log or the log does not hold that handle.
    @discardableResult
    public func writeRemove(_ room: UInt64, handle: String) throws -> LogWriteOutcome? {
        guard var log = try syncedRoom(room) else { return nil }
        let roster = try syncedRoster().roster()
        let wanted = handle.lowercased()
        guard let member = log.membership(roster: roster).log.members.values.first(where: { $0.handle.lowercased() == wanted }) else { return nil }
        return try write(.remove(account: member.account), into: &log, roster: roster)
    }

    /// Who may get `room`'s keys: the signed log's members that the server lists too. Nil for a room without a
    /// held log. Disagreements become notices, so `send`, `read` and `chat` show them.
    func keyRecipients(_ room: UInt64, serverMembers: [MemberRecord]) throws -> RoomKeyRecipients? {
        guard let log = try syncedRoom(room) else { return nil }
        let membership = log.membership(roster: try syncedRoster().roster())
        try pinIdentities(from: membership.log)
        let recipients = RoomKeyRecipients(log: membership, serverMembers: serverMembers.map(\.accountID), me: account.id)
        for ghost in recipients.ghosts {
            let handle = serverMembers.first { $0.accountID == ghost }?.handle ?? String(ghost)
            notices.append(.notInRoomLog(handle: handle))
        }
        for absent in recipients.missing {
            notices.append(.notListedByServer(handle: membership.log.members[absent]?.handle ?? String(absent)))
        }
        return recipients
    }

    /// Pins every member's identity as their own signed log entry (room log or roster) gives it, before any key goes to them: at first
    /// contact the server's bundle must then match the log, so it cannot put its own key in a member's place. A pin
    /// that disagrees with the log is held for the person to compare (nothing goes to that member until then).
    func pinIdentities(from log: LogState) throws {
        let others = log.members.values.filter { $0.account != account.id }
        let held = profile.pins(of: others.map(\.account))
        for member in others {
            guard var pin = held[member.account] else {
                try profile.savePin(IdentityPin(account: member.account, handle: member.handle, identity: member.identity, source: .log))
                continue
            }
            if pin.identity == member.identity {
                guard pin.source == .server else { continue }
                pin.source = .log
            } else {
                guard pin.held == nil else { continue }
                pin.held = member.identity
                notices.append(.identityChanged(handle: member.handle))
            }
            try profile.savePin(pin)
        }
    }

    /// Checks `room`'s signed members against the server's list and collects notices for every disagreement.
    public func checkMembers(of room: UInt64) throws {
        // A room without a held log has nothing to compare (`keyRecipients` then stops at once); asking for the list
        // costs less than opening a year's log only to see whether it is there.
        guard case let .members(members) = try connection.call(.members(room: room)) else { throw ClientError.protocolViolation }
        _ = try keyRecipients(room, serverMembers: members)
    }

    /// Writes `leave` into every room log and the roster this account is in, before the account is deleted: the
    /// logs then no longer hold it, so its handle is free again in them and nobody keeps sending it keys.
    public func leaveEveryLog() throws {
        for room in profile.keptRooms() where room.kind == .group { try writeLeave(room.id) }
        var roster = try syncedRoster()
        let state = roster.roster()
        if state.log.members[account.id] != nil { try write(.leave, into: &roster, roster: state) }
    }
}
