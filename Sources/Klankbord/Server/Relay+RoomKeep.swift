import KlankbordProtocol
import KlankbordStorage

extension Relay {
    /// A facilitator who is a member of a group room marks it to be kept past `retention_days` (or lifts that).
    /// Only this one bit reaches the server: not what the room is for. Threads are refused: what two people write to
    /// each other follows the server's retention. A disappearing timer still applies to a kept room.
    func setRoomKeep(_ keep: Bool, of room: UInt64, by me: AccountRecord) throws -> Outcome {
        guard me.role.managesRooms else {
            // Someone who manages no rooms learns no more than a member would: not a member, or not allowed.
            _ = try roomKind(room, memberID: me.id)
            throw ErrorCode.forbidden
        }
        guard try roomKind(room, memberID: me.id) == .group else { throw ErrorCode.forbidden }
        try database.run("UPDATE rooms SET keep_events = ? WHERE id = ?", [.integer(keep ? 1 : 0), .id(room)])
        return Outcome(response: .done)
    }
}
