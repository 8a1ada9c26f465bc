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

    /// Migration 006: each feature event also carries a vault tag of its room and family (`meeting.`, `ledger.`, …),
    /// so a command reading one family opens only those rows: `agenda` no longer opens the 5,000 events of the
    /// ledger room to find its meetings. Like the room tag it says nothing without the vault key; it does group a
    /// room's rows by family. Rows stored before it have no such tag: they are read with every family, and tagged
    /// the first time a family is read.
    static let featureKindsMigration = Migration(name: "006-feature-kinds", sql: """
        ALTER TABLE feature_events ADD COLUMN kind BLOB;
        CREATE INDEX feature_events_by_kind ON feature_events(kind);
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
        try write("INSERT OR IGNORE INTO feature_events(room, ref, seq, sealed, kind) VALUES (?, ?, ?, ?, ?)",
                  [.blob(room), .blob(ref), event.seq.map { .id($0) } ?? .null, .blob(vault.seal(w.bytes, "feature/\(event.room)")),
                   .blob(kindTag(event.room, family: Self.family(of: event.event.type) ?? ""))])
        return database.changes > 0
    }

    /// The family of an event type or type prefix: the part up to and with its first dot ("meeting." of
    /// "meeting.created"), or nil without a dot.
    static func family(of type: String) -> String? {
        guard let dot = type.firstIndex(of: ".") else { return nil }
        return String(type[...dot])
    }

    private func kindTag(_ room: UInt64, family: String) -> [UInt8] {
        vault.tag("features/" + family, room)
    }

    /// Whether the room event at `seq` was opened here as a feature event (its key is used: it cannot be opened twice).
    func holdsFeatureEvent(_ room: UInt64, seq: UInt64) -> Bool {
        ((try? readOne("SELECT 1 FROM feature_events WHERE room = ? AND seq = ?", [.blob(vault.tag("features", room)), .id(seq)]) { _ in true }) ?? nil) ?? false
    }

    /// Every feature event of `room` whose type starts with `prefix`, in the order this device got them.
    public func featureEvents(_ room: UInt64, prefix: String = "") -> [FeatureEvent] {
        let roomTag = SQLValue.blob(vault.tag("features", room))
        let rows: [(id: Int64, sealed: [UInt8], untagged: Bool)]
        if let family = Self.family(of: prefix) {
            rows = (try? readAll("SELECT id, sealed, kind IS NULL FROM feature_events WHERE kind = ? OR (kind IS NULL AND room = ?) ORDER BY id",
                                 [.blob(kindTag(room, family: family)), roomTag]) { ($0.int64(0), $0.blob(1), $0.int64(2) != 0) }) ?? []
        } else {
            rows = (try? readAll("SELECT id, sealed, kind IS NULL FROM feature_events WHERE room = ? ORDER BY id",
                                 [roomTag]) { ($0.int64(0), $0.blob(1), $0.int64(2) != 0) }) ?? []
        }
        var untagged: [(id: Int64, type: String)] = []
        let events = rows.compactMap { row -> FeatureEvent? in
            guard let event = openFeatureEvent(row.sealed, room: room) else { return nil }
            if row.untagged { untagged.append((row.id, event.event.type)) }
            return event.event.type.hasPrefix(prefix) ? event : nil
        }
        if !untagged.isEmpty {
            // Rows from before migration 006 get their family tag now, once; a failure only means they are read again.
            try? inOneTransaction {
                for row in untagged {
                    try database.run("UPDATE feature_events SET kind = ? WHERE id = ?",
                                     [.blob(kindTag(room, family: Self.family(of: row.type) ?? "")), .integer(row.id)])
                }
            }
        }
        return events
    }

    private func openFeatureEvent(_ sealed: [UInt8], room: UInt64) -> FeatureEvent? {
        guard let plain = try? vault.open(sealed, "feature/\(room)") else { return nil }
        var r = WireReader(plain)
        do throws(WireError) {
            let sender = try r.u64(), handle = try r.string(), time = try r.i64()
            let seq = try r.optional { r throws(WireError) in try r.u64() }
            let bytes = try r.data(limit: E2ELimits.maxMessageLength + 4096)
            guard let event = try? PayloadEvent(serialized: bytes) else { return nil }
            return FeatureEvent(room: room, sender: sender, senderHandle: handle, time: time, seq: seq, event: event)
        } catch {
            return nil
        }
    }
}
