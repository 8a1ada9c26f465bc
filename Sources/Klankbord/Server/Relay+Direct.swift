import KlankbordCrypto
import KlankbordProtocol

extension Relay {
    /// Opens the one-to-one thread with `handle`: allowed with a trusted person, or with someone you share a group with.
    /// (A trusted person answers in the thread a member opened; they cannot reach strangers first.)
    func openDirect(with handle: String, by me: AccountRecord) throws -> Outcome {
        guard me.role != .operator else { throw ErrorCode.forbidden }
        guard let peer = try database.queryOne("SELECT id, handle, role FROM accounts WHERE handle_key = ?", [.text(handle.lowercased())], Relay.accountRow),
              peer.role != .operator else { throw ErrorCode.handleUnknown }
        guard peer.id != me.id else { throw ErrorCode.directNotAllowed }
        let sharesGroup = try database.queryOne("""
            SELECT 1 FROM members a JOIN members b ON a.room_id = b.room_id JOIN rooms r ON r.id = a.room_id
            WHERE a.account_id = ? AND b.account_id = ? AND r.kind = ? LIMIT 1
            """, [.id(me.id), .id(peer.id), .integer(Int64(RoomKind.group.rawValue))]) { _ in true } ?? false
        // Someone you may not reach gets the same answer as someone who does not exist: no handle directory.
        guard sharesGroup || peer.role == .trusted else { throw ErrorCode.handleUnknown }
        return try directRoom(me, peer)
    }

    /// Opens a one-to-one thread with whoever made the contact code.
    func openDirect(withCode secret: [UInt8], by me: AccountRecord) throws -> Outcome {
        guard me.role != .operator else { throw ErrorCode.forbidden }
        let owner = try database.queryOne("SELECT a.id, a.handle, a.role FROM contact_codes c JOIN accounts a ON a.id = c.account_id WHERE c.secret_hash = ? AND c.expires_at > ?",
                                          [.blob(BLAKE2b.hash(secret, length: 32)), .integer(clock())], Relay.accountRow)
        guard let owner else { throw ErrorCode.contactCodeUnknown }
        guard owner.id != me.id else { throw ErrorCode.directNotAllowed }
        return try directRoom(me, owner)
    }

    /// Finds or creates the thread between two accounts and makes sure both are in it.
    private func directRoom(_ me: AccountRecord, _ peer: AccountRecord) throws -> Outcome {
        let pair = "\(min(me.id, peer.id)):\(max(me.id, peer.id))"
        var room = try database.queryOne("SELECT id FROM rooms WHERE direct_pair = ?", [.text(pair)]) { UInt64($0.int64(0)) }
        if room == nil {
            try database.run("INSERT INTO rooms(kind, name, direct_pair) VALUES (?, '', ?)", [.integer(Int64(RoomKind.direct.rawValue)), .text(pair)])
            room = UInt64(database.lastInsertRowID)
        }
        guard let room else { throw ErrorCode.unavailable }
        var outcome = Outcome(response: .room(id: room, name: peer.handle))
        let present = try memberIDs(of: room)
        for account in [me, peer] where !present.contains(account.id) {
            outcome.pushes.append(try join(room, account))
        }
        // The peer learns of the new thread from a push naming who opened it.
        if !present.contains(peer.id) {
            outcome.pushes.append(([peer.id], .membership(room: room, accountID: me.id, handle: me.handle, change: .joined), nil))
        }
        return outcome
    }
}
