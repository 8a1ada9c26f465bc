import FoundationEssentials
import KlankbordClient
import KlankbordLocalization
import KlankbordMeetings
import KlankbordTrust

/// The one-time mentions of a meeting within 48 hours and a poll closing within 24 hours. Any command that opened
/// the profile ends with them, from what this device already holds (no extra server request); they go to standard
/// error, so a file written with `>` (such as `meeting ics`) never gets them.
enum MeetingReminders {
    /// After any command: the books of every group room this device remembers, reduced with the facilitators of
    /// the signed log it holds (nobody without one).
    static func afterCommand(_ run: Invocation) {
        guard !run.json, !run.remindedOfMeetings, let profile = run.openedProfile, profile.account != nil else { return }
        // Only rooms that hold meeting events are reduced (the roster too only then): after `read` or `ledger export`
        // on a year of history this pass read and reduced every room's log before.
        var roster: Roster?
        var books: [MeetingBook] = []
        for room in profile.keptGroupRoomIDs {
            let held = profile.featureEvents(room, prefix: "meeting.")
            guard !held.isEmpty, let log = try? profile.heldLog(scope: room), log.key != nil else { continue }
            if roster == nil { roster = (try? profile.heldLog(scope: LogEntry.rosterScope))?.roster() }
            guard let roster else { continue }
            let facilitators = Set(log.membership(roster: roster).facilitators(roster: roster).map(\.account))
            books.append(RoomMeetings.reduce(held, facilitators: facilitators).0)
        }
        show(run, profile, books)
    }

    /// Shows each reminder of `books` not shown on this device before, and remembers it.
    static func show(_ run: Invocation, _ profile: Profile, _ books: [MeetingBook]) {
        var shown = Set(profile.memo("meeting.reminded"))
        let now = Date()
        var fresh = false
        for book in books {
            for reminder in MeetingAgenda.reminders(in: book, now: now, shown: shown) {
                run.terminal.problem(TerminalText.inline(reminder.line(run.t)))
                shown.insert(reminder.key)
                fresh = true
            }
        }
        if fresh { try? profile.setMemo("meeting.reminded", shown.sorted()) }
    }
}
