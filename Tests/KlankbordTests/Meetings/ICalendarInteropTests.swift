import Foundation
import Klankbord
@testable import KlankbordCrypto
@testable import KlankbordExport
@testable import KlankbordLocalization
@testable import KlankbordMeetings
import XCTest

/// An independent RFC 5545 parser (Python `icalendar`, in the test virtualenv) reads back every
/// event, time, zone, status and sequence as written, and finds no line over 75 octets.
final class ICalendarInteropTests: XCTestCase {
    typealias F = MeetingFixtures
    typealias C = ICalendarFixtures

    struct Report: Decodable {
        struct When: Decodable, Equatable {
            let tzid: String
            let local: String
            let utc: String
            let utc_by_file_rules: String
        }

        struct Event: Decodable {
            let uid: String
            let summary: String
            let location: String
            let start: When
            let end: When
            let status: String
            let sequence: Int
            let dtstamp: String
            let attendees: [String]
        }

        let crlf_only: Bool
        let ends_with_crlf: Bool
        let max_octets: Int
        let timezones: [String]
        let events: [Event]
    }

    static let root = ICalendarTests.folder.deletingLastPathComponent().deletingLastPathComponent()

    private func parse(_ text: String) throws -> Report {
        let python = Self.root.appendingPathComponent(".venv/bin/python3")
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            throw XCTSkip("no .venv: run `make test`, which creates it with icalendar")
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("klankbord-\(UUID().uuidString).ics")
        try Data(text.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = python
        process.arguments = [ICalendarTests.folder.appendingPathComponent("ics_roundtrip.py").path, file.path]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let problem = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "icalendar failed (run `make venv`?): \(problem)")
        return try JSONDecoder().decode(Report.self, from: data)
    }

    /// What the parser should read: the Amsterdam clock, or UTC in the hour the clock shows twice.
    private func when(_ date: Date) -> Report.When {
        let ambiguous = ICalendar.isAmbiguous(date)
        let a = ambiguous ? AmsterdamTime(date, timeZone: TimeZone(secondsFromGMT: 0) ?? .gmt) : AmsterdamTime(date)
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : String(v) }
        let local = "\(a.year)-\(two(a.month))-\(two(a.day))T\(two(a.hour)):\(two(a.minute)):00"
        let utc = ICalendar.utc(date)
        return Report.When(tzid: ambiguous ? "" : "Europe/Amsterdam", local: local, utc: utc, utc_by_file_rules: utc)
    }

    private func assertReadBack(_ meetings: [MeetingBook.Meeting], handles: [MeetingBook.AccountID: String], attendees: Bool) throws {
        let report = try parse(ICalendar.document(meetings, handles: handles, attendees: attendees))
        XCTAssertTrue(report.crlf_only)
        XCTAssertTrue(report.ends_with_crlf)
        XCTAssertLessThanOrEqual(report.max_octets, 75)
        XCTAssertEqual(report.timezones, ["Europe/Amsterdam"])
        XCTAssertEqual(report.events.count, meetings.count)
        for (meeting, event) in zip(meetings, report.events) {
            XCTAssertEqual(event.uid, Hex.encode(meeting.id.bytes) + "@klankbord")
            XCTAssertEqual(event.summary, meeting.title)
            XCTAssertEqual(event.location, meeting.place)
            for (read, date) in [(event.start, meeting.slot.start), (event.end, meeting.slot.end)] {
                XCTAssertEqual(read, when(date), meeting.title)
            }
            XCTAssertEqual(event.status, meeting.status == .cancelled ? "CANCELLED" : "CONFIRMED")
            XCTAssertEqual(event.sequence, meeting.sequence)
            XCTAssertEqual(event.dtstamp, ICalendar.utc(meeting.changed))
            let yes = meeting.rsvps.filter { $0.value == .yes }.compactMap { handles[$0.key] }.sorted()
            XCTAssertEqual(event.attendees, attendees ? yes : [])
        }
    }

    func testTheFixtureCalendarReadsBackAsWritten() throws {
        let book = C.book()
        try assertReadBack(book.meetings, handles: C.handles, attendees: true)
        try assertReadBack(book.meetings, handles: C.handles, attendees: false)
    }

    func testTimesAroundEveryClockChangeReadBackThroughTheFilesOwnZoneRules() throws {
        var book = MeetingBook()
        let times = [("2027-03-27", "23:30"), ("2027-03-28", "01:59"), ("2027-03-28", "03:00"), ("2027-10-31", "01:59"),
                     ("2027-10-31", "03:00"), ("2028-03-26", "03:30"), ("2028-10-29", "01:30"), ("2030-03-31", "12:00")]
            + (1...12).map { ("2027-\($0)-15", "12:00") }
        for (index, (date, time)) in times.enumerated() {
            let start = try AmsterdamWallClock(date: date, time: time).instant()
            let slot = MeetingEvent.Slot(start: start, end: start.addingTimeInterval(5400))
            book.apply(MeetingEvent(body: .fixed(origin: .direct, title: "m\(index)", place: "p", slot: slot, feeCents: 0)),
                       from: F.facilitator, at: F.t0, facilitators: F.facilitators)
        }
        XCTAssertEqual(book.meetings.filter { ICalendar.isAmbiguous($0.slot.end) }.count, 2, "the fixture should cross the doubled hour")
        try assertReadBack(book.meetings, handles: [:], attendees: false)
    }
}
