extension Relay {
    /// Leaves `payload` in `recipient`'s inbox; only someone who shares a room with them may.
    func putInbox(_ payload: [UInt8], for recipient: UInt64, by me: AccountRecord) throws -> Outcome {
        guard payload.count <= config.maxEventBytes else { throw ErrorCode.tooLarge }
        let shares = try recipient == me.id || (database.queryOne(
            "SELECT 1 FROM members a JOIN members b ON a.room_id = b.room_id WHERE a.account_id = ? AND b.account_id = ? LIMIT 1",
            [.id(me.id), .id(recipient)]) { _ in true } ?? false)
        guard shares else { throw ErrorCode.handleUnknown }
        let queued = try database.queryOne("SELECT count(*) FROM inbox WHERE account_id = ?", [.id(recipient)]) { $0.int(0) } ?? 0
        guard queued < config.maxInboxPerDevice else { throw ErrorCode.limitReached }
        let time = clock()
        try database.run("INSERT INTO inbox(account_id, sender_id, time, payload) VALUES (?, ?, ?, ?)", [.id(recipient), .id(me.id), .integer(time), .blob(payload)])
        let item = InboxItem(id: UInt64(database.lastInsertRowID), senderID: me.id, senderHandle: me.handle, time: time, payload: payload)
        var outcome = Outcome(response: .done)
        outcome.pushes.append(([recipient], .inboxItem(item), nil))
        return outcome
    }

    func fetchInbox(of me: AccountRecord, limit: UInt16) throws -> Outcome {
        let count = min(max(Int(limit), 1), Relay.maxFetch)
        var budget = Relay.responseByteBudget
        let rows = try database.query("""
            SELECT i.id, i.sender_id, a.handle, i.time, i.payload FROM inbox i JOIN accounts a ON a.id = i.sender_id
            WHERE i.account_id = ? ORDER BY i.id LIMIT ?
            """, [.id(me.id), .integer(Int64(count))]) { row in
            InboxItem(id: UInt64(row.int64(0)), senderID: UInt64(row.int64(1)), senderHandle: row.text(2), time: row.int64(3), payload: row.blob(4))
        }
        var items: [InboxItem] = []
        for item in rows {
            budget -= item.payload.count + item.senderHandle.utf8.count + 40
            if budget < 0 && !items.isEmpty { break }
            items.append(item)
        }
        return Outcome(response: .inboxItems(items))
    }

    func ackInbox(_ ids: [UInt64], of me: AccountRecord) throws -> Outcome {
        for id in ids {
            try database.run("DELETE FROM inbox WHERE id = ? AND account_id = ?", [.id(id), .id(me.id)])
        }
        return Outcome(response: .done)
    }
}
