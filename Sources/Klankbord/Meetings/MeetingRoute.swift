import KlankbordE2E

/// Where a client sends a meeting event, so that an anonymous poll's votes never reach the room.
public enum MeetingRoute: Hashable, Sendable {
    /// To the whole room (through the room's sender key).
    case room
    /// Only to the room's facilitators, each through their own 1:1 session.
    case facilitatorsOnly
}

extension MeetingBook {
    /// Where `event` must go: a vote in an anonymous poll goes only to the facilitators (the room
    /// sees the tallies a facilitator's client publishes); everything else goes to the room.
    /// A vote for a poll this book does not hold goes to the facilitators too: when in doubt,
    /// tell fewer people.
    public func route(for event: MeetingEvent) -> MeetingRoute {
        guard case .vote(let poll, _) = event.body else { return .room }
        guard case .pollProposed(_, _, _, _, let anonymous) = entries[poll]?.event.body else { return .facilitatorsOnly }
        return anonymous ? .facilitatorsOnly : .room
    }

    /// The tally event a facilitator's client publishes for `poll`: counts only, never who
    /// answered what. `nil` when the book does not hold the poll.
    public func tallyEvent(for poll: PayloadEvent.ID) -> MeetingEvent? {
        guard let found = polls.first(where: { $0.id == poll }) else { return nil }
        return MeetingEvent(body: .tallyPublished(poll: poll, tallies: found.tallies))
    }
}
