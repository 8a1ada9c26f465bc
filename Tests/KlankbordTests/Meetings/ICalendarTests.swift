import Foundation
import Klankbord
@testable import KlankbordExport
import XCTest

/// The calendar file: golden output, folding, escaping, and what it says about people.
final class ICalendarTests: XCTestCase {
    typealias C = ICalendarFixtures

    /// Tests/Calendar, next to the Python checker; set KLANKBORD_UPDATE_GOLDEN=1 to rewrite the files.
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Calendar")

    private func assertGolden(_ text: String, _ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let url = Self.folder.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["KLANKBORD_UPDATE_GOLDEN"] == "1" {
            try Data(text.utf8).write(to: url)
        }
        let golden = try String(decoding: Data(contentsOf: url), as: UTF8.self)
        XCTAssertEqual(text, golden, "\(name) differs; if the change is right, rerun with KLANKBORD_UPDATE_GOLDEN=1", file: file, line: line)
    }

    func testTheCalendarMatchesTheGoldenFile() throws {
        try assertGolden(ICalendar.document(C.book().meetings, handles: C.handles), "meetings.ics")
    }

    func testWithAttendeesAskedForTheCalendarNamesHandlesOnly() throws {
        let text = ICalendar.document(C.book().meetings, handles: C.handles, attendees: true)
        try assertGolden(text, "meetings-attendees.ics")
        let attendees = text.components(separatedBy: "\r\n").filter { $0.hasPrefix("ATTENDEE") }
        XCTAssertEqual(attendees, ["ATTENDEE;CN=\"anna\":urn:x-klankbord:anna", "ATTENDEE;CN=\"bo.fryslan\":urn:x-klankbord:bo.fryslan"])
    }

    func testWithoutBeingAskedNoPersonIsNamed() {
        let text = ICalendar.document(C.book().meetings, handles: C.handles)
        for handle in C.handles.values { XCTAssertFalse(text.contains(handle), handle) }
        XCTAssertFalse(text.contains("ATTENDEE"))
    }

    func testEveryLineIsAtMost75OctetsEndsInCRLFAndFoldsBetweenCharacters() {
        let text = ICalendar.document(C.book().meetings, handles: C.handles, attendees: true)
        XCTAssertTrue(text.hasSuffix("\r\n"))
        let bytes = Array(text.utf8)
        var lines: [[UInt8]] = [[]]
        var index = 0
        while index < bytes.count {
            if bytes[index] == 13, index + 1 < bytes.count, bytes[index + 1] == 10 {
                lines.append([])
                index += 2
                continue
            }
            XCTAssertNotEqual(bytes[index], 10, "a bare LF")
            XCTAssertNotEqual(bytes[index], 13, "a bare CR")
            lines[lines.count - 1].append(bytes[index])
            index += 1
        }
        XCTAssertTrue(lines.contains { $0.count == 75 }, "the fixture should fill a line to the limit")
        for line in lines {
            XCTAssertLessThanOrEqual(line.count, 75)
            XCTAssertNotNil(String(validating: line, as: UTF8.self), "a line was cut inside a character")
        }
        let unfolded = text.replacingOccurrences(of: "\r\n ", with: "")
        XCTAssertTrue(unfolded.contains("LOCATION:" + ICalendar.escaped(C.longPlace) + "\r\n"))
    }

    func testTextIsEscaped() {
        XCTAssertEqual(ICalendar.escaped("a,b;c\\d\ne\r\nf\rg\u{7}h"), "a\\,b\\;c\\\\d\\ne\\nf\\ng" + "h")
    }

    func testTheZoneCarriesTheEURules() {
        let text = ICalendar.document([], handles: [:])
        for line in ["TZID:Europe/Amsterdam", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
                     "TZOFFSETTO:+0200", "TZOFFSETTO:+0100"] {
            XCTAssertTrue(text.contains("\r\n" + line + "\r\n"), line)
        }
    }

    func testUTCStampsAreWrittenExactly() {
        XCTAssertEqual(ICalendar.utc(Date(timeIntervalSince1970: 0)), "19700101T000000Z")
        XCTAssertEqual(ICalendar.utc(Date(timeIntervalSince1970: 1_798_804_800)), "20270101T120000Z")
        XCTAssertEqual(ICalendar.utc(Date(timeIntervalSince1970: 951_868_799)), "20000229T235959Z")
    }
}
