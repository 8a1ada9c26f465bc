import FoundationEssentials
import KlankbordClient
import KlankbordE2E
import KlankbordLocalization
import KlankbordMeetings
import KlankbordProtocol

/// `meeting poll`, `vote`, `tally`, `fix`, `create`, `move` and `cancel`: a facilitator plans, members answer.
/// Every event is checked before anything is sent, so a mistake changes nothing; times and places travel only
/// end-to-end encrypted.
enum MeetingCommands {
    /// `meeting poll <room> <title> <date> <from-to> <date> <from-to> … --place P --deadline "<date> <time>" [--anonymous]`
    static func poll(_ run: Invocation) throws(CommandFailure) {
        let reference = try run.word(0, L10nKey("cli.what.room"), command: "meeting poll")
        let title = try run.word(1, L10nKey("cli.what.title"), command: "meeting poll")
        let place = try option(run, "place", L10nKey("cli.what.place"), command: "meeting poll")
        let deadline = try MeetingInput.deadline(try option(run, "deadline", L10nKey("cli.what.deadline"), command: "meeting poll"))
        let slots = try MeetingInput.slots(Array(run.arguments.positional.dropFirst(2)))
        try MeetingInput.checked { () throws(MeetingError) in try MeetingValidation.poll(slots: slots, deadline: deadline, now: Date()) }
        let messenger = try run.messenger()
        let room = try run.room(named: reference, over: messenger.connection)
        let state = try load(room, messenger, run)
        try requireFacilitator(state)
        let event = MeetingEvent(body: .pollProposed(title: title, place: place, slots: slots, deadline: deadline,
                                                     anonymous: run.arguments.has("anonymous")))
        try run.secure { try state.send(event, messenger) }
        run.showNotices(messenger)
        report(run, code: event.id, run.t("cli.meeting.poll.sent", ["title": TerminalText.inline(title), "room": TerminalText.inline(room.name),
                                                                     "code": RoomMeetings.code(event.id)]))
        try MeetingDuties.afterwards(run, messenger, [state])
    }

    /// `meeting vote <poll> 1=yes 2=maybe 3=no`: a second vote replaces the first until the deadline.
    static func vote(_ run: Invocation) throws(CommandFailure) {
        let code = try run.word(0, L10nKey("cli.what.poll"), command: "meeting vote")
        let answers = try MeetingInput.answers(Array(run.arguments.positional.dropFirst()))
        let messenger = try run.messenger()
        let (state, poll) = try MeetingFinder.poll(code, run, messenger)
        let event = try MeetingInput.checked { () throws(MeetingError) -> MeetingEvent in
            try state.book.voting(on: poll.id, answers: answers, now: Date())
        }
        let privately = try run.secure { try state.send(event, messenger) }
        run.showNotices(messenger)
        let key = privately ? L10nKey("cli.meeting.vote.sent_private") : L10nKey("cli.meeting.vote.sent")
        report(run, code: poll.id, run.t(key, ["title": TerminalText.inline(poll.title)]))
        try MeetingDuties.afterwards(run, messenger, [state])
    }

    /// `meeting tally <poll>`: a facilitator shares the counts (never who answered what) with the room.
    static func tally(_ run: Invocation) throws(CommandFailure) {
        let code = try run.word(0, L10nKey("cli.what.poll"), command: "meeting tally")
        let messenger = try run.messenger()
        let (state, poll) = try MeetingFinder.poll(code, run, messenger)
        try requireFacilitator(state)
        guard let event = state.book.tallyEvent(for: poll.id) else { throw unknown(code) }
        try run.secure { try messenger.send(event: event.payload, to: state.room) }
        report(run, code: poll.id, run.t("cli.meeting.tally.sent", ["title": TerminalText.inline(poll.title), "room": TerminalText.inline(state.room.name)]))
    }

    /// `meeting fix <poll> <slot number> [--fee 25.00]`: the meeting takes place at that slot.
    static func fix(_ run: Invocation) throws(CommandFailure) {
        let code = try run.word(0, L10nKey("cli.what.poll"), command: "meeting fix")
        let number = try run.word(1, L10nKey("cli.what.slot"), command: "meeting fix")
        let fee = try MeetingInput.fee(run.arguments.value("fee"))
        let messenger = try run.messenger()
        let (state, poll) = try MeetingFinder.poll(code, run, messenger)
        try requireFacilitator(state)
        let event = try MeetingInput.checked { () throws(MeetingError) -> MeetingEvent in
            try state.book.fixing(poll: poll.id, slot: Int(number) ?? 0, feeCents: fee)
        }
        try send(event, state, run, messenger)
        if case let .fixed(_, title, _, slot, _) = event.body { fixed(run, event.id, title: title, slot: slot) }
    }

