import Foundation
import XCTest

/// Under systemd the daemon's log lines go to journald with priority prefixes and no timestamps.
final class JournalLogTests: XCTestCase {
    private func logOfOneRun(environment extra: [String: String]) throws -> String {
        let base = try Products.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: base) }
        let process = Process()
        process.executableURL = Products.daemon
        process.arguments = ["--data-dir", base.appendingPathComponent("var").path, "--port", "0"]
        var environment = ProcessInfo.processInfo.environment
        environment["LANG"] = "C"
        environment.removeValue(forKey: "JOURNAL_STREAM")
        environment.removeValue(forKey: "INVOCATION_ID")
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        var output = Data()
        let deadline = Date().addingTimeInterval(20)
        while !String(decoding: output, as: UTF8.self).contains("listening on") && Date() < deadline {
            let chunk = stdout.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            output.append(chunk)
        }
        process.terminate()
        let log = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        return String(decoding: log, as: UTF8.self)
    }

    func testUnderSystemdEveryLineStartsWithAPriorityAndHasNoTimestamp() throws {
        let lines = try logOfOneRun(environment: ["JOURNAL_STREAM": "9:4242"]).split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.contains { $0.hasPrefix("<6>listening on port ") }, "\(lines)")
        XCTAssertTrue(lines.contains("<6>stopped"), "\(lines)")
        for line in lines {
            XCTAssertNotNil(line.range(of: #"^<[0-7]>"#, options: .regularExpression), line)
            XCTAssertNil(line.range(of: #"\d{4}-\d\d-\d\dT"#, options: .regularExpression), line)
        }
    }

    func testOutsideSystemdLinesKeepTheirTimestamps() throws {
        let lines = try logOfOneRun(environment: [:]).split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.contains { $0.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ info listening on port "#, options: .regularExpression) != nil }, "\(lines)")
    }
}
