import KlankbordTrust

/// What the ledger needs from a room's signed log and the roster, read with one sync of each.
public struct SignedRoomTrust: Sendable {
    /// The room's members who are facilitators now (roster role and identity), oldest first.
    public let facilitators: [LogMember]
    /// Every member of the room's signed log, oldest first.
    public let members: [LogMember]
    /// The roster, whose history says who has ever been a facilitator and with which identity.
    public let roster: Roster
}

extension Messenger {
    /// The room's facilitators and members from its signed log, and the roster, after one sync of each; identities
    /// pinned as `facilitators(of:)` pins them. Empty lists when this device holds no log of the room.
    public func signedTrust(of room: UInt64) throws -> SignedRoomTrust {
        let roster = try syncedRoster().roster()
        guard let log = try syncedRoom(room) else { return SignedRoomTrust(facilitators: [], members: [], roster: roster) }
        let membership = log.membership(roster: roster)
        try pinIdentities(from: membership.log)
        return SignedRoomTrust(facilitators: membership.facilitators(roster: roster),
                               members: membership.log.members.values.sorted { $0.since < $1.since }, roster: roster)
    }
}