    /// `meeting create <room> <title> <date> <from-to> --place P [--fee 25.00]`: a meeting without a poll.
    static func create(_ run: Invocation) throws(CommandFailure) {
        let reference = try run.word(0, L10nKey("cli.what.room"), command: "meeting create")
        let title = try run.word(1, L10nKey("cli.what.title"), command: "meeting create")
        let date = try run.word(2, L10nKey("cli.what.date"), command: "meeting create")
        let times = try run.word(3, L10nKey("cli.what.time"), command: "meeting create")
        let place = try option(run, "place", L10nKey("cli.what.place"), command: "meeting create")
        let slot = try MeetingInput.slot(date: date, times: times)
        let fee = try MeetingInput.fee(run.arguments.value("fee"))
        let messenger = try run.messenger()
        let state = try load(try run.room(named: reference, over: messenger.connection), messenger, run)
        try requireFacilitator(state)
        let event = MeetingEvent(body: .fixed(origin: .direct, title: title, place: place, slot: slot, feeCents: fee))
        try send(event, state, run, messenger)
        fixed(run, event.id, title: title, slot: slot)
    }

    /// `meeting move <meeting> <date> <from-to> [--place P]`: a new time (and place); everyone sees the old one too.
    static func move(_ run: Invocation) throws(CommandFailure) {
        let code = try run.word(0, L10nKey("cli.what.meeting"), command: "meeting move")
        let date = try run.word(1, L10nKey("cli.what.date"), command: "meeting move")
        let times = try run.word(2, L10nKey("cli.what.time"), command: "meeting move")
        let slot = try MeetingInput.slot(date: date, times: times)
        let messenger = try run.messenger()
        let (state, meeting) = try MeetingFinder.meeting(code, run, messenger)
        try requireFacilitator(state)
        guard meeting.status == .confirmed else { throw .message(L10nKey("cli.meeting.already_cancelled"), exitCode: 1) }
        let event = MeetingEvent(body: .rescheduled(meeting: meeting.id, slot: slot, place: run.arguments.value("place")))
        try send(event, state, run, messenger)
        report(run, code: meeting.id, run.t("cli.meeting.moved", ["title": TerminalText.inline(meeting.title), "old": run.t.dateTime(meeting.slot.start),
                                                                   "when": run.t.dateTime(slot.start)]))
    }

    /// `meeting cancel <meeting>`.
    static func cancel(_ run: Invocation) throws(CommandFailure) {
        let code = try run.word(0, L10nKey("cli.what.meeting"), command: "meeting cancel")
        let messenger = try run.messenger()
        let (state, meeting) = try MeetingFinder.meeting(code, run, messenger)
        try requireFacilitator(state)
        guard meeting.status == .confirmed else { throw .message(L10nKey("cli.meeting.already_cancelled"), exitCode: 1) }
        try send(MeetingEvent(body: .cancelled(meeting: meeting.id)), state, run, messenger)
        report(run, code: meeting.id, run.t("cli.meeting.cancelled", ["title": TerminalText.inline(meeting.title), "when": run.t.dateTime(meeting.slot.start)]))
    }

    // MARK: Shared steps

    /// The value of `--name`, or a usage failure naming `what`.
    static func option(_ run: Invocation, _ name: String, _ what: L10nKey, command: String) throws(CommandFailure) -> String {
        guard let value = run.arguments.value(name), !value.isEmpty else {
            throw .usage(L10nKey("cli.usage.missing"), ["what": run.t(what)], command: command)
        }
        return value
    }

    static func load(_ room: RoomSummary, _ messenger: Messenger, _ run: Invocation) throws(CommandFailure) -> RoomMeetings {
        guard room.kind == .group else { throw .message(L10nKey("cli.meeting.group_only"), exitCode: 1) }
        return try run.secure { try RoomMeetings.load(room, messenger) }
    }

    /// Only a facilitator the room's signed log names may plan; the server's tables count for nothing here.
    static func requireFacilitator(_ state: RoomMeetings) throws(CommandFailure) {
        try MeetingInput.checked { () throws(MeetingError) in try MeetingValidation.facilitator(state.me, in: state.facilitatorIDs) }
    }

    static func unknown(_ code: String) -> CommandFailure {
        .message(L10nKey("cli.meeting.unknown"), ["code": TerminalText.inline(code)], exitCode: 2)
    }

    private static func send(_ event: MeetingEvent, _ state: RoomMeetings, _ run: Invocation, _ messenger: Messenger) throws(CommandFailure) {
        try run.secure { try state.send(event, messenger) }
        run.showNotices(messenger)
    }

    static func fixed(_ run: Invocation, _ id: PayloadEvent.ID, title: String, slot: MeetingEvent.Slot) {
        report(run, code: id, run.t("cli.meeting.fixed", ["title": TerminalText.inline(title), "when": run.t.dateTime(slot.start),
                                                          "end": run.t.time(slot.end), "code": RoomMeetings.code(id)]))
    }

    /// The sentence, or with `--json` an object with the poll's or meeting's code.
    static func report(_ run: Invocation, code id: PayloadEvent.ID, _ sentence: String) {
        if run.json { return run.terminal.line(JSONText.object([("code", .string(RoomMeetings.code(id)))])) }
        run.terminal.line(sentence)
    }
}
