import KlankbordProtocol
import KlankbordStorage

extension Relay {
    /// `serverInfo`: the restore generation, the key new invites carry, and where the last restore cut each of the
    /// caller's rooms (only rooms the caller is in: nobody learns of other rooms).
    func serverInfo(for me: AccountRecord) throws -> Outcome {
        let restored = try database.query("""
            SELECT rooms.id, rooms.restore_seq FROM members JOIN rooms ON rooms.id = members.room_id
            WHERE members.account_id = ? ORDER BY rooms.id
            """, [.id(me.id)]) { RoomCursor(room: UInt64($0.int64(0)), lastSeq: UInt64($0.int64(1))) }
        return Outcome(response: .serverInfo(ServerInfo(generation: generation, serverKey: inviteKey, restored: restored)))
    }
}
