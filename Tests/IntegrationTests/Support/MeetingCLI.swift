import Foundation
import Klankbord
@testable import KlankbordLocalization
import XCTest

/// Helpers for the meeting tests: dates relative to today on the Amsterdam clock, `--json` output, the calendar
/// checked by Python `icalendar`, and a search of the server's files for what must never reach them.
enum MeetingCLI {
    /// The Amsterdam date `days` from now, as `2027-01-12`.
    static func day(_ days: Int) -> String {
        let local = AmsterdamTime(Date().addingTimeInterval(TimeInterval(days) * 86_400))
        return String(format: "%04d-%02d-%02d", local.year, local.month, local.day)
    }

    /// The JSON objects a command prints with `--json`.
    static func objects(_ person: Person, _ words: [String], file: StaticString = #filePath, line: UInt = #line) throws -> [[String: Any]] {
        try person.ok(words + ["--json"], file: file, line: line).compactMap { text in
            try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        }
    }

    /// The code of the poll or meeting a command made.
    static func code(_ person: Person, _ words: [String], file: StaticString = #filePath, line: UInt = #line) throws -> String {
        try XCTUnwrap(objects(person, words, file: file, line: line).first?["code"] as? String, file: file, line: line)
    }

    /// Parses `ics` with the test virtualenv's `icalendar` (Tests/Calendar/ics_roundtrip.py) and checks the one event.
    static func checkWithIcalendar(_ ics: String, summary: String, location: String, sequence: Int) throws {
        let python = Products.packageRoot.appendingPathComponent(".venv/bin/python3")
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            throw XCTSkip("no .venv: run `make test`, which creates it with icalendar")
        }
        let file = try Products.temporaryDirectory().appendingPathComponent("meetings.ics")
        try Data(ics.utf8).write(to: file)
        let process = Process()
        process.executableURL = python
        process.arguments = [Products.packageRoot.appendingPathComponent("Tests/Calendar/ics_roundtrip.py").path, file.path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        XCTAssertLessThanOrEqual(report["max_octets"] as? Int ?? 999, 75)
        XCTAssertEqual(report["crlf_only"] as? Bool, true)
        let events = try XCTUnwrap(report["events"] as? [[String: Any]])
        XCTAssertEqual(events.count, 1)
        XCTAssertEqual(events.first?["summary"] as? String, summary)
        XCTAssertEqual(events.first?["location"] as? String, location)
        XCTAssertEqual(events.first?["sequence"] as? Int, sequence)
        XCTAssertEqual(events.first?["status"] as? String, "CONFIRMED")
    }

    /// No file of the server's data directory (database, WAL, keys) nor its log holds any of `texts`, nor an
    /// instant of `instants` as text or as the 8 bytes the meeting events carry.
    static func assertServerFilesHoldNone(of texts: [String], instants: [Date], _ community: Community,
                                          file: StaticString = #filePath, line: UInt = #line) throws {
        var needles = texts.map { Array($0.utf8) }
        for instant in instants {
            let seconds = Int64(instant.timeIntervalSince1970)
            needles.append(Array(String(seconds).utf8))
            needles.append(withUnsafeBytes(of: seconds.bigEndian) { Array($0) })
        }
        let directory = community.daemon.dataDirectory
        var files = try FileManager.default.contentsOfDirectory(atPath: directory.path).map { directory.appendingPathComponent($0) }
        files.append(community.daemon.logFile)
        for url in files {
            guard let bytes = try? [UInt8](Data(contentsOf: url)) else { continue }
            for needle in needles where contains(bytes, needle) {
                XCTFail("\(url.lastPathComponent) holds \(String(decoding: needle, as: UTF8.self))", file: file, line: line)
            }
        }
    }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count, let first = needle.first else { return false }
        var index = 0
        while index <= haystack.count - needle.count {
            if haystack[index] == first && Array(haystack[index..<index + needle.count]) == needle { return true }
            index += 1
        }
        return false
    }
}
