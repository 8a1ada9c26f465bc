import FoundationEssentials
import KlankbordClient
import KlankbordCrypto
import KlankbordLocalization
import KlankbordMeetings
import KlankbordProtocol

/// What a client does after any meeting command: a facilitator's client shares new counts of anonymous polls and
/// hands the current plans to members who joined later, and shows the events it ignored; every client mentions,
/// once, a meeting within 48 hours and a poll closing within 24 hours.
enum MeetingDuties {
    static func afterwards(_ run: Invocation, _ messenger: Messenger, _ states: [RoomMeetings]) throws(CommandFailure) {
        for state in states where state.isFacilitator {
            try run.secure {
                try publishTallies(state, messenger)
                try handOver(state, messenger, try run.profile())
            }
            for (warning, handle) in state.warnings {
                run.terminal.problem(run.t(warning.key, ["handle": TerminalText.inline(handle), "type": warning.type]))
            }
        }
        remind(run, states)
    }

    /// For each anonymous poll whose counts differ from the last shared ones: share them (counts only).
    static func publishTallies(_ state: RoomMeetings, _ messenger: Messenger) throws {
        for poll in state.book.polls where poll.anonymous && !poll.votes.isEmpty && poll.published != poll.tallies {
            guard let event = state.book.tallyEvent(for: poll.id) else { continue }
            try messenger.send(event: event.payload, to: state.room)
        }
    }

    /// When the signed log holds members this client has not handed the plans to, send one handover to the room:
    /// open polls and coming meetings, never a vote, an answer or attendance.
    static func handOver(_ state: RoomMeetings, _ messenger: Messenger, _ profile: Profile) throws {
        let memo = "meeting.handed.\(state.room.id)"
        let members = Set(state.members.map { String($0.account) })
        let handed = profile.memo(memo)
        defer { if Set(handed) != members { try? profile.setMemo(memo, members.sorted()) } }
        // The first time, everybody present got the plans the normal way: there is nobody to catch up.
        guard !handed.isEmpty, !members.subtracting(handed).isEmpty else { return }
        guard let handover = state.book.handover(now: Date()) else { return }
        try messenger.send(event: handover.payload, to: state.room)
    }

    /// Each reminder once per device (a moved meeting once more), from the books just loaded.
    static func remind(_ run: Invocation, _ states: [RoomMeetings]) {
        guard !run.json, let profile = try? run.profile() else { return }
        MeetingReminders.show(run, profile, states.map(\.book))
        if run.loadedEveryRoomsMeetings { run.remindedOfMeetings = true }
    }
}

extension MeetingBook.MeetingWarning {
    /// The event type named in the warning, for the sentence.
    var type: String {
        switch self {
        case let .notFacilitator(_, type): type
        case .voteAfterDeadline: ""
        }
    }
}
