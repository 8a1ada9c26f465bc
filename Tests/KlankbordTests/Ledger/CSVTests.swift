import Foundation
import XCTest
import Klankbord
@testable import KlankbordExport

/// RFC 4180 output that Python's `csv` module (and so a spreadsheet) reads back field for field.
final class CSVTests: XCTestCase {
    static let tricky: [[String]] = [
        ["plain", "with,comma", "with \"quotes\"", "line\r\nbreak", "lf\nonly", ""],
        ["€ 25,50", "=SUM(A1)", CSV.text("=SUM(A1)"), CSV.text("-3"), " spaced ", "cr\ronly"],
    ]

    func testFieldsAreQuotedOnlyWhenTheyMustBeAndRecordsEndInCRLF() {
        XCTAssertEqual(CSV.record(["a", "b,c", "say \"hi\"", "x\ny"]), "a,\"b,c\",\"say \"\"hi\"\"\",\"x\ny\"\r\n")
        XCTAssertEqual(CSV.record(["", ""]), ",\r\n")
        XCTAssertEqual(CSV.text("=1+1"), "'=1+1")
        XCTAssertEqual(CSV.text("member10"), "member10")
    }

    func testTheSwiftReaderInTheseTestsReadsBackWhatTheWriterWrote() {
        XCTAssertEqual(CSVReading.records(CSV.document(Self.tricky)), Self.tricky)
    }

    func testPythonsCSVModuleReadsBackEveryField() throws {
        let document = CSV.document(Self.tricky)
        let script = """
        import csv, json, sys
        with open(sys.argv[1], newline='', encoding='utf-8') as f:
            print(json.dumps(list(csv.reader(f))))
        """
        let output = try PythonScript.run(script, input: document)
        let decoded = try JSONDecoder().decode([[String]].self, from: Data(output.utf8))
        XCTAssertEqual(decoded, Self.tricky)
    }
}

/// A strict RFC 4180 reader for tests, so Swift can read what the export wrote without trusting its writer.
enum CSVReading {
    static func records(_ text: String) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var scalars = Array(text.unicodeScalars)[...]
        while let scalar = scalars.popFirst() {
            if quoted {
                if scalar == "\"" {
                    if scalars.first == "\"" { field.unicodeScalars.append(scalars.removeFirst()) } else { quoted = false }
                } else {
                    field.unicodeScalars.append(scalar)
                }
            } else if scalar == "\"" {
                quoted = true
            } else if scalar == "," {
                record.append(field)
                field = ""
            } else if scalar == "\r", scalars.first == "\n" {
                scalars.removeFirst()
                record.append(field)
                records.append(record)
                record = []
                field = ""
            } else {
                field.unicodeScalars.append(scalar)
            }
        }
        return records
    }
}

/// Runs a Python script with the Makefile's venv (`.venv`), the input written to a file passed as argv[1].
enum PythonScript {
    static func run(_ script: String, input: String) throws -> String {
        let python = SourceScanner.packageRoot.appendingPathComponent(".venv/bin/python3")
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            throw XCTSkip("no .venv: run `make test`, which creates it")
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-\(UUID().uuidString).csv")
        try Data(input.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = python
        process.arguments = ["-c", script, file.path]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let problems = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, problems)
        return text
    }
}
