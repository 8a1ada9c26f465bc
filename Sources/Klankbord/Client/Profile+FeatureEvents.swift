import KlankbordCrypto
import KlankbordE2E
import KlankbordProtocol
import KlankbordStorage

extension Profile {
    /// Migration 005: feature events (`FeatureEvent`), kept apart from the chat history. A row holds the room's
    /// vault tag, a keyed reference that makes a repeated delivery of the same event a no-op, the room's sequence
    /// number (as `messages` does; null for a private event), and the sealed rest.
    static let featureEventsMigration = Migration(name: "005-feature-events", sql: """
        CREATE TABLE feature_events(id INTEGER PRIMARY KEY, room BLOB NOT NULL, ref BLOB NOT NULL, seq INTEGER,
            sealed BLOB NOT NULL, UNIQUE(room, ref));
        CREATE INDEX feature_events_by_seq ON feature_events(room, seq);
        """)

    /// Keeps `event`; returns false when this device had it already (same sender, same event id).
    @discardableResult
    public func store(_ event: FeatureEvent) throws(Failure) -> Bool {
        let room = vault.tag("features", event.room)
        let ref = BLAKE2b.hash(vault.tag("feature-sender", event.sender) + event.event.id.bytes, length: 16)
        var w = WireWriter()
        w.u64(event.sender)
        w.string(event.senderHandle)
        w.i64(event.time)
        w.optional(event.seq) { $0.u64($1) }
        w.data(event.event.serialized())
        try write("INSERT OR IGNORE INTO feature_events(room, ref, seq, sealed) VALUES (?, ?, ?, ?)",
                  [.blob(room), .blob(ref), event.seq.map { .id($0) } ?? .null, .blob(vault.seal(w.bytes, "feature/\(event.room)"))])
        return database.changes > 0
    }

    /// Whether the room event at `seq` was opened here as a feature event (its key is used: it cannot be opened twice).
    func holdsFeatureEvent(_ room: UInt64, seq: UInt64) -> Bool {
        ((try? readOne("SELECT 1 FROM feature_events WHERE room = ? AND seq = ?", [.blob(vault.tag("features", room)), .id(seq)]) { _ in true }) ?? nil) ?? false
    }

    /// Every feature event of `room` whose type starts with `prefix`, in the order this device got them.
    public func featureEvents(_ room: UInt64, prefix: String = "") -> [FeatureEvent] {
        let rows = (try? readAll("SELECT sealed FROM feature_events WHERE room = ? ORDER BY id",
                                 [.blob(vault.tag("features", room))]) { $0.blob(0) }) ?? []
        return rows.compactMap { sealed in
            guard let plain = try? vault.open(sealed, "feature/\(room)") else { return nil }
            var r = WireReader(plain)
            do throws(WireError) {
                let sender = try r.u64(), handle = try r.string(), time = try r.i64()
                let seq = try r.optional { r throws(WireError) in try r.u64() }
                let bytes = try r.data(limit: E2ELimits.maxMessageLength + 4096)
                guard let event = try? PayloadEvent(serialized: bytes), event.type.hasPrefix(prefix) else { return nil }
                return FeatureEvent(room: room, sender: sender, senderHandle: handle, time: time, seq: seq, event: event)
            } catch {
                return nil
            }
        }
    }
}
