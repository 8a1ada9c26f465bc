import KlankbordE2E
import KlankbordProtocol
import KlankbordStorage

extension Profile {
    /// Migration 003: the tables that named rooms, senders, recipients, epochs and times in plain columns are
    /// renamed to `legacy_*` and replaced by tables keyed by vault tags, with everything else sealed.
    ///
    /// The tags need the vault key, which a migration does not have (a passphrase profile is migrated before it
    /// is unlocked), so the rows are moved over by `moveLegacyRows()` at the first unlock. Until then the old
    /// rows stay where they were, as readable as before; nothing new is written next to them.
    static let sealedGraphMigration = Migration(name: "003-sealed-graph", sql: """
        ALTER TABLE rooms RENAME TO legacy_rooms;
        ALTER TABLE messages RENAME TO legacy_messages;
        ALTER TABLE pending RENAME TO legacy_pending;
        ALTER TABLE my_chains RENAME TO legacy_my_chains;
        ALTER TABLE receivers RENAME TO legacy_receivers;
        CREATE TABLE rooms(tag BLOB PRIMARY KEY, sealed BLOB NOT NULL) WITHOUT ROWID;
        CREATE TABLE messages(room BLOB NOT NULL, seq INTEGER NOT NULL, sealed BLOB NOT NULL, PRIMARY KEY(room, seq)) WITHOUT ROWID;
        CREATE TABLE pending(room BLOB NOT NULL, seq INTEGER NOT NULL, sealed BLOB NOT NULL, PRIMARY KEY(room, seq)) WITHOUT ROWID;
        CREATE TABLE my_chains(room BLOB PRIMARY KEY, sealed BLOB NOT NULL) WITHOUT ROWID;
        CREATE TABLE receivers(tag BLOB PRIMARY KEY, room BLOB NOT NULL, sealed BLOB NOT NULL) WITHOUT ROWID;
        CREATE INDEX receivers_by_room ON receivers(room);
        """)

    /// The legacy tables, in the order they are moved and dropped.
    private static let legacyTables = ["legacy_rooms", "legacy_messages", "legacy_pending", "legacy_my_chains", "legacy_receivers"]

    /// Moves the rows of the `legacy_*` tables into the sealed tables and drops the legacy tables, in one
    /// transaction; with `secure_delete` on, the dropped pages are overwritten. A row whose sealed part no longer
    /// opens is dropped: it could not be read before either.
    func moveLegacyRows() throws(Failure) {
        let present = (try? readAll("SELECT name FROM sqlite_schema WHERE type = 'table' AND name LIKE 'legacy_%'", []) { $0.text(0) }) ?? []
        guard !present.isEmpty else { return }
        do {
            try database.transaction {
                if present.contains("legacy_rooms") { try moveLegacyRooms() }
                if present.contains("legacy_messages") { try moveLegacyMessages() }
                if present.contains("legacy_pending") { try moveLegacyPending() }
                if present.contains("legacy_my_chains") { try moveLegacyChains() }
                if present.contains("legacy_receivers") { try moveLegacyReceivers() }
                for table in Profile.legacyTables where present.contains(table) { try database.execute("DROP TABLE \(table)") }
            }
        } catch {
            throw .unusable
        }
    }

    private func moveLegacyRooms() throws(Failure) {
        let rows = try readAll("SELECT id, kind, name, read_seq FROM legacy_rooms", []) { (UInt64($0.int64(0)), $0.int64(1), $0.blob(2), UInt64($0.int64(3))) }
        for (id, kind, sealedName, readSeq) in rows {
            guard let kind = RoomKind(rawValue: UInt8(truncatingIfNeeded: kind)), let name = try? vault.open(sealedName, "room/\(id)") else { continue }
            try saveRoom(KeptRoom(id: id, kind: kind, name: String(decoding: name, as: UTF8.self), readSeq: readSeq))
        }
    }

    private func moveLegacyMessages() throws(Failure) {
        let rows = try readAll("SELECT room, seq, time, sealed FROM legacy_messages", []) { (UInt64($0.int64(0)), UInt64($0.int64(1)), $0.int64(2), $0.blob(3)) }
        for (room, seq, time, sealed) in rows {
            guard let plain = try? vault.open(sealed, "message/\(room)/\(seq)") else { continue }
            var r = WireReader(plain)
            guard let sender = try? r.string(), let body = try? r.data() else { continue }
            try store(StoredMessage(room: room, seq: seq, sender: sender, time: time, body: MessageBody(decoding: body)))
        }
    }

    private func moveLegacyPending() throws(Failure) {
        let rows = try readAll("SELECT room, seq, sender, time, sealed FROM legacy_pending", []) {
            (UInt64($0.int64(0)), UInt64($0.int64(1)), UInt64($0.int64(2)), $0.int64(3), $0.blob(4))
        }
        for (room, seq, sender, time, sealed) in rows {
            guard let plain = try? vault.open(sealed, "pending/\(room)/\(seq)") else { continue }
            var r = WireReader(plain)
            guard let handle = try? r.string(), let payload = try? r.data() else { continue }
            try keepPending(EventRecord(room: room, seq: seq, senderID: sender, senderHandle: handle, time: time, payload: payload))
        }
    }

    private func moveLegacyChains() throws(Failure) {
        let rows = try readAll("SELECT room, sealed, sent_to FROM legacy_my_chains", []) { (UInt64($0.int64(0)), $0.blob(1), $0.blob(2)) }
        for (room, sealed, sentToBytes) in rows {
            guard let bytes = try? vault.open(sealed, "chain/\(room)"), let chain = try? SenderKeyChain(serialized: bytes) else { continue }
            var r = WireReader(sentToBytes)
            let sentTo = (try? r.list { r throws(WireError) in try r.u64() }) ?? []
            try saveChain(chain, sentTo: Set(sentTo), room: room)
        }
    }

    private func moveLegacyReceivers() throws(Failure) {
        let rows = try readAll("SELECT sender, sealed, room, epoch FROM legacy_receivers", []) { (UInt64($0.int64(0)), $0.blob(1), UInt64($0.int64(2)), UInt32(truncatingIfNeeded: $0.int64(3))) }
        for (sender, sealed, room, epoch) in rows {
            guard let bytes = try? vault.open(sealed, "receiver/\(room)/\(sender)/\(epoch)"), let receiver = try? SenderKeyReceiver(serialized: bytes) else { continue }
            try saveReceiver(receiver, sender: sender)
        }
    }
}
