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

extension Messenger {
    /// `catchUp` for the ledger room, from the ledger cursor instead of the read cursor: fetches only the events after
    /// the last one this device already holds, opens them, and moves the cursor over every event now held (kept as a
    /// feature event or history line, own, or waiting for its key). An event held back for another reason (an identity
    /// to accept first) stops the cursor there, so it is fetched again next time. Events waiting for their key are
    /// tried again first. The read cursor does not move: `read` still shows chat lines as new.
    public func catchUpLedger(_ room: UInt64) throws {
        try processInbox()
        _ = try retryPending(room)
        let start = max(profile.readSeq(room), profile.ledgerCursor(room))
        let events = try connection.events(in: room, after: start)
        _ = try openOrRecall(events.filter { $0.senderID != account.id })
        let pending = Set(profile.pendingEvents(room).map(\.seq))
        var reached = start
        for event in events {
            let held = event.senderID == account.id || pending.contains(event.seq) || profile.holdsFeatureEvent(room, seq: event.seq)
                || profile.storedMessage(room, seq: event.seq) != nil
            guard held else { break }
            reached = event.seq
        }
        try profile.setLedgerCursor(room, reached)
    }
}
