import KlankbordProtocol

extension Relay {
    /// Most items one `inboxPutMany` may carry.
    static let maxInboxBatch = 1000

    /// Whether `me` may address `other`: themselves, or someone they share a room with.
    func sharesRoom(_ me: UInt64, _ other: UInt64) throws -> Bool {
        try other == me || (database.queryOne(
            "SELECT 1 FROM members a JOIN members b ON a.room_id = b.room_id WHERE a.account_id = ? AND b.account_id = ? LIMIT 1",
            [.id(me), .id(other)]) { _ in true } ?? false)
    }

    /// Leaves each payload in its recipient's inbox; only someone who shares a room with a recipient may.
    /// `inboxPut` (`single`) is refused as a whole when its item is; `inboxPutMany` delivers item by item and
    /// answers a status per item, so one member who fills their own inbox only delays their own delivery.
    func putInbox(_ items: [InboxDelivery], by me: AccountRecord, single: Bool = false) throws -> Outcome {
        guard items.count <= Relay.maxInboxBatch else { throw ErrorCode.tooLarge }
        guard items.allSatisfy({ $0.payload.count <= config.maxEventBytes }) else { throw ErrorCode.tooLarge }
        var outcome = Outcome(response: .done)
        var statuses: [DeliveryStatus] = []
        let time = clock()
        for item in items {
            let status = try deliveryStatus(of: item.recipient, from: me)
            statuses.append(status)
            guard status == .delivered else {
                if single { throw status == .limitReached ? ErrorCode.limitReached : ErrorCode.handleUnknown }
                continue
            }
            try database.run("INSERT INTO inbox(account_id, sender_id, time, payload) VALUES (?, ?, ?, ?)",
                             [.id(item.recipient), .id(me.id), .integer(time), .blob(item.payload)])
            let stored = InboxItem(id: UInt64(database.lastInsertRowID), senderID: me.id, senderHandle: me.handle, time: time, payload: item.payload)
            outcome.pushes.append(([item.recipient], .inboxItem(stored), nil))
        }
        if !single { outcome.response = .deliveries(statuses) }
        return outcome
    }

    /// Whether an item for `recipient` may be stored now.
    private func deliveryStatus(of recipient: UInt64, from me: AccountRecord) throws -> DeliveryStatus {
        guard try sharesRoom(me.id, recipient) else { return .handleUnknown }
        let queued = try database.queryOne("SELECT count(*) FROM inbox WHERE account_id = ?", [.id(recipient)]) { $0.int(0) } ?? 0
        return queued < config.maxInboxPerDevice ? .delivered : .limitReached
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
