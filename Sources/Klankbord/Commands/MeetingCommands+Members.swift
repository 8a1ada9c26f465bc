import FoundationEssentials
import KlankbordClient
import KlankbordLocalization
import KlankbordMeetings
import KlankbordProtocol

/// `meeting rsvp`, `attend`, `fees` and `list`: who comes, who came, what they are paid, and the overview.
extension MeetingCommands {
    /// `meeting rsvp <meeting> yes|maybe|no`.
    static func rsvp(_ run: Invocation) throws(CommandFailure) {
        let code = try run.word(0, L10nKey("cli.what.meeting"), command: "meeting rsvp")
        let word = try run.word(1, L10nKey("cli.what.answer"), command: "meeting rsvp")
        guard let answer = MeetingInput.answer(word) else {
            throw .message(L10nKey("cli.meeting.rsvp_format"), ["text": TerminalText.inline(word)], exitCode: 1)
        }
        let messenger = try run.messenger()
        let (state, meeting) = try MeetingFinder.meeting(code, run, messenger)
        guard meeting.status == .confirmed else { throw .message(L10nKey("cli.meeting.already_cancelled"), exitCode: 1) }
        try run.secure { try state.send(MeetingEvent(body: .rsvp(meeting: meeting.id, answer: answer)), messenger) }
        run.showNotices(messenger)
        report(run, code: meeting.id, run.t("cli.meeting.rsvp.sent", ["title": TerminalText.inline(meeting.title), "answer": run.t(MeetingInput.answerKey(answer))]))
        try MeetingDuties.afterwards(run, messenger, [state])
    }

    /// `meeting attend <meeting> <handle>…`: the facilitator marks who came (the whole list; a later one replaces
    /// it). The list goes only to the room's facilitators: other members do not need to know who came.
    static func attend(_ run: Invocation) throws(CommandFailure) {
        let code = try run.word(0, L10nKey("cli.what.meeting"), command: "meeting attend")
        let names = Array(run.arguments.positional.dropFirst())
        let messenger = try run.messenger()
        let (state, meeting) = try MeetingFinder.meeting(code, run, messenger)
        try requireFacilitator(state)
        var attendees: Set<UInt64> = []
        for name in names {
            let wanted = RoomReference.key(name.hasPrefix("@") ? String(name.dropFirst()) : name)
            guard let account = state.handles.first(where: { RoomReference.key($0.value) == wanted })?.key else {
                throw .message(L10nKey("cli.meeting.handle_unknown"), ["handle": TerminalText.inline(name), "room": TerminalText.inline(state.room.name)], exitCode: 1)
            }
            attendees.insert(account)
        }
        let event = MeetingEvent(body: .attendance(meeting: meeting.id, attendees: attendees))
        try run.secure { try messenger.sendPrivately(event.payload, about: state.room.id, to: state.facilitators) }
        run.showNotices(messenger)
        report(run, code: meeting.id, run.t("cli.meeting.attended", ["title": TerminalText.inline(meeting.title), "count": String(attendees.count)]))
    }

    /// `meeting fees <meeting>`: one fee proposal per attendee, as money in the person's language.
    static func fees(_ run: Invocation) throws(CommandFailure) {
        let code = try run.word(0, L10nKey("cli.what.meeting"), command: "meeting fees")
        let messenger = try run.messenger()
        let (state, meeting) = try MeetingFinder.meeting(code, run, messenger)
        try requireFacilitator(state)
        let proposals = MeetingFees.proposals(for: meeting)
        for proposal in proposals {
            let handle = state.handles[proposal.account] ?? ""
            if run.json {
                run.terminal.line(JSONText.object([("meeting", .string(RoomMeetings.code(meeting.id))), ("handle", .string(handle)),
                                                   ("cents", .number(proposal.amountCents))]))
            } else {
                run.terminal.line(TerminalText.inline(proposal.line(run.t, handle: handle)))
            }
        }
        if proposals.isEmpty && !run.json { run.terminal.line(run.t("cli.meeting.fees.none", ["title": TerminalText.inline(meeting.title)])) }
    }

    /// `meeting list [--room R]`: polls with their counts and meetings with their answers, each with its code.
    /// A facilitator also sees who answered what; a member sees counts.
    static func list(_ run: Invocation) throws(CommandFailure) {
        let messenger = try run.messenger()
        let states = try MeetingFinder.rooms(run, messenger)
        var any = false
        for state in states {
            for poll in state.book.polls {
                any = true
                MeetingListing.show(poll, state, run)
            }
            for meeting in state.book.meetings {
                any = true
                MeetingListing.show(meeting, state, run)
            }
        }
        if !any && !run.json { run.terminal.line(run.t("cli.meeting.list.nothing")) }
        try MeetingDuties.afterwards(run, messenger, states)
    }
}
