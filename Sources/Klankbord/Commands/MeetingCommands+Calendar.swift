import FoundationEssentials
import KlankbordClient
import KlankbordExport
import KlankbordLocalization
import KlankbordMeetings
import KlankbordProtocol

/// `meeting series`, `meeting ics` and `agenda`: a year of meetings at once, the calendar file, and what is coming.
extension MeetingCommands {
    /// `meeting series <room> <title> --year 2027 --quarterly --rule "…" --time 19:00-21:00 --place P [--fee 25]`:
    /// four ordinary meetings, each of which can be moved or cancelled on its own.
    static func series(_ run: Invocation) throws(CommandFailure) {
        let reference = try run.word(0, L10nKey("cli.what.room"), command: "meeting series")
        let title = try run.word(1, L10nKey("cli.what.title"), command: "meeting series")
        let yearText = try option(run, "year", L10nKey("cli.what.year"), command: "meeting series")
        let ruleText = try option(run, "rule", L10nKey("cli.what.rule"), command: "meeting series")
        let time = try option(run, "time", L10nKey("cli.what.time"), command: "meeting series")
        let place = try option(run, "place", L10nKey("cli.what.place"), command: "meeting series")
        let fee = try MeetingInput.fee(run.arguments.value("fee"))
        guard let year = Int(yearText), (1970...9999).contains(year) else {
            throw .message(L10nKey("cli.meeting.year_format"), ["text": TerminalText.inline(yearText)], exitCode: 1)
        }
        let events = try MeetingInput.checked { () throws(MeetingError) -> [MeetingEvent] in
            let rule = try SeriesRule(parsing: ruleText)
            return try QuarterlySeries.meetings(year: year, rule: rule, time: time, title: title, place: place, feeCents: fee)
        }
        let messenger = try run.messenger()
        let state = try load(try run.room(named: reference, over: messenger.connection), messenger, run)
        try requireFacilitator(state)
        try run.secure { for event in events { try state.send(event, messenger) } }
        run.showNotices(messenger)
        for event in events {
            if case let .fixed(_, title, _, slot, _) = event.body { fixed(run, event.id, title: title, slot: slot) }
        }
    }

    /// `meeting ics [--room R] [--attendees] > file.ics`: the meetings as an RFC 5545 calendar. Handles only, and
    /// an attendee list only for a facilitator who asks for one.
    static func ics(_ run: Invocation) throws(CommandFailure) {
        let messenger = try run.messenger()
        let states = try MeetingFinder.rooms(run, messenger)
        // Attendees only when every room in the file is one where this person is a facilitator (use --room).
        let withPeople = run.arguments.has("attendees") && !states.isEmpty && states.allSatisfy(\.isFacilitator)
        var handles: [UInt64: String] = [:]
        for state in states { handles.merge(state.handles) { old, _ in old } }
        let meetings = states.flatMap(\.book.meetings)
        run.terminal.prompt(ICalendar.document(meetings, handles: withPeople ? handles : [:], attendees: withPeople))
    }

    /// `agenda`: coming meetings and open polls across the person's rooms, soonest first, on the Amsterdam clock.
    static func agenda(_ run: Invocation) throws(CommandFailure) {
        let messenger = try run.messenger()
        let states = try MeetingFinder.rooms(run, messenger)
        let now = Date()
        let items = states.flatMap { state in MeetingAgenda.items(in: state.book, now: now).map { (state, $0) } }
            .sorted { $0.1.time < $1.1.time }
        for (state, item) in items {
            if run.json {
                let (kind, id) = switch item {
                case let .meeting(meeting): ("meeting", meeting.id)
                case let .poll(poll): ("poll", poll.id)
                }
                run.terminal.line(JSONText.object([("kind", .string(kind)), ("code", .string(RoomMeetings.code(id))), ("room", .string(state.room.name)),
                                                   ("time", .number(Int64(item.time.timeIntervalSince1970))), ("text", .string(item.line(run.t)))]))
            } else {
                run.terminal.line(TerminalText.inline(state.room.name + ": " + item.line(run.t)))
            }
        }
        if items.isEmpty && !run.json { run.terminal.line(run.t("cli.agenda.nothing")) }
        try MeetingDuties.afterwards(run, messenger, states)
    }
}
