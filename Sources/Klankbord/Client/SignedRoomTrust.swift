import KlankbordTrust

/// What a feature command needs from a room's signed log and the roster, read with one sync of each
/// (`Messenger.signedRoom(of:)`).
public struct SignedRoomTrust: Sendable {
    /// The room's members who are facilitators now (roster role and identity), oldest first.
    public let facilitators: [LogMember]
    /// Every member of the room's signed log, oldest first.
    public let members: [LogMember]
    /// The roster, whose history says who has ever been a facilitator and with which identity.
    public let roster: Roster
}
