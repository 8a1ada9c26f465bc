extension Profile {
    /// This device's sender chain for `room`, with the accounts that already have its key.
    func myChain(_ room: UInt64) throws(Failure) -> (chain: SenderKeyChain, sentTo: Set<UInt64>)? {
        guard let row = try readOne("SELECT sealed, sent_to FROM my_chains WHERE room = ?", [.id(room)], { ($0.blob(0), $0.blob(1)) }),
              let chain = try? SenderKeyChain(serialized: try vault.open(row.0, "chain/\(room)")) else { return nil }
        var r = WireReader(row.1)
        let sentTo = (try? r.list { r throws(WireError) in try r.u64() }) ?? []
        return (chain, Set(sentTo))
    }

    func saveChain(_ chain: SenderKeyChain, sentTo: Set<UInt64>, room: UInt64) throws(Failure) {
        var w = WireWriter()
        w.list(sentTo.sorted()) { $0.u64($1) }
        try write("INSERT INTO my_chains(room, epoch, sealed, sent_to) VALUES (?, ?, ?, ?) ON CONFLICT(room) DO UPDATE SET epoch = excluded.epoch, sealed = excluded.sealed, sent_to = excluded.sent_to",
                  [.id(room), .integer(Int64(chain.epoch)), .blob(vault.seal(chain.serialized(), "chain/\(room)")), .blob(w.bytes)])
    }

    func receiver(room: UInt64, sender: UInt64, epoch: UInt32) -> SenderKeyReceiver? {
        guard let sealed = try? readOne("SELECT sealed FROM receivers WHERE room = ? AND sender = ? AND epoch = ?", [.id(room), .id(sender), .integer(Int64(epoch))], { $0.blob(0) }),
              let bytes = try? vault.open(sealed, "receiver/\(room)/\(sender)/\(epoch)") else { return nil }
        return try? SenderKeyReceiver(serialized: bytes)
    }

    func saveReceiver(_ receiver: SenderKeyReceiver, sender: UInt64) throws(Failure) {
        let context = "receiver/\(receiver.roomID)/\(sender)/\(receiver.epoch)"
        try write("INSERT INTO receivers(room, sender, epoch, sealed) VALUES (?, ?, ?, ?) ON CONFLICT(room, sender, epoch) DO UPDATE SET sealed = excluded.sealed",
                  [.id(receiver.roomID), .id(sender), .integer(Int64(receiver.epoch)), .blob(vault.seal(receiver.serialized(), context))])
    }

    /// Keeps an event whose key has not arrived yet, to open it later.
    func keepPending(_ event: EventRecord) throws(Failure) {
        var w = WireWriter()
        w.string(event.senderHandle)
        w.data(event.payload)
        try write("INSERT OR IGNORE INTO pending(room, seq, sender, time, sealed) VALUES (?, ?, ?, ?, ?)",
                  [.id(event.room), .id(event.seq), .id(event.senderID), .integer(event.time), .blob(vault.seal(w.bytes, "pending/\(event.room)/\(event.seq)"))])
    }

    func pendingEvents(_ room: UInt64) -> [EventRecord] {
        let rows = (try? readAll("SELECT seq, sender, time, sealed FROM pending WHERE room = ? ORDER BY seq", [.id(room)]) {
            (UInt64($0.int64(0)), UInt64($0.int64(1)), $0.int64(2), $0.blob(3))
        }) ?? []
        return rows.compactMap { seq, sender, time, sealed in
            guard let plain = try? vault.open(sealed, "pending/\(room)/\(seq)") else { return nil }
            var r = WireReader(plain)
            guard let handle = try? r.string(), let payload = try? r.data() else { return nil }
            return EventRecord(room: room, seq: seq, senderID: sender, senderHandle: handle, time: time, payload: payload)
        }
    }

    func dropPending(_ room: UInt64, _ seq: UInt64) throws(Failure) {
        try write("DELETE FROM pending WHERE room = ? AND seq = ?", [.id(room), .id(seq)])
    }
}
