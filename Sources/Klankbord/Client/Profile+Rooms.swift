import KlankbordProtocol

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

/// One row of `rooms` once opened: everything about a room is inside the sealed blob, the row is found by a tag.
struct KeptRoom: Equatable {
    var id: UInt64
    var kind: RoomKind
    var name: String
    /// Where this device has read up to (the server's per-room sequence number).
    var readSeq: UInt64
    /// How many entries of the room's signed log were already shown as join, leave and removal lines.
    var logShown: UInt32 = 0

    func sealedBytes() -> [UInt8] {
        var w = WireWriter()
        w.u64(id)
        w.u8(kind.rawValue)
        w.string(name)
        w.u64(readSeq)
        // Added after the first layout: rows written before it end here and read as 0.
        w.u32(logShown)
        return w.bytes
    }

    init(id: UInt64, kind: RoomKind, name: String, readSeq: UInt64) {
        self.id = id
        self.kind = kind
        self.name = name
        self.readSeq = readSeq
    }

    init?(opening bytes: [UInt8]) {
        var r = WireReader(bytes)
        guard let id = try? r.u64(), let kind = (try? r.u8()).flatMap(RoomKind.init(rawValue:)),
              let name = try? r.string(), let readSeq = try? r.u64() else { return nil }
        self.init(id: id, kind: kind, name: name, readSeq: readSeq)
        logShown = (try? r.u32()) ?? 0
    }
}

extension Profile {
    /// The tables that hold rows of one room, each keyed by its own tag label so their rows do not link to each other.
    static let roomTables = ["messages", "pending", "my_chains", "receivers"]

    /// Where this device has read up to in `room`.
    public func readSeq(_ room: UInt64) -> UInt64 {
        keptRoom(room)?.readSeq ?? 0
    }

    /// Moves the read cursor of `room` forward to `seq`; it never moves back (an older answer arriving late changes nothing).
    public func setReadSeq(_ room: UInt64, _ seq: UInt64) throws(Failure) {
        guard var kept = keptRoom(room), seq > kept.readSeq else { return }
        kept.readSeq = seq
        try saveRoom(kept)
    }

    /// How many entries of `room`'s signed log were already shown.
    public func logShown(_ room: UInt64) -> UInt32 {
        keptRoom(room)?.logShown ?? 0
    }

    /// Records that the first `count` entries of `room`'s log were shown.
    public func setLogShown(_ room: UInt64, _ count: UInt32) throws(Failure) {
        guard var kept = keptRoom(room), count > kept.logShown else { return }
        kept.logShown = count
        try saveRoom(kept)
    }

    /// Brings the local room list in line with the server's (rooms left or removed disappear, with their history and keys).
    public func remember(_ rooms: [RoomSummary]) throws(Failure) {
        do {
            try database.transaction {
                let known = keptRooms()
                for room in rooms {
                    let old = known.first { $0.id == room.id }
                    var fresh = KeptRoom(id: room.id, kind: room.kind, name: room.name, readSeq: old?.readSeq ?? 0)
                    fresh.logShown = old?.logShown ?? 0
                    if fresh != old { try saveRoom(fresh) }
                }
                let keep = Set(rooms.map(\.id))
                for room in known where !keep.contains(room.id) { try forgetRoom(room.id) }
            }
        } catch {
            throw .unusable
        }
    }

    /// Keeps `message` in the history; returns false when it was there already (seen before, or sent from here).
    ///
    /// The row holds only the room's tag and the per-room sequence number; sender, time and body are sealed.
    @discardableResult
    public func store(_ message: StoredMessage) throws(Failure) -> Bool {
        var w = WireWriter()
        w.string(message.sender)
        w.i64(message.time)
        w.data(message.body.encoded())
        try write("INSERT OR IGNORE INTO messages(room, seq, sealed) VALUES (?, ?, ?)",
                  [.blob(vault.tag("messages", message.room)), .id(message.seq), .blob(vault.seal(w.bytes, "message/\(message.room)/\(message.seq)"))])
        return database.changes > 0
    }

    /// The last `limit` messages of `room`, oldest first.
    public func history(_ room: UInt64, limit: Int) -> [StoredMessage] {
        let rows = (try? readAll("SELECT seq, sealed FROM messages WHERE room = ? ORDER BY seq DESC LIMIT ?",
                                 [.blob(vault.tag("messages", room)), .integer(Int64(limit))]) { (UInt64($0.int64(0)), $0.blob(1)) }) ?? []
        return rows.reversed().compactMap { seq, sealed in
            guard let plain = try? vault.open(sealed, "message/\(room)/\(seq)") else { return nil }
            var r = WireReader(plain)
            guard let sender = try? r.string(), let time = try? r.i64(), let body = try? r.data() else { return nil }
            return StoredMessage(room: room, seq: seq, sender: sender, time: time, body: MessageBody(decoding: body))
        }
    }

    /// How many of the messages after `seq` in `room` this device's person sent (`sender`): they are not new to them.
    public func ownMessageCount(_ room: UInt64, after seq: UInt64, sender: String) -> Int {
        let rows = (try? readAll("SELECT seq, sealed FROM messages WHERE room = ? AND seq > ?",
                                 [.blob(vault.tag("messages", room)), .id(seq)]) { (UInt64($0.int64(0)), $0.blob(1)) }) ?? []
        return rows.filter { seq, sealed in
            guard let plain = try? vault.open(sealed, "message/\(room)/\(seq)") else { return false }
            var r = WireReader(plain)
            return (try? r.string()) == sender
        }.count
    }

    /// The room kept under `room`'s tag, if this device knows it.
    func keptRoom(_ room: UInt64) -> KeptRoom? {
        let tag = vault.tag("rooms", room)
        guard let sealed = try? readOne("SELECT sealed FROM rooms WHERE tag = ?", [.blob(tag)], { $0.blob(0) }),
              let plain = try? vault.open(sealed, Profile.roomContext(tag)) else { return nil }
        return KeptRoom(opening: plain)
    }

    /// Every room this device knows (few: one row per group or thread), opened.
    func keptRooms() -> [KeptRoom] {
        let rows = (try? readAll("SELECT tag, sealed FROM rooms", []) { ($0.blob(0), $0.blob(1)) }) ?? []
        return rows.compactMap { tag, sealed in
            guard let plain = try? vault.open(sealed, Profile.roomContext(tag)), let room = KeptRoom(opening: plain),
                  vault.tag("rooms", room.id) == tag else { return nil }
            return room
        }
    }

    func saveRoom(_ room: KeptRoom) throws(Failure) {
        let tag = vault.tag("rooms", room.id)
        try write("INSERT INTO rooms(tag, sealed) VALUES (?, ?) ON CONFLICT(tag) DO UPDATE SET sealed = excluded.sealed",
                  [.blob(tag), .blob(vault.seal(room.sealedBytes(), Profile.roomContext(tag)))])
    }

    /// Deletes a room with its history, waiting events and keys (overwritten on disk: `secure_delete` is on).
    func forgetRoom(_ room: UInt64) throws(Failure) {
        for table in Profile.roomTables {
            try write("DELETE FROM \(table) WHERE room = ?", [.blob(vault.tag(table, room))])
        }
        try write("DELETE FROM rooms WHERE tag = ?", [.blob(vault.tag("rooms", room))])
    }

    /// The associated data of a room row: bound to its tag, since rows are listed without knowing their ids.
    static func roomContext(_ tag: [UInt8]) -> String {
        "room/" + tag.map { byte in String(byte, radix: 16).count == 1 ? "0" + String(byte, radix: 16) : String(byte, radix: 16) }.joined()
    }
}
