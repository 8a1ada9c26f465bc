import KlankbordE2E
import KlankbordProtocol

extension Profile {
    /// This device's sender chain for `room`, with the accounts that already have its key.
    ///
    /// The row is found by the room's tag; the chain (with its epoch) and the accounts it went to are sealed together.
    func myChain(_ room: UInt64) throws(Failure) -> (chain: SenderKeyChain, sentTo: Set<UInt64>)? {
        guard let sealed = try readOne("SELECT sealed FROM my_chains WHERE room = ?", [.blob(vault.tag("my_chains", room))], { $0.blob(0) }) else { return nil }
        var r = WireReader(try vault.open(sealed, "chain/\(room)"))
        guard let bytes = try? r.data(), let chain = try? SenderKeyChain(serialized: bytes),
              let sentTo = try? r.list({ r throws(WireError) in try r.u64() }) else { return nil }
        return (chain, Set(sentTo))
    }

    func saveChain(_ chain: SenderKeyChain, sentTo: Set<UInt64>, room: UInt64) throws(Failure) {
        var w = WireWriter()
        w.data(chain.serialized())
        w.list(sentTo.sorted()) { $0.u64($1) }
        try write("INSERT INTO my_chains(room, sealed) VALUES (?, ?) ON CONFLICT(room) DO UPDATE SET sealed = excluded.sealed",
                  [.blob(vault.tag("my_chains", room)), .blob(vault.seal(w.bytes, "chain/\(room)"))])
    }

    /// A sender's key for one epoch of a room. The row's tag covers room, sender and epoch; a second tag column
    /// (the room's, for this table only) lets a room that is left take its keys with it.
    func receiver(room: UInt64, sender: UInt64, epoch: UInt32) -> SenderKeyReceiver? {
        guard let sealed = try? readOne("SELECT sealed FROM receivers WHERE tag = ?", [.blob(Profile.receiverTag(vault, room: room, sender: sender, epoch: epoch))], { $0.blob(0) }),
              let bytes = try? vault.open(sealed, "receiver/\(room)/\(sender)/\(epoch)") else { return nil }
        return try? SenderKeyReceiver(serialized: bytes)
    }

    func saveReceiver(_ receiver: SenderKeyReceiver, sender: UInt64) throws(Failure) {
        let context = "receiver/\(receiver.roomID)/\(sender)/\(receiver.epoch)"
        try write("INSERT INTO receivers(tag, room, sealed) VALUES (?, ?, ?) ON CONFLICT(tag) DO UPDATE SET sealed = excluded.sealed",
                  [.blob(Profile.receiverTag(vault, room: receiver.roomID, sender: sender, epoch: receiver.epoch)),
                   .blob(vault.tag("receivers", receiver.roomID)), .blob(vault.seal(receiver.serialized(), context))])
    }

    static func receiverTag(_ vault: Vault, room: UInt64, sender: UInt64, epoch: UInt32) -> [UInt8] {
        vault.tag("receiver/\(room)/\(sender)", UInt64(epoch))
    }

    /// Keeps an event whose key has not arrived yet, to open it later. Sender and time are sealed with the payload.
    func keepPending(_ event: EventRecord) throws(Failure) {
        var w = WireWriter()
        w.u64(event.senderID)
        w.string(event.senderHandle)
        w.i64(event.time)
        w.data(event.payload)
        try write("INSERT OR IGNORE INTO pending(room, seq, sealed) VALUES (?, ?, ?)",
                  [.blob(vault.tag("pending", event.room)), .id(event.seq), .blob(vault.seal(w.bytes, "pending/\(event.room)/\(event.seq)"))])
    }

    func pendingEvents(_ room: UInt64) -> [EventRecord] {
        let rows = (try? readAll("SELECT seq, sealed FROM pending WHERE room = ? ORDER BY seq", [.blob(vault.tag("pending", room))]) {
            (UInt64($0.int64(0)), $0.blob(1))
        }) ?? []
        return rows.compactMap { seq, sealed in
            guard let plain = try? vault.open(sealed, "pending/\(room)/\(seq)") else { return nil }
            var r = WireReader(plain)
            guard let sender = try? r.u64(), let handle = try? r.string(), let time = try? r.i64(), let payload = try? r.data() else { return nil }
            return EventRecord(room: room, seq: seq, senderID: sender, senderHandle: handle, time: time, payload: payload)
        }
    }

    func dropPending(_ room: UInt64, _ seq: UInt64) throws(Failure) {
        try write("DELETE FROM pending WHERE room = ? AND seq = ?", [.blob(vault.tag("pending", room)), .id(seq)])
    }
}
