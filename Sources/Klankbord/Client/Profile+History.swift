/// A message as kept in the local history.
public struct StoredMessage: Sendable, Equatable {
    public var room: UInt64
    public var seq: UInt64
    public var sender: String
    public var time: Int64
    public var body: MessageBody
}

extension Profile {
    /// Where this device has read up to in `room`.
    public func readSeq(_ room: UInt64) -> UInt64 {
        (try? database.queryOne("SELECT read_seq FROM rooms WHERE id = ?", [.id(room)]) { UInt64($0.int64(0)) }) ?? 0
    }

    public func setReadSeq(_ room: UInt64, _ seq: UInt64) throws(Failure) {
        do {
            try database.run("UPDATE rooms SET read_seq = max(read_seq, ?) WHERE id = ?", [.id(seq), .id(room)])
        } catch {
            throw .unusable
        }
    }

    /// Brings the local room list in line with the server's (rooms left or removed disappear, history too).
    public func remember(_ rooms: [RoomSummary]) throws(Failure) {
        do {
            try database.transaction {
                for room in rooms {
                    try database.run("INSERT INTO rooms(id, kind, name) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name",
                                     [.id(room.id), .integer(Int64(room.kind.rawValue)), .text(room.name)])
                }
                let keep = Set(rooms.map(\.id))
                let known = try database.query("SELECT id FROM rooms") { UInt64($0.int64(0)) }
                for id in known where !keep.contains(id) {
                    try database.run("DELETE FROM messages WHERE room = ?", [.id(id)])
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
        do {
            try database.run("INSERT OR IGNORE INTO messages(room, seq, sender, time, body) VALUES (?, ?, ?, ?, ?)",
                             [.id(message.room), .id(message.seq), .text(message.sender), .integer(message.time), .blob(message.body.encoded())])
            return database.changes > 0
        } catch {
            throw .unusable
        }
    }

    /// The last `limit` messages of `room`, oldest first.
    public func history(_ room: UInt64, limit: Int) -> [StoredMessage] {
        let rows = (try? database.query("SELECT seq, sender, time, body FROM messages WHERE room = ? ORDER BY seq DESC LIMIT ?", [.id(room), .integer(Int64(limit))]) { row in
            StoredMessage(room: room, seq: UInt64(row.int64(0)), sender: row.text(1), time: row.int64(2), body: MessageBody(decoding: row.blob(3)))
        }) ?? []
        return rows.reversed()
    }
}
