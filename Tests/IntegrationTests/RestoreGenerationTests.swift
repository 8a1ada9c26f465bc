import Foundation
import XCTest

/// A restore under connected clients (issue 23): the restored server gives out again sequence numbers the
/// devices already passed; the restore generation makes every device read from where the backup ended, so
/// nothing sent after the restore is skipped, and each person is told once that later messages may be missing.
final class RestoreGenerationTests: XCTestCase {
    private let notice = "The server went back to an older copy (a backup)."

    func testNoDeviceSkipsAMessageSentAfterARestoreAndEachIsToldOnce() throws {
        let community = try Community()
        // Every chain and session is set up, and every inbox emptied, before the backup.
        try community.fien.ok(["send", "Peers", "hello from fien"])
        try community.anna.ok(["send", "Peers", "before-backup"])
        try community.bea.ok(["send", "Peers", "bea-before"])
        for person in [community.fien, community.anna, community.bea, community.carla] { _ = try community.read(person) }
        let chat = try TerminalChat(community.carla, room: "Peers")
        XCTAssertTrue(chat.waitUntilReady(), chat.text)

        let backupFile = community.base.appendingPathComponent("before.kbbackup")
        let backup = try DaemonAdmin.run(["backup", backupFile.path], dataDirectory: community.daemon.dataDirectory)
        XCTAssertEqual(backup.status, 0, backup.error)

        // After the backup: read by everyone, then lost with the restore.
        for index in 1...3 { try community.anna.ok(["send", "Peers", "lost-\(index)"]) }
        XCTAssertEqual(try community.read(community.bea, waitingFor: 3), ["lost-1", "lost-2", "lost-3"])
        XCTAssertEqual(try community.read(community.fien, waitingFor: 3), ["lost-1", "lost-2", "lost-3"])
        XCTAssertTrue(chat.waitUntil { $0.screen.contains { $0.hasSuffix("anna: lost-3") } }, chat.screen.joined(separator: "\n"))

        let port = community.daemon.port
        XCTAssertEqual(community.daemon.terminate(), 0)
        let restore = try DaemonAdmin.run(["restore", backupFile.path], dataDirectory: community.daemon.dataDirectory)
        XCTAssertEqual(restore.status, 0, restore.error)
        try community.daemon.start(port: port)

        // fien sends first: her messages take the numbers lost-1 and lost-2 had.
        let fienSends = try community.fien.run(["send", "Peers", "after-restore-1"])
        XCTAssertEqual(fienSends.status, 0, fienSends.error)
        XCTAssertEqual(fienSends.error.components(separatedBy: notice).count - 1, 1, fienSends.error)
        try community.fien.ok(["send", "Peers", "after-restore-2"])

        let annaReads = try community.anna.run(["read", "Peers", "--json"])
        XCTAssertEqual(annaReads.status, 0, annaReads.error)
        XCTAssertEqual(texts(annaReads), ["after-restore-1", "after-restore-2"])
        XCTAssertEqual(annaReads.error.components(separatedBy: notice).count - 1, 1, annaReads.error)

        let beaReads = try community.bea.run(["read", "Peers", "--json"])
        XCTAssertEqual(texts(beaReads), ["after-restore-1", "after-restore-2"], beaReads.error)
        XCTAssertTrue(beaReads.error.contains(notice), beaReads.error)

        XCTAssertTrue(chat.waitFor("You are connected again", timeout: 45), chat.text)
        XCTAssertTrue(chat.waitUntil { $0.screen.contains { $0.hasSuffix("fien: after-restore-2") } }, chat.screen.joined(separator: "\n"))
        XCTAssertTrue(chat.screen.contains { $0.hasSuffix("fien: after-restore-1") }, chat.screen.joined(separator: "\n"))

        // Told once: the next commands and messages go on as usual.
        try community.anna.ok(["send", "Peers", "after-restore-3"])
        let again = try community.bea.run(["read", "Peers", "--json"])
        XCTAssertEqual(texts(again), ["after-restore-3"], again.error)
        XCTAssertFalse(again.error.contains(notice), again.error)
        XCTAssertTrue(chat.waitUntil { $0.screen.contains { $0.hasSuffix("anna: after-restore-3") } }, chat.screen.joined(separator: "\n"))
        XCTAssertEqual(chat.text.components(separatedBy: notice).count - 1, 1, chat.text)
        let fienAgain = try community.fien.run(["read", "Peers", "--json"])
        XCTAssertEqual(texts(fienAgain), ["after-restore-3"], fienAgain.error)
        XCTAssertFalse(fienAgain.error.contains(notice), fienAgain.error)
        chat.type("/quit\r")
        XCTAssertTrue(chat.waitForExit())
    }

    private func texts(_ result: CLIResult) -> [String] {
        result.lines.compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["text"] as? String
        }
    }
}
