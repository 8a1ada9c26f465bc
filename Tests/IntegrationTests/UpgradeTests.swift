import Foundation
import Klankbord
import XCTest

/// A database from a newer version stops an older daemon with a sentence that says what to do.
final class UpgradeTests: XCTestCase {
    private func startOnce(_ dataDirectory: URL, language: String) throws -> CLIResult {
        let process = Process()
        process.executableURL = Products.daemon
        process.arguments = ["--data-dir", dataDirectory.path, "--port", "0"]
        var environment = ProcessInfo.processInfo.environment
        environment["LANG"] = language
        environment.removeValue(forKey: "LC_ALL")
        environment.removeValue(forKey: "LC_MESSAGES")
        environment.removeValue(forKey: "JOURNAL_STREAM")
        environment.removeValue(forKey: "INVOCATION_ID")
        process.environment = environment
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLIResult(status: process.terminationStatus, output: String(decoding: out, as: UTF8.self), error: String(decoding: err, as: UTF8.self))
    }

    func testADatabaseFromANewerVersionStopsTheDaemonWithATranslatedSentence() throws {
        let base = try Products.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: base) }
        let data = base.appendingPathComponent("var")
        let daemon = try DaemonProcess(dataDirectory: data)
        XCTAssertEqual(daemon.terminate(), 0)
        do {
            // What a newer klankbordd leaves behind: a migration this one does not know.
            let database = try Database(.file(data.appendingPathComponent("klankbord.db").path))
            try database.run("INSERT INTO schema_migrations(name, applied_at) VALUES ('999-from-the-future', 0)")
        }
        let english = try startOnce(data, language: "C")
        XCTAssertEqual(english.status, 1)
        XCTAssertTrue(english.error.contains("This database was made by a newer version of klankbordd. Install that version again."), english.error)
        XCTAssertTrue(english.error.contains("klankbordd restore"), english.error)
        XCTAssertFalse(english.error.contains("migrationFailed"), english.error)
        XCTAssertFalse(english.output.contains("listening"), english.output)

        let dutch = try startOnce(data, language: "nl_NL.UTF-8")
        XCTAssertEqual(dutch.status, 1)
        XCTAssertTrue(dutch.error.contains("Deze database is gemaakt door een nieuwere versie van klankbordd."), dutch.error)
        XCTAssertFalse(dutch.error.contains("migrationFailed"), dutch.error)

        // operator-invite opens the same database and must say the same.
        let invite = try DaemonAdmin.run(["operator-invite"], dataDirectory: data)
        XCTAssertEqual(invite.status, 1)
        XCTAssertTrue(invite.error.contains("newer version of klankbordd"), invite.error)
    }
}
