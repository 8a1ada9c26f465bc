/// A message as kept in the local history.
public struct StoredMessage: Sendable, Equatable {
    public var room: UInt64
    public var seq: UInt64
    public var sender: String
    public var time: Int64
    public var body: MessageBody

    public init(room: UInt64, seq: UInt64, sender: String, time: Int64, body: MessageBody) {
        self.room = room
        self.seq = seq
        self.sender = sender
        self.time = time
        self.body = body
    }
}

extension Profile {
    /// Where this device has read up to in `room`.
    public func readSeq(_ room: UInt64) -> UInt64 {
        ((try? readOne("SELECT read_seq FROM rooms WHERE id = ?", [.id(room)]) { UInt64($0.int64(0)) }) ?? nil) ?? 0
    }

    public func setReadSeq(_ room: UInt64, _ seq: UInt64) throws(Failure) {
        try write("UPDATE rooms SET read_seq = max(read_seq, ?) WHERE id = ?", [.id(seq), .id(room)])
    }

    /// Brings the local room list in line with the server's (rooms left or removed disappear, with their history and keys).
    public func remember(_ rooms: [RoomSummary]) throws(Failure) {
        do {
            try database.transaction {
                for room in rooms {
                    try database.run("INSERT INTO rooms(id, kind, name) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name",
                                     [.id(room.id), .integer(Int64(room.kind.rawValue)), .blob(vault.seal(Array(room.name.utf8), "room/\(room.id)"))])
                }
                let keep = Set(rooms.map(\.id))
                let known = try database.query("SELECT id FROM rooms") { UInt64($0.int64(0)) }
                for id in known where !keep.contains(id) {
                    for table in ["messages", "pending", "my_chains", "receivers"] {
                        try database.run("DELETE FROM \(table) WHERE room = ?", [.id(id)])
                    }
                    try database.run("DELETE FROM rooms WHERE id = ?", [.id(id)])
                }
            }
        } catch {
            throw .unusable
        }
    }

    /// Keeps `message` in the history; returns false when it was there already (seen before, or sent from here).
    @discardableResult
    public func store(_ message: StoredMessage) throws(Failure) -> Bool {
        var w = WireWriter()
        w.string(message.sender)
        w.data(message.body.encoded())
        try write("INSERT OR IGNORE INTO messages(room, seq, time, sealed) VALUES (?, ?, ?, ?)",
                  [.id(message.room), .id(message.seq), .integer(message.time), .blob(vault.seal(w.bytes, "message/\(message.room)/\(message.seq)"))])
        return database.changes > 0
    }

    /// The last `limit` messages of `room`, oldest first.
    public func history(_ room: UInt64, limit: Int) -> [StoredMessage] {
        let rows = (try? readAll("SELECT seq, time, sealed FROM messages WHERE room = ? ORDER BY seq DESC LIMIT ?", [.id(room), .integer(Int64(limit))]) {
            (UInt64($0.int64(0)), $0.int64(1), $0.blob(2))
        }) ?? []
        return rows.reversed().compactMap { seq, time, sealed in
            guard let plain = try? vault.open(sealed, "message/\(room)/\(seq)") else { return nil }
            var r = WireReader(plain)
            guard let sender = try? r.string(), let body = try? r.data() else { return nil }
            return StoredMessage(room: room, seq: seq, sender: sender, time: time, body: MessageBody(decoding: body))
        }
    }
}
