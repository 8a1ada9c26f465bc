import FoundationEssentials
import KlankbordE2E
import KlankbordProtocol
import KlankbordTrust

/// Meetings, consultations and the ledger travel as feature events (`FeatureEvent`): to the whole room through its
/// sender key, or privately to a few members through their 1:1 sessions. Who counts as a facilitator comes from
/// the room's signed log and the roster, never from the server (docs/TRUST.md).
extension Messenger {
    /// Sends a feature event to everyone in `room` and keeps it with this device's feature events.
    @discardableResult
    public func send(event: PayloadEvent, to room: RoomSummary) throws -> UInt64 {
        let seq = try deliver(event.serialized(), to: room)
        try profile.store(FeatureEvent(room: room.id, sender: account.id, senderHandle: account.handle,
                                       time: Int64(Date().timeIntervalSince1970), seq: seq, event: event))
        return seq
    }

    /// Sends a feature event about `room` only to `recipients`, each through their 1:1 session into their inbox,
    /// and keeps it with this device's feature events. Returns the accounts whose inbox took it; a recipient whose
    /// identity changed gets nothing (and the person is told) until the change is accepted.
    @discardableResult
    public func sendPrivately(_ event: PayloadEvent, about room: UInt64, to recipients: [LogMember]) throws -> Set<UInt64> {
        let others = recipients.filter { $0.account != account.id }.map { MemberRecord(accountID: $0.account, handle: $0.handle, role: $0.role) }
        let delivered = others.isEmpty ? [] : try deliver(control: PrivateEventControl(room: room, event: event).serialized(), to: others)
        try profile.store(FeatureEvent(room: room, sender: account.id, senderHandle: account.handle,
                                       time: Int64(Date().timeIntervalSince1970), seq: nil, event: event))
        return delivered
    }

    /// The room's facilitators as its signed log and the roster name them, after a sync of both; their identities
    /// are pinned first, so whatever is sealed for them reaches exactly those identities. Empty when this device
    /// holds no signed log for the room: then nobody is trusted as a facilitator, whatever the server says.
    public func facilitators(of room: UInt64) throws -> [LogMember] {
        guard let (membership, roster) = try signedMembership(of: room) else { return [] }
        return membership.facilitators(roster: roster)
    }

    /// The room's members as its signed log names them (empty without a held log), identities pinned.
    public func signedMembers(of room: UInt64) throws -> [LogMember] {
        guard let (membership, _) = try signedMembership(of: room) else { return [] }
        return membership.log.members.values.sorted { $0.since < $1.since }
    }

    /// The room's facilitators and members and the roster from one sync of each (one command reads many rooms: half
    /// the requests of asking `facilitators(of:)` and `signedMembers(of:)`). Empty lists without a held log.
    public func signedRoom(of room: UInt64) throws -> SignedRoomTrust {
        try signedRooms(of: [room])[0]
    }

    /// `signedRoom(of:)` for each of `rooms`, in their order, with the roster synced once for all of them.
    public func signedRooms(of rooms: [UInt64]) throws -> [SignedRoomTrust] {
        let roster = try syncedRoster().roster()
        return try rooms.map { room in
            guard let membership = try signedMembership(of: room, roster: roster) else {
                return SignedRoomTrust(facilitators: [], members: [], roster: roster)
            }
            return SignedRoomTrust(facilitators: membership.facilitators(roster: roster),
                                   members: membership.log.members.values.sorted { $0.since < $1.since }, roster: roster)
        }
    }

    /// The room's membership from its synced signed log, with every member's identity pinned; nil without a log.
    private func signedMembership(of room: UInt64) throws -> (RoomMembership, Roster)? {
        let roster = try syncedRoster().roster()
        return try signedMembership(of: room, roster: roster).map { ($0, roster) }
    }

    /// The room's membership from its synced signed log reduced with `roster` (just synced), identities pinned.
    private func signedMembership(of room: UInt64, roster: Roster) throws -> RoomMembership? {
        guard let log = try syncedRoom(room, roster: roster) else { return nil }
        let membership = log.membership(roster: roster)
        try pinIdentities(from: membership.log)
        return membership
    }

    /// Brings this device's copy of `room` up to date without moving the read cursor: room keys and private events
    /// from the inbox, then every event after the cursor opened (chat lines go to the history, where `read` still
    /// shows them as new; feature events to the feature store). Feature commands call this before they reduce.
    public func catchUp(_ room: UInt64) throws {
        try processInbox()
        try catchUpEvents(room)
    }

    /// `catchUp` for every room of a command that reads them all (`agenda`, `consult list`): the inbox once, and the
    /// events only of the rooms whose last event (as the server's room list says) lies past what this device holds. A
    /// server that understates it could as well answer "nothing new": it learns nothing and hides nothing more.
    public func catchUp(_ rooms: [RoomSummary]) throws {
        try processInbox()
        for room in rooms where room.lastSeq > caughtUpTo(room.id) { try catchUpEvents(room.id) }
    }

    /// Where catching up starts: past the read cursor and past every event this device already holds.
    private func caughtUpTo(_ room: UInt64) -> UInt64 {
        max(profile.readSeq(room), profile.heldSeq(room))
    }

    /// Fetches and opens the events of `room` after `caughtUpTo`, then moves the held cursor over those now held
    /// (this device's own, opened and kept, or waiting for their key); it stops at the first that is not (one held
    /// back until an identity is accepted), which is fetched again next time. Events waiting for their key are tried
    /// again first: the inbox may just have brought it.
    func catchUpEvents(_ room: UInt64) throws {
        _ = try retryPending(room)
        let start = caughtUpTo(room)
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
        try profile.setHeldSeq(room, reached)
    }

    /// The feature events of `room` this device holds whose type starts with `prefix` ("meeting.", …), in the order
    /// they came. Call `catchUp(room)` first to have the newest.
    public func featureEvents(in room: UInt64, prefix: String) -> [FeatureEvent] {
        profile.featureEvents(room, prefix: prefix)
    }
}
