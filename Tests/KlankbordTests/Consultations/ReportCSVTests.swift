import Foundation
import Klankbord
@testable import KlankbordConsultations
@testable import KlankbordExport
@testable import KlankbordLocalization
import XCTest

/// The CSV report follows RFC 4180 and Python's `csv` module reads back the same texts and counts.
final class ReportCSVTests: XCTestCase {
    private static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Reads a CSV file with Python's `csv` module (strict) and prints its records as JSON.
    private static let reader = """
    import csv, json, sys
    with open(sys.argv[1], newline="", encoding="utf-8") as f:
        print(json.dumps(list(csv.reader(f, strict=True))))
    """

    private func python() throws -> URL {
        for candidate in [Self.packageRoot.appendingPathComponent(".venv/bin/python3"), URL(fileURLWithPath: "/usr/bin/python3")]
        where FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        throw XCTSkip("no Python: run `make test`, which makes the .venv")
    }

    private func readBack(_ csv: String) throws -> [[String]] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID().uuidString).csv")
        try Data(csv.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = try python()
        process.arguments = ["-c", Self.reader, file.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        return try JSONDecoder().decode([[String]].self, from: data)
    }

    func testFieldsAreQuotedOnlyWhenNeeded() {
        XCTAssertEqual(CSV.document([["a", "b,c", "say \"hi\"", "two\nlines", "cr\r\nlf", ""]]),
                       "a,\"b,c\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\r\nlf\",\r\n")
    }

    func testPythonReadsBackTheSameTextsAndCounts() throws {
        let answers: [ConsultationEvent.Answer] = [
            .init(option: 0, text: "Ja, \"graag\", maar\nniet op zondag."), .init(option: 1, text: "Nee;\r\nte duur"),
            .init(option: 0), .init(option: 2, text: "  spaties, komma's en \"quotes\"  "),
        ]
        let fixture = ConsultationFixture(answers: answers)
        var random = SeededGenerator(seed: 7)
        let report = try ConsultationReport(consultation: fixture.id, in: fixture.book, by: ConsultationFixture.facilitator,
                                            now: ConsultationFixture.deadline + 1, handles: [], using: &random)
        let t = Localizer(.es)
        let csv = report.rendered(.csv, t)
        XCTAssertTrue(csv.hasSuffix("\r\n"))
        let records = try readBack(csv)
        XCTAssertEqual(records.first, [t("consult.csv.part"), t("consult.csv.text"), t("consult.csv.number")])
        XCTAssertTrue(records.allSatisfy { $0.count == 3 })
        XCTAssertTrue(records.contains([t("consult.csv.title"), "Vergunning, \"nieuw\"", ""]))
        XCTAssertTrue(records.contains([t("consult.csv.question"), "Wat vindt je van de regels?\nEn van de intake?", ""]))
        XCTAssertTrue(records.contains([t("consult.csv.respondents"), "", "4"]))
        XCTAssertEqual(records.filter { $0[0] == t("consult.csv.option") }, [[t("consult.csv.option"), "Ja", "2"],
                                                                               [t("consult.csv.option"), "Nee", "1"],
                                                                               [t("consult.csv.option"), "Weet ik niet", "1"]])
        XCTAssertEqual(Set(records.filter { $0[0] == t("consult.csv.answer") }.map { $0[1] }),
                       Set(answers.map(\.text).filter { !$0.isEmpty }))
    }
}
