import Foundation
import Klankbord
@testable import KlankbordClient
@testable import KlankbordClient
@testable import KlankbordLocalization
@testable import KlankbordMeetings
import XCTest

/// Issue 18 from the CLI with real processes: a facilitator polls, three members vote (one changes), the facilitator
/// fixes the slot, members answer, `agenda` shows it in nl, en and es, the calendar file parses, attendance gives fee
/// proposals, and the server's files never hold the title, the place or a time.
final class MeetingFlowTests: XCTestCase {
    let title = "Zeepbel-overleg"
    let place = "Xenia-achterkamer-7"

    func testThePollToFeesFlowWorksFromTheCLIInThreeLanguages() throws {
        let c = try Community()
        let (d1, d2, d3) = (MeetingCLI.day(10), MeetingCLI.day(11), MeetingCLI.day(12))
        let poll = try MeetingCLI.code(c.fien, ["meeting", "poll", "Peers", title, d1, "19:17-21:43", d2, "19:17-21:43", d3, "19:17-21:43",
                                                "--place", place, "--deadline", MeetingCLI.day(5) + " 18:00"])
        try c.anna.ok(["meeting", "vote", poll, "1=yes", "2=no", "3=maybe"])
        try c.bea.ok(["meeting", "vote", poll, "1=ja", "2=ja", "--lang", "nl"])
        try c.carla.ok(["meeting", "vote", poll, "2=sí", "--lang", "es"])
        try c.carla.ok(["meeting", "vote", poll, "1=yes", "2=no"])

        // Everyone sees the counts; only the facilitator sees who answered what.
        for person in [c.fien, c.bea] {
            let slots = try MeetingCLI.objects(person, ["meeting", "list"]).filter { $0["kind"] as? String == "slot" }
            XCTAssertEqual(slots.map { [$0["yes"], $0["maybe"], $0["no"]] as? [Int] }, [[3, 0, 0], [1, 0, 2], [0, 1, 0]], person.profile.lastPathComponent)
        }
        XCTAssertTrue(try c.fien.ok(["meeting", "list"]).contains { $0.hasSuffix("carla: 1 yes, 2 no") }, "the facilitator sees carla's changed vote")
        XCTAssertFalse(try c.bea.ok(["meeting", "list"]).contains { $0.contains("carla:") }, "a member sees counts only")

        let meeting = try MeetingCLI.code(c.fien, ["meeting", "fix", poll, "1", "--fee", "25"])
        try c.anna.ok(["meeting", "rsvp", meeting, "yes"])
        try c.bea.ok(["meeting", "rsvp", meeting, "misschien"])
        try c.carla.ok(["meeting", "rsvp", meeting, "no"])
        let listed = try XCTUnwrap(try MeetingCLI.objects(c.anna, ["meeting", "list"]).first { $0["kind"] as? String == "meeting" })
        XCTAssertEqual([listed["yes"], listed["maybe"], listed["no"]] as? [Int], [1, 1, 1])
        XCTAssertFalse(try c.fien.run(["meeting", "rsvp", meeting, "perhaps-not"]).status == 0, "an unknown answer is refused")

        // The agenda in each person's language, on the Amsterdam clock.
        let start = try AmsterdamWallClock(date: d1, time: "19:17").instant()
        let end = try AmsterdamWallClock(date: d1, time: "21:43").instant()
        for (person, language) in [(c.anna, Language.nl), (c.bea, .en), (c.carla, .es)] {
            let t = Localizer(language)
            let expected = "Peers: " + t("meeting.agenda.meeting", ["title": title, "place": place, "when": t.dateTime(start), "end": t.time(end)])
            let shown = try person.ok(["agenda", "--lang", language.rawValue])
            XCTAssertTrue(shown.contains(expected), "\(language): \(shown)")
        }

        // Moved: every client shows the old and the new time, and the calendar's SEQUENCE goes up.
        try c.fien.ok(["meeting", "move", meeting, d2, "19:17-21:43"])
        let newStart = try AmsterdamWallClock(date: d2, time: "19:17").instant()
        let t = Localizer(.en)
        let moved = "Peers: " + t("meeting.agenda.moved", ["title": title, "place": place, "when": t.dateTime(newStart),
                                                           "end": t.time(newStart + 8760), "old": t.dateTime(start)])
        XCTAssertTrue(try c.anna.ok(["agenda", "--lang", "en"]).contains(moved))
        let ics = try c.fien.run(["meeting", "ics", "--room", "Peers"])
        XCTAssertEqual(ics.status, 0, ics.error)
        XCTAssertTrue(ics.output.hasPrefix("BEGIN:VCALENDAR\r\n"))
        XCTAssertTrue(ics.output.contains("SEQUENCE:1\r\n"))
        XCTAssertTrue(ics.output.contains("SUMMARY:\(title)\r\n"))
        XCTAssertFalse(ics.output.contains("ATTENDEE"), "no names unless a facilitator asks")
        XCTAssertTrue(try c.fien.run(["meeting", "ics", "--room", "Peers", "--attendees"]).output.contains("ATTENDEE;CN=\"anna\""))
        XCTAssertFalse(try c.anna.run(["meeting", "ics", "--attendees"]).output.contains("ATTENDEE"), "a member gets no names")
        try MeetingCLI.checkWithIcalendar(ics.output, summary: title, location: place, sequence: 1)

        // Attendance: proposals of the meeting fee, as money in the person's language; only a facilitator sees them.
        try c.fien.ok(["meeting", "attend", meeting, "anna", "@bea"])
        let fees = try MeetingCLI.objects(c.fien, ["meeting", "fees", meeting])
        XCTAssertEqual(fees.compactMap { $0["handle"] as? String }.sorted(), ["anna", "bea"])
        XCTAssertEqual(Set(fees.compactMap { $0["cents"] as? Int }), [2500])
        let dutch = try c.fien.ok(["meeting", "fees", meeting, "--lang", "nl"])
        XCTAssertTrue(dutch.contains { $0.hasPrefix("anna: " + Localizer(.nl).money(cents: 2500)) }, "\(dutch)")
        try c.anna.ok(["agenda"])
        // `read` opens every event of the room: an attendance sent to the whole room would land in anna's store here.
        try c.anna.ok(["read", "Peers"])
        let room = try HostileServer(community: c).room("Peers")
        XCTAssertEqual(try Profile(openingAt: c.anna.profile.path, passphrase: { nil }).featureEvents(room, prefix: "meeting.attended"), [],
                       "who came goes only to the facilitators")
        let refused = try c.anna.run(["meeting", "fees", meeting])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.error.contains(Localizer(.en)("meeting.error.not_facilitator")), refused.error)

