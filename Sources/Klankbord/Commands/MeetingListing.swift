import FoundationEssentials
import KlankbordLocalization
import KlankbordMeetings

/// How `meeting list` shows one poll or meeting: counts for everyone, who answered what only for a facilitator.
/// Titles, places and handles are other people's text: they go through `TerminalText`.
enum MeetingListing {
    static func show(_ poll: MeetingBook.Poll, _ state: RoomMeetings, _ run: Invocation) {
        let code = RoomMeetings.code(poll.id)
        let t = run.t
        if run.json {
            run.terminal.line(JSONText.object([("kind", .string("poll")), ("code", .string(code)), ("room", .string(state.room.name)),
                                               ("title", .string(poll.title)), ("place", .string(poll.place)),
                                               ("deadline", .number(Int64(poll.deadline.timeIntervalSince1970))), ("anonymous", .bool(poll.anonymous))]))
            for tally in poll.tallies {
                run.terminal.line(JSONText.object([("kind", .string("slot")), ("poll", .string(code)), ("slot", .number(Int64(tally.slot + 1))),
                                                   ("yes", .number(Int64(tally.yes))), ("maybe", .number(Int64(tally.maybe))), ("no", .number(Int64(tally.no)))]))
            }
            return
        }
        let key = poll.isOpen(at: Date()) ? L10nKey("cli.meeting.list.poll") : L10nKey("cli.meeting.list.poll_closed")
        run.terminal.line(code + "  " + TerminalText.inline(t(key, ["room": state.room.name, "title": poll.title, "place": poll.place,
                                                                    "deadline": t.dateTime(poll.deadline)])))
        let tallies = Dictionary(poll.tallies.map { ($0.slot, $0) }, uniquingKeysWith: { a, _ in a })
        for (index, slot) in poll.slots.enumerated() {
            let tally = tallies[index]
            run.terminal.line("    " + t("cli.meeting.list.slot", ["number": String(index + 1), "when": t.dateTime(slot.start), "end": t.time(slot.end),
                                                                  "yes": String(tally?.yes ?? 0), "maybe": String(tally?.maybe ?? 0),
                                                                  "no": String(tally?.no ?? 0)]))
        }
        guard state.isFacilitator else { return }
        for (account, answers) in poll.votes.sorted(by: { handle($0.key, state) < handle($1.key, state) }) {
            let given = answers.sorted { $0.key < $1.key }.map { "\($0.key + 1) \(t(MeetingInput.answerKey($0.value)))" }.joined(separator: ", ")
            run.terminal.line("    " + t("cli.meeting.list.voter", ["handle": TerminalText.inline(handle(account, state)), "answers": given]))
        }
    }

    static func show(_ meeting: MeetingBook.Meeting, _ state: RoomMeetings, _ run: Invocation) {
        let code = RoomMeetings.code(meeting.id)
        let counts = MeetingEvent.Answer.allCases.map { answer in meeting.rsvps.values.count { $0 == answer } }
        if run.json {
            run.terminal.line(JSONText.object([
                ("kind", .string("meeting")), ("code", .string(code)), ("room", .string(state.room.name)), ("title", .string(meeting.title)),
                ("place", .string(meeting.place)), ("start", .number(Int64(meeting.slot.start.timeIntervalSince1970))),
                ("end", .number(Int64(meeting.slot.end.timeIntervalSince1970))), ("cancelled", .bool(meeting.status == .cancelled)),
                ("sequence", .number(Int64(meeting.sequence))), ("yes", .number(Int64(counts[0]))), ("maybe", .number(Int64(counts[1]))),
                ("no", .number(Int64(counts[2]))),
            ]))
            return
        }
        let line = MeetingAgenda.Item.meeting(meeting).line(run.t)
        run.terminal.line(code + "  " + TerminalText.inline(state.room.name + ": " + line))
        run.terminal.line("    " + run.t("cli.meeting.list.rsvps", ["yes": String(counts[0]), "maybe": String(counts[1]), "no": String(counts[2])]))
        guard state.isFacilitator else { return }
        for (account, answer) in meeting.rsvps.sorted(by: { handle($0.key, state) < handle($1.key, state) }) {
            run.terminal.line("    " + run.t("cli.meeting.list.voter", ["handle": TerminalText.inline(handle(account, state)),
                                                                       "answers": run.t(MeetingInput.answerKey(answer))]))
        }
    }

    private static func handle(_ account: UInt64, _ state: RoomMeetings) -> String {
        state.handles[account] ?? ""
    }
}
