import KlankbordProtocol

extension Profile {
    /// How far this device holds every event of `room` from others: opened and kept (a message, a feature event),
    /// or waiting for its key. Catching up fetches only what comes after it (or after the read cursor, if that is
    /// further), so a room nobody read for a while, or a ledger of thousands of steps, is not fetched and looked up
    /// again by every `agenda`, `consult list` or ledger command. Sealed, under a vault tag of the room.
    public func heldSeq(_ room: UInt64) -> UInt64 {
        guard let sealed = setting(heldKey(room)), let plain = try? vault.open(sealed, Self.heldContext(room)) else { return 0 }
        var r = WireReader(plain)
        return (try? r.u64()) ?? 0
    }

    /// Moves the cursor forward (never back; only a server restore moves it back, `adopt(_:)`).
    public func setHeldSeq(_ room: UInt64, _ seq: UInt64) throws(Failure) {
        guard seq > heldSeq(room) else { return }
        try writeHeldSeq(room, seq)
    }

    func writeHeldSeq(_ room: UInt64, _ seq: UInt64) throws(Failure) {
        var w = WireWriter()
        w.u64(seq)
        try write("INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                  [.text(heldKey(room)), .blob(vault.seal(w.bytes, Self.heldContext(room)))])
    }

    private func heldKey(_ room: UInt64) -> String {
        "held." + vault.tag("held", room).map { byte in (byte < 16 ? "0" : "") + String(byte, radix: 16) }.joined()
    }

    private static func heldContext(_ room: UInt64) -> String { "held/\(room)" }
}
