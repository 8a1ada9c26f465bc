import FoundationEssentials
import KlankbordClient
import KlankbordCrypto
import KlankbordE2E
import KlankbordLocalization
import KlankbordMeetings
import KlankbordProtocol
import KlankbordTrust

/// One room's meetings and polls as this device knows them: every `meeting.*` event it holds, reduced with the
/// facilitators the room's signed log names (never the server's member list).
struct RoomMeetings {
    let room: RoomSummary
    let book: MeetingBook
    /// The facilitators from the signed log and roster; empty without a held log (then nobody is one).
    let facilitators: [LogMember]
    /// The members of the signed log (empty without a held log).
    let members: [LogMember]
    /// Handles by account, from the signed log first and then from what senders called themselves.
    let handles: [UInt64: String]
    /// Events the book ignored, with the sender's handle: shown to facilitators.
    let warnings: [(MeetingBook.MeetingWarning, String)]
    /// This device's account.
    let me: UInt64

    var isFacilitator: Bool { facilitators.contains { $0.account == me } }
    var facilitatorIDs: Set<UInt64> { Set(facilitators.map(\.account)) }

    /// Catches up with `room` (without moving the read cursor) and reduces what this device holds.
    static func load(_ room: RoomSummary, _ messenger: Messenger) throws -> RoomMeetings {
        try messenger.catchUp(room.id)
        return make(room, try messenger.signedRoom(of: room.id), messenger)
    }

    /// `load` for every room of a command that reads them all (`agenda`): caught up together, so the inbox and the
    /// roster are read once and only rooms with new events are asked for them.
    static func loadAll(_ rooms: [RoomSummary], _ messenger: Messenger) throws -> [RoomMeetings] {
        try messenger.catchUp(rooms)
        return zip(rooms, try messenger.signedRooms(of: rooms.map(\.id))).map { make($0, $1, messenger) }
    }

    /// Reduces what this device holds of `room` with the facilitators and members of its signed log.
    private static func make(_ room: RoomSummary, _ signed: SignedRoomTrust, _ messenger: Messenger) -> RoomMeetings {
        let (facilitators, members) = (signed.facilitators, signed.members)
        let trusted = Set(facilitators.map(\.account))
        let held = messenger.featureEvents(in: room.id, prefix: "meeting.")
        let (book, warnings) = reduce(held, facilitators: trusted)
        var handles: [UInt64: String] = [:]
        for event in held { handles[event.sender] = handles[event.sender] ?? event.senderHandle }
        for member in members + facilitators { handles[member.account] = member.handle }
        return RoomMeetings(room: room, book: book, facilitators: facilitators, members: members, handles: handles, warnings: warnings,
                            me: messenger.account.id)
    }

    /// The book of `held` (in the order this device got them) with the facilitators of the signed log, and the
    /// events it ignored with their sender's handle.
    ///
    /// Times are whole seconds, so a changed vote can carry the same second as the vote it replaces, and the book
    /// would then order the two by their random ids. Within one second the order they came in decides instead
    /// (a millionth of a second per place): room events come in the room's order on every device, private ones in
    /// the order their sender sent them.
    static func reduce(_ held: [FeatureEvent], facilitators: Set<UInt64>) -> (MeetingBook, [(MeetingBook.MeetingWarning, String)]) {
        var book = MeetingBook()
        var warnings: [(MeetingBook.MeetingWarning, String)] = []
        for (index, event) in held.enumerated() {
            guard let meeting = try? MeetingEvent(payload: event.event) else { continue }
            let time = Date(timeIntervalSince1970: TimeInterval(event.time) + TimeInterval(min(index, 999_999)) / 1_000_000)
            if case let .ignored(warning) = book.apply(meeting, from: event.sender, at: time, facilitators: facilitators) {
                warnings.append((warning, event.senderHandle))
            }
        }
        return (book, warnings)
    }

    /// The short code people type for a poll or meeting: the first 8 hex digits of its id.
    static func code(_ id: PayloadEvent.ID) -> String {
        String(Hex.encode(id.bytes).prefix(8))
    }

    /// The poll whose code starts with `reference`, if this room holds one.
    func poll(_ reference: String) -> MeetingBook.Poll? {
        book.polls.first { Self.matches($0.id, reference) }
    }

    /// The meeting whose code starts with `reference`, if this room holds one.
    func meeting(_ reference: String) -> MeetingBook.Meeting? {
        book.meetings.first { Self.matches($0.id, reference) }
    }

    private static func matches(_ id: PayloadEvent.ID, _ reference: String) -> Bool {
        let wanted = reference.lowercased()
        return wanted.count >= 4 && Hex.encode(id.bytes).hasPrefix(wanted)
    }

    /// Sends `event` where it must go: an anonymous poll's vote only to the facilitators (each through their
    /// 1:1 session), everything else to the room. Returns whether it went privately.
    @discardableResult
    func send(_ event: MeetingEvent, _ messenger: Messenger) throws -> Bool {
        switch book.route(for: event) {
        case .room:
            try messenger.send(event: event.payload, to: room)
            return false
        case .facilitatorsOnly:
            // Nobody to tell in confidence: then nothing goes out at all (never the room instead).
            guard !facilitators.isEmpty else { throw CommandFailure.message(L10nKey("cli.meeting.no_facilitator"), exitCode: 2) }
            try messenger.sendPrivately(event.payload, about: room.id, to: facilitators)
            return true
        }
    }
}
