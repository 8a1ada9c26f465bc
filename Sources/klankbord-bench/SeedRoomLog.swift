import Klankbord

/// The big room's signed log as the W6 seeding writes into it for many members in turn: one reduced state kept
/// across all of them, so a member's `join` or `leave` checks only the entries written since the last one instead of
/// the whole log again. Each entry is made and checked the way `HeldLog.write` makes it (signed on top of the head,
/// applied to the reduced state with the log's own rules, sealed with the room log key at its index) and appended
/// by the member's own connection, so the daemon checks it as it checks any member's write.
struct SeedRoomLog {
    let room: UInt64
    let key: RoomLogKey
    /// The roster the room's entries are checked against; joining a room as a member writes nothing into it.
    let roster: Roster
    private(set) var membership: RoomMembership
    /// The index of the next entry.
    private(set) var next: UInt32 = 0

    /// The log of `room` read from the start over `connection` (a member's, just joined through the invite whose
    /// welcome gave `key`).
    init(room: UInt64, key: RoomLogKey, over connection: ClientConnection) throws {
        var rosterLog = HeldLog(scope: LogEntry.rosterScope, key: nil)
        guard try rosterLog.sync(connection.logServer.fetch) else { throw BenchFailure(description: "the roster skipped an index") }
        self.room = room
        self.key = key
        roster = rosterLog.roster()
        membership = RoomMembership(room: room)
        try catchUp(over: connection)
    }

    /// Applies what others wrote since (the facilitator's `invite` entries), page by page.
    mutating func catchUp(over connection: ClientConnection) throws {
        while true {
            let page = try connection.logPage(scope: room, after: next)
            for record in page.records {
                guard record.index == next else { throw BenchFailure(description: "the big room's log skipped an index") }
                membership.apply(stored: record.entry, index: record.index, key: key, roster: roster)
                next += 1
            }
            try refuseWarnings(from: 0)
            if !page.more || page.records.isEmpty { return }
        }
    }

    /// Signs `body` as `author` on top of the head, checks it against the log's rules, and appends it over the
    /// author's `connection`.
    mutating func write(_ body: LogBody, author: UInt64, signer: Ed25519.SigningKey, time: Int64, over connection: ClientConnection) throws {
        let entry = LogEntry(scope: room, prev: membership.log.head, time: time, author: author, body: body, signer: signer)
        let warnings = membership.log.warnings.count
        membership.apply(entry.bytes, roster: roster)
        try refuseWarnings(from: warnings)
        try connection.appendLog(scope: room, index: next, entry: try key.seal(entry: entry.bytes, room: room, index: next))
        next += 1
    }

    /// The seeding writes only what every client accepts: any warning stops it.
    private func refuseWarnings(from count: Int) throws {
        guard membership.log.warnings.count > count, let warning = membership.log.warnings.last else { return }
        throw BenchFailure(description: "the big room's log refused an entry at \(warning.position): \(warning.refusal)")
    }
}
