import KlankbordProtocol

extension Relay {
    /// Most events one fetch returns, and the byte budget that keeps a response inside one Noise message.
    static let maxFetch = 500
    static let responseByteBudget = 60_000

    func send(_ payload: [UInt8], to room: UInt64, clientID: [UInt8], by me: AccountRecord, from connection: ConnectionID) throws -> Outcome {
        guard payload.count <= config.maxEventBytes else { throw ErrorCode.tooLarge }
        let members = try memberIDs(of: room)
        guard members.contains(me.id) else { throw ErrorCode.notAMember }
        if let earlier = try database.queryOne("SELECT seq, time FROM events WHERE room_id = ? AND sender_id = ? AND client_id = ?",
                                               [.id(room), .id(me.id), .blob(clientID)], { (UInt64($0.int64(0)), $0.int64(1)) }) {
            // A retry of a send that was stored before: answer as the first time, push nothing new.
            return Outcome(response: .sent(seq: earlier.0, time: earlier.1))
        }
        guard let (seq, kind, settings) = try database.queryOne("""
            UPDATE rooms SET last_seq = last_seq + 1 WHERE id = ? RETURNING last_seq, kind, slow_seconds, announce_only, disappear_seconds
            """, [.id(room)], {
            (UInt64($0.int64(0)), RoomKind(rawValue: UInt8(truncatingIfNeeded: $0.int64(1))),
             RoomSettings(slowSeconds: UInt32(clamping: $0.int64(2)), announceOnly: $0.int64(3) != 0, disappearSeconds: UInt32(clamping: $0.int64(4))))
        }) else {
            throw ErrorCode.notAMember
        }
        // A group room carries only sender-key messages and a one-to-one room only session messages: a session
        // message in a group would be opened as if it came from its sender alone. (The throw undoes the seq.)
        guard let expected = Relay.envelope(for: kind), payload.first == expected else { throw ErrorCode.malformed }
        let time = clock()
        try checkPostingRules(settings, in: room, by: me, at: time)
        try noteSent(settings, in: room, by: me.id, at: time)
        try database.run("INSERT INTO events(room_id, seq, sender_id, time, client_id, payload) VALUES (?, ?, ?, ?, ?, ?)",
                         [.id(room), .id(seq), .id(me.id), .integer(time), .blob(clientID), .blob(payload)])
        var outcome = Outcome(response: .sent(seq: seq, time: time))
        let record = EventRecord(room: room, seq: seq, senderID: me.id, senderHandle: me.handle, time: time, payload: payload)
        outcome.pushes.append((members, .event(record), connection))
        return outcome
    }

    /// The first payload byte every event in a room of `kind` must have.
    static func envelope(for kind: RoomKind?) -> UInt8? {
        switch kind {
        case .group: Envelope.senderKey.rawValue
        case .direct: Envelope.session.rawValue
        case nil: nil
        }
    }

    /// Events after `after` (never before the member joined), oldest first.
    func fetch(_ room: UInt64, after: UInt64, limit: UInt16, for me: AccountRecord) throws -> Outcome {
        guard let joined = try database.queryOne("SELECT joined_seq FROM members WHERE room_id = ? AND account_id = ?", [.id(room), .id(me.id)], { UInt64($0.int64(0)) }) else {
            throw ErrorCode.notAMember
        }
        let count = min(max(Int(limit), 1), Relay.maxFetch)
        var budget = Relay.responseByteBudget
        var more = false
        var events: [EventRecord] = []
        let rows = try database.query("""
            SELECT e.seq, e.sender_id, a.handle, e.time, e.payload FROM events e JOIN accounts a ON a.id = e.sender_id
            WHERE e.room_id = ? AND e.seq > ? ORDER BY e.seq LIMIT ?
            """, [.id(room), .id(max(after, joined)), .integer(Int64(count + 1))]) { row in
            EventRecord(room: room, seq: UInt64(row.int64(0)), senderID: UInt64(row.int64(1)), senderHandle: row.text(2), time: row.int64(3), payload: row.blob(4))
        }
        for event in rows {
            budget -= event.payload.count + event.senderHandle.utf8.count + 40
            if events.count == count || (budget < 0 && !events.isEmpty) {
                more = true
                break
            }
            events.append(event)
        }
        return Outcome(response: .events(events, more: more))
    }
}
