import FoundationEssentials
import Klankbord

/// `--workload w6-room [--members N]`: a facilitator posts a meeting with the real `klankbord meeting create` in a
/// room of N members (260 unless told), each of whom joined and published prekeys as the real `join` does. The
/// room's first key then goes to every member in one command: the case that failed with "This message is too long"
/// until bundles were asked for 100 accounts at a time (commit 76ff4e5, found by W6). The facilitator's agenda must
/// then show the meeting; `RoomMeetingTests` runs this with real processes.
enum BigRoomMeeting {
    static let defaultMembers = 260

    static func run(_ context: BenchContext) {
        let members = max(context.options.members ?? defaultMembers, 2)
        let name = "W6 meeting in a room of \(members)"
        context.output.note(name)
        context.watchdog.arm(name, seconds: context.options.timeout + 120)
        var report = context.report("W6-room-meeting")
        report.set("room_members", members)
        context.withDaemon(name, report, settings: [("max_members_per_room", "30000")]) { daemon, report in
            let cli = InProcessCLI(folder: daemon.folder)
            try HistorySeed.startCommunity(cli, daemon, rooms: 1)
            // The facilitator is a member too.
            try HistoryMembers(staying: members - 1, passing: 0, daemon: daemon, cli: cli).run()
            let person = Person(Person.Runner(binary: context.options.cliBinary, folder: daemon.folder, watchdog: context.watchdog),
                                HistorySeed.facilitator)
            let listed = try person.must(["members", HistoryShape.bigRoom, "--json"]).split(separator: "\n").count { $0.hasPrefix("{") }
            report.set("members_listed", listed)
            let day = AmsterdamTime(Date().addingTimeInterval(86_400))
            let date = String(format: "%04d-%02d-%02d", day.year, day.month, day.day)
            let start = monotonicNanos()
            try person.must(["meeting", "create", HistoryShape.bigRoom, "Ledenvergadering", date, "19:00-21:00", "--place", "Buurthuis"])
            report.set("meeting_create_ms", Double(monotonicNanos() - start) / 1e6, digits: 1)
            let agenda = try person.must(["agenda", "--json"])
            report.set("meeting_posted", agenda.contains("Ledenvergadering"))
        }
        context.watchdog.disarm()
    }
}