        // Cancelled: shown as off, and the calendar says so.
        try c.fien.ok(["meeting", "cancel", meeting])
        XCTAssertTrue(try c.carla.run(["meeting", "ics"]).output.contains("STATUS:CANCELLED\r\n"))

        try MeetingCLI.assertServerFilesHoldNone(of: [title, place, "19:17", "21:43", d1, d2, d3], instants: [start, newStart], c)
    }

    func testBadInputGetsATranslatedSentenceAndSendsNothing() throws {
        let c = try Community()
        let d1 = MeetingCLI.day(10)
        let cases: [([String], String)] = [
            (["meeting", "poll", "Peers", title, d1, "21:00-19:00", d1, "19:00-21:00", "--place", place, "--deadline", MeetingCLI.day(5)],
             "meeting.error.slot_order"),
            (["meeting", "poll", "Peers", title, d1, "19:00-21:00", d1, "19:00-21:00", "--place", place, "--deadline", "2020-01-01"],
             "meeting.error.deadline_past"),
            (["meeting", "poll", "Peers", title, d1, "19:00-21:00", "--place", place, "--deadline", MeetingCLI.day(5)], "meeting.error.too_few_slots"),
            (["meeting", "create", "Peers", title, "2027-03-28", "02:30-04:00", "--place", place], "meeting.error.time_skipped"),
            (["meeting", "create", "Peers", title, "2027-10-31", "02:30-04:00", "--place", place], "meeting.error.time_twice"),
            (["meeting", "create", "Peers", title, "12 januari", "19:00-21:00", "--place", place], "meeting.error.date_format"),
            (["meeting", "series", "Peers", title, "--year", "2027", "--quarterly", "--rule", "every full moon", "--time", "19:00-21:00",
              "--place", place], "meeting.error.rule_unknown"),
        ]
        for (words, key) in cases {
            for language in Language.allCases {
                let result = try c.fien.run(words + ["--lang", language.rawValue])
                XCTAssertEqual(result.status, 1, "\(words)")
                let sentence = Localizer(language)(key).components(separatedBy: "}").last ?? ""
                XCTAssertTrue(result.error.contains(sentence), "\(language) \(key): \(result.error)")
            }
        }
        let many = (1...11).flatMap { [MeetingCLI.day(10 + $0), "19:00-21:00"] }
        XCTAssertTrue(try c.fien.run(["meeting", "poll", "Peers", title] + many + ["--place", place, "--deadline", MeetingCLI.day(5)]).error
            .contains(Localizer(.en)("meeting.error.too_many_slots", ["count": "11"])))
        let member = try c.anna.run(["meeting", "create", "Peers", title, d1, "19:00-21:00", "--place", place])
        XCTAssertTrue(member.error.contains(Localizer(.en)("meeting.error.not_facilitator")), member.error)
        XCTAssertEqual(try c.bea.ok(["agenda"]), [Localizer(.en)("cli.agenda.nothing")], "nothing was sent")
    }

    func testAQuarterlySeriesMakesFourMeetingsThatMoveOnTheirOwn() throws {
        let c = try Community()
        let year = AmsterdamTime(Date()).year + 1
        let made = try MeetingCLI.objects(c.fien, ["meeting", "series", "Peers", title, "--year", String(year), "--quarterly", "--rule",
                                                   "tweede dinsdag van de eerste maand van het kwartaal", "--time", "19:00-21:00", "--place", place])
        XCTAssertEqual(made.count, 4)
        let codes = made.compactMap { $0["code"] as? String }
        try c.fien.ok(["meeting", "cancel", codes[1]])
        let meetings = try MeetingCLI.objects(c.anna, ["meeting", "list"]).filter { $0["kind"] as? String == "meeting" }
        XCTAssertEqual(meetings.map { $0["cancelled"] as? Bool }, [false, true, false, false])
        let firstStart = try AmsterdamWallClock(year: year, month: 1, day: SeriesDay.secondTuesday(year: year, month: 1), hour: 19, minute: 0).instant()
        XCTAssertEqual(meetings.first?["start"] as? Int, Int(firstStart.timeIntervalSince1970))
    }
}

/// The second Tuesday of a month, counted here on its own (Zeller-free: from the weekday of the 1st).
enum SeriesDay {
    static func secondTuesday(year: Int, month: Int) -> Int {
        let first = AmsterdamTime(Date(timeIntervalSince1970: TimeInterval(AmsterdamWallClock.utcSeconds(year: year, month: month, day: 1) + 12 * 3600)))
        return 1 + (2 - first.weekday + 7) % 7 + 7
    }
}
