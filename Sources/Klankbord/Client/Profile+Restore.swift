import KlankbordCrypto
import KlankbordProtocol

extension Profile {
    /// Takes what the server said about itself on this connection. Returns true when the server went back to a
    /// backup since this device last asked (another restore generation): then, in every room, the read cursor goes
    /// back to where the restore cut the room, and the copies of messages numbered after that cut are forgotten,
    /// because the restored server gives those numbers to new messages (docs/PROTOCOL.md, `serverInfo`).
    /// The first answer a device sees is only remembered.
    public func adopt(_ info: ServerInfo) throws(Failure) -> Bool {
        let known = try secret(Profile.generationSecret)
        guard known != info.generation else { return false }
        guard known != nil else {
            try setSecret(Profile.generationSecret, info.generation)
            return false
        }
        let cuts = Dictionary(info.restored.map { ($0.room, $0.lastSeq) }, uniquingKeysWith: min)
        do {
            try database.transaction {
                for var room in keptRooms() {
                    // A room the restored server does not list for this account was made or joined after the backup.
                    let cut = cuts[room.id] ?? 0
                    for table in ["messages", "pending"] {
                        try write("DELETE FROM \(table) WHERE room = ? AND seq > ?", [.blob(vault.tag(table, room.id)), .id(cut)])
                    }
                    if room.readSeq > cut {
                        room.readSeq = cut
                        try saveRoom(room)
                    }
                }
                // The held cursors go back too, or catching up would never fetch the events (the ledger's steps
                // among them) that now reuse the numbers they passed.
                for room in Set(keptRooms().map(\.id)).union(cuts.keys) where heldSeq(room) > cuts[room] ?? 0 {
                    try writeHeldSeq(room, cuts[room] ?? 0)
                }
                // Last, in the same transaction: a device stopped halfway goes back again on its next connection.
                try setSecret(Profile.generationSecret, info.generation)
            }
        } catch {
            throw .unusable
        }
        return true
    }

    /// The sealed secret holding the restore generation this device last saw.
    static let generationSecret = "server_generation"
}

extension Profile {
    /// Pins `key`, the server key new invites carry, when it differs from the pinned one. The caller learned it over
    /// a connection that proved the pinned key (Noise IK), so only the holder of that key can move a device on:
    /// this is how devices follow `klankbordd rotate-key` without a new invite (docs/SECURITY.md, "Server key change").
    /// A key of the wrong length or of small order is ignored.
    public func adoptServerKey(_ key: [UInt8]) throws(Failure) {
        guard var account, key != account.serverKey.bytes, let fresh = try? X25519.PublicKey(key), fresh.isUsable() else { return }
        account.serverKey = fresh
        try save(account)
    }
}
