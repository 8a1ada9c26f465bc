/// What a client checks about the server on every connection (docs/PROTOCOL.md, `serverInfo`).
///
/// Layout: `fixed(16) generation · fixed(32) server_key · list<RoomCursor> restored`.
public struct ServerInfo: Sendable, Equatable {
    /// Random bytes made with the database and replaced by every `klankbordd restore`: a client that sees
    /// other bytes than last time knows the server went back to a backup and may give out sequence numbers again.
    public var generation: [UInt8]
    /// The server's static public key that new invite codes carry. After `klankbordd rotate-key` it differs from
    /// an older key a client may still connect with; that client pins this one (the channel proved the old one).
    public var serverKey: [UInt8]
    /// For each of the caller's rooms, the room's last sequence number when the last restore put the database back
    /// (0 for a room made since, or when there was no restore): a client that had read further re-reads from here.
    public var restored: [RoomCursor]

    /// Length of the generation.
    public static let generationLength = 16
    /// Length of the server key (X25519).
    public static let keyLength = 32

    public init(generation: [UInt8], serverKey: [UInt8], restored: [RoomCursor]) {
        self.generation = generation
        self.serverKey = serverKey
        self.restored = restored
    }

    func encode(into w: inout WireWriter) {
        w.fixed(generation)
        w.fixed(serverKey)
        w.list(restored) { w, cursor in
            w.u64(cursor.room)
            w.u64(cursor.lastSeq)
        }
    }

    init(from r: inout WireReader) throws(WireError) {
        generation = try r.fixed(ServerInfo.generationLength)
        serverKey = try r.fixed(ServerInfo.keyLength)
        restored = try r.list { r throws(WireError) in RoomCursor(room: try r.u64(), lastSeq: try r.u64()) }
    }
}
