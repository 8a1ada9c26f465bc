import Foundation
import Klankbord
import XCTest

/// `klankbordd backup`, `verify-backup`, `restore` and `status` with real processes.
final class BackupTests: XCTestCase {
    /// A shell loop of `klankbord send` that prints `<time> <text>` after each acknowledged message.
    private func startSender(_ person: Person, prefix: String, log: URL) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        let script = "i=0; while [ $i -lt 200 ]; do i=$((i+1)); \"$KB\" send Peers \"\(prefix)-$i\" --profile \"$PROFILE\" >/dev/null 2>&1 "
            + "&& echo \"$(date +%s.%N) \(prefix)-$i\"; done"
        process.arguments = ["-c", script]
        var environment = ProcessInfo.processInfo.environment
        environment["LANG"] = "C"
        environment["KB"] = Products.cli.path
        environment["PROFILE"] = person.profile.path
        process.environment = environment
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: log)
        try process.run()
        return process
    }

    /// The texts a sender's log says were acknowledged before `instant`.
    private func acknowledged(_ log: URL, before instant: Double) throws -> [String] {
        try String(contentsOf: log, encoding: .utf8).split(separator: "\n").compactMap { line in
            let parts = line.split(separator: " ")
            guard parts.count == 2, let time = Double(parts[0]), time < instant else { return nil }
            return String(parts[1])
        }
    }

    func testABackupTakenDuringWritesRestoresEveryMessageAcknowledgedBeforeIt() throws {
        let community = try Community()
        let logs = [community.base.appendingPathComponent("anna.log"), community.base.appendingPathComponent("bea.log")]
        let senders = [try startSender(community.anna, prefix: "anna", log: logs[0]), try startSender(community.bea, prefix: "bea", log: logs[1])]
        defer { for sender in senders where sender.isRunning { sender.terminate() } }
        let warmUp = Date().addingTimeInterval(60)
        while try logs.contains(where: { try acknowledged($0, before: .infinity).count < 3 }) && Date() < warmUp { usleep(100_000) }

        let backupFile = community.base.appendingPathComponent("nightly.kbbackup")
        let began = Date().timeIntervalSince1970
        let backup = try DaemonAdmin.run(["backup", backupFile.path], dataDirectory: community.daemon.dataDirectory)
        XCTAssertEqual(backup.status, 0, backup.error)
        let expected = try logs.flatMap { try acknowledged($0, before: began) }
        XCTAssertGreaterThanOrEqual(expected.count, 6)
        usleep(500_000)
        for sender in senders { sender.terminate(); sender.waitUntilExit() }
        let sentInAll = try logs.flatMap { try acknowledged($0, before: .infinity) }

        let port = community.daemon.port
        XCTAssertEqual(community.daemon.terminate(), 0)
        let restore = try DaemonAdmin.run(["restore", backupFile.path], dataDirectory: community.daemon.dataDirectory)
        XCTAssertEqual(restore.status, 0, restore.error)
        let restored = try Database(.file(community.daemon.dataDirectory.appendingPathComponent("klankbord.db").path))
        XCTAssertTrue(try restored.integrityCheck())

        try community.daemon.start(port: port)
        let texts = try community.read(community.carla)
        let missing = expected.filter { !texts.contains($0) }
        XCTAssertEqual(missing, [], "acknowledged before the backup began, but not in the restored server")
        // Nothing appears that was never sent.
        XCTAssertEqual(texts.filter { !sentInAll.contains($0) }, [])
    }

    func testABackupFileHoldsNoReadableHandleRoomNameOrKey() throws {
        let community = try Community()
        try community.fien.ok(["send", "Peers", "welcome-text-in-the-clear"])
        let data = community.daemon.dataDirectory
        let file = community.base.appendingPathComponent("b.kbbackup")
        XCTAssertEqual(try DaemonAdmin.run(["backup", file.path], dataDirectory: data).status, 0)
        let sealed = try Data(contentsOf: file)
        let key = try Data(contentsOf: data.appendingPathComponent("server.key"))
        // The same search finds the names in the database itself, so it can find them.
        let database = try Data(contentsOf: data.appendingPathComponent("klankbord.db")) + ((try? Data(contentsOf: data.appendingPathComponent("klankbord.db-wal"))) ?? Data())
        for needle in ["anna", "carla", "fien", "root", "Peers"] {
            XCTAssertNotNil(database.range(of: Data(needle.utf8)), "\(needle) should be in the database")
            XCTAssertNil(sealed.range(of: Data(needle.utf8)), "\(needle) is readable in the backup")
        }
        XCTAssertNil(sealed.range(of: key), "the server key is readable in the backup")

        let verified = try DaemonAdmin.run(["verify-backup", file.path], dataDirectory: data)
        XCTAssertEqual(verified.status, 0, verified.error)
        XCTAssertTrue(verified.output.contains("is a good backup"), verified.output)
        XCTAssertTrue(verified.output.contains("Accounts: 5. Rooms: 1."), verified.output)
    }

    func testAWrongPassphraseAndATruncatedFileAreRefusedEachWithItsOwnMessage() throws {
        let community = try Community()
        let data = community.daemon.dataDirectory
        let file = community.base.appendingPathComponent("b.kbbackup")
        XCTAssertEqual(try DaemonAdmin.run(["backup", file.path], dataDirectory: data).status, 0)
        let wrong = try DaemonAdmin.run(["verify-backup", file.path], dataDirectory: data, passphrase: "not the right passphrase")
        XCTAssertEqual(wrong.status, 1)
        XCTAssertTrue(wrong.error.contains("The passphrase does not open"), wrong.error)

        let whole = try Data(contentsOf: file)
        let cut = community.base.appendingPathComponent("cut.kbbackup")
        for length in [4, 40, whole.count / 2, whole.count - 1] {
            try whole.prefix(length).write(to: cut)
            let truncated = try DaemonAdmin.run(["restore", cut.path], dataDirectory: data)
            XCTAssertEqual(truncated.status, 1)
            XCTAssertTrue(truncated.error.contains("is not complete"), "cut at \(length): " + truncated.error)
        }
        var flipped = whole
        flipped[whole.count - 100] ^= 1
        try flipped.write(to: cut)
        let tampered = try DaemonAdmin.run(["verify-backup", cut.path], dataDirectory: data)
        XCTAssertEqual(tampered.status, 1)
        XCTAssertFalse(tampered.error.contains("is not complete"), tampered.error)

        let dutch = try DaemonAdmin.run(["verify-backup", file.path], dataDirectory: data, language: "nl_NL.UTF-8", passphrase: "not the right passphrase")
        XCTAssertTrue(dutch.error.contains("Dit wachtwoord opent"), dutch.error)
        let none = try DaemonAdmin.run(["backup", community.base.appendingPathComponent("c.kbbackup").path], dataDirectory: data, passphrase: nil)
        XCTAssertEqual(none.status, 1)
        XCTAssertTrue(none.error.contains("There is no passphrase"), none.error)
        let short = try DaemonAdmin.run(["backup", community.base.appendingPathComponent("c.kbbackup").path], dataDirectory: data, passphrase: "short")
        XCTAssertTrue(short.error.contains("too short"), short.error)
    }

    func testRestoreRefusesWhileTheDaemonRunsAndChangesNothing() throws {
        let community = try Community()
        let data = community.daemon.dataDirectory
        let file = community.base.appendingPathComponent("b.kbbackup")
        XCTAssertEqual(try DaemonAdmin.run(["backup", file.path], dataDirectory: data).status, 0)
        try community.fien.ok(["send", "Peers", "after the backup"])
        let refused = try DaemonAdmin.run(["restore", file.path], dataDirectory: data)
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.error.contains("klankbordd is running (process \(community.daemon.process.processIdentifier))"), refused.error)
        let names = try FileManager.default.contentsOfDirectory(atPath: data.path)
        XCTAssertFalse(names.contains { $0.hasPrefix("replaced-") }, "\(names)")
        XCTAssertEqual(try community.read(community.anna), ["after the backup"])

        // A second daemon on the same folder is refused too, with its own sentence.
        let second = try DaemonAdmin.run(["--port", "0"], dataDirectory: data)
        XCTAssertEqual(second.status, 1)
        XCTAssertTrue(second.error.contains("Another klankbordd already uses the data folder"), second.error)
    }

    func testStatusCountsWithoutNamesAndKnowsWhetherTheDaemonRuns() throws {
        let community = try Community()
        let data = community.daemon.dataDirectory
        let running = try DaemonAdmin.run(["status"], dataDirectory: data)
        XCTAssertEqual(running.status, 0, running.error)
        XCTAssertTrue(running.output.contains("klankbordd has been running since"), running.output)
        XCTAssertTrue(running.output.contains("Accounts: 5. Rooms: 1."), running.output)
        XCTAssertTrue(running.output.contains("There is no backup yet"), running.output)
        for name in ["anna", "fien", "Peers", "root"] { XCTAssertFalse(running.output.contains(name), running.output) }

        XCTAssertEqual(try DaemonAdmin.run(["backup", community.base.appendingPathComponent("b.kbbackup").path], dataDirectory: data).status, 0)
        let json = try DaemonAdmin.run(["status", "--json"], dataDirectory: data)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        XCTAssertEqual(object["running"] as? Bool, true)
        XCTAssertEqual(object["pid"] as? Int, Int(community.daemon.process.processIdentifier))
        XCTAssertEqual(object["accounts"] as? Int, 5)
        XCTAssertNotNil(object["last_backup_at"] as? Int)
        XCTAssertGreaterThan(object["database_bytes"] as? Int ?? 0, 0)

        community.daemon.terminate()
        let stopped = try DaemonAdmin.run(["status"], dataDirectory: data)
        XCTAssertTrue(stopped.output.contains("klankbordd is not running."), stopped.output)
        XCTAssertTrue(stopped.output.contains("Last backup:"), stopped.output)
    }

    func testTheTimerUnitsWayWorksPassphraseFromItsCredentialFileAndOnlyTheNewestKept() throws {
        let community = try Community()
        let data = community.daemon.dataDirectory
        let credentials = community.base.appendingPathComponent("credentials")
        let folder = community.base.appendingPathComponent("backups")
        try FileManager.default.createDirectory(at: credentials, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("the passphrase of the unit\n".utf8).write(to: credentials.appendingPathComponent("backup-passphrase"))
        // Old backups in the folder, and a file that is not a backup, which must stay.
        for name in ["klankbord-20200101-000000.kbbackup", "klankbord-20200102-000000.kbbackup", "notes.txt"] {
            try Data("old".utf8).write(to: folder.appendingPathComponent(name))
        }
        let made = try DaemonAdmin.run(["backup", folder.path, "--keep", "2"], dataDirectory: data, passphrase: nil,
                                       environment: ["CREDENTIALS_DIRECTORY": credentials.path])
        XCTAssertEqual(made.status, 0, made.error)
        XCTAssertTrue(made.output.contains("One older backup was deleted. The newest 2 stay."), made.output)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        XCTAssertEqual(names.count, 3, "\(names)")
        XCTAssertTrue(names.contains("klankbord-20200102-000000.kbbackup") && names.contains("notes.txt"), "\(names)")
        let newest = try XCTUnwrap(names.first { $0.hasPrefix("klankbord-20") && !$0.hasPrefix("klankbord-2020") })
        // The line break that ends the credential file is not part of the passphrase.
        let verified = try DaemonAdmin.run(["verify-backup", folder.appendingPathComponent(newest).path], dataDirectory: data,
                                           passphrase: "the passphrase of the unit")
        XCTAssertEqual(verified.status, 0, verified.error)
    }

    /// On a terminal (a pseudo-terminal from `script`) the passphrase is asked twice and not shown.
    func testOnATerminalThePassphraseIsAskedTwiceAndNotShown() throws {
        let script = "/usr/bin/script"
        guard FileManager.default.isExecutableFile(atPath: script) else { throw XCTSkip("no script(1) to make a terminal with") }
        let community = try Community()
        let data = community.daemon.dataDirectory
        func backup(_ name: String, typing answers: [String]) throws -> (status: Int32, screen: String) {
            let file = community.base.appendingPathComponent(name)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            let typing = answers.map { "sleep 1; printf '%s\\n' '\($0)'" }.joined(separator: "; ")
            process.arguments = ["-c", "(\(typing); sleep 1) | \(script) -qec '\(Products.daemon.path) backup \(file.path) --data-dir \(data.path)' /dev/null"]
            var environment = ProcessInfo.processInfo.environment
            environment["LANG"] = "C"
            environment.removeValue(forKey: "KLANKBORD_BACKUP_PASSPHRASE")
            environment.removeValue(forKey: "CREDENTIALS_DIRECTORY")
            process.environment = environment
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            let screen = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, screen)
        }
        let differ = try backup("a.kbbackup", typing: ["first long passphrase", "second long passphrase"])
        XCTAssertTrue(differ.screen.contains("Passphrase for the backup:"), differ.screen)
        XCTAssertTrue(differ.screen.contains("Type the passphrase again:"), differ.screen)
        XCTAssertTrue(differ.screen.contains("The two passphrases are not the same. Nothing was saved."), differ.screen)
        XCTAssertFalse(FileManager.default.fileExists(atPath: community.base.appendingPathComponent("a.kbbackup").path))

        let same = try backup("b.kbbackup", typing: ["typed long passphrase", "typed long passphrase"])
        XCTAssertTrue(same.screen.contains("The backup is saved as"), same.screen)
        XCTAssertFalse(same.screen.contains("typed long passphrase"), "the passphrase was shown: " + same.screen)
        let verified = try DaemonAdmin.run(["verify-backup", community.base.appendingPathComponent("b.kbbackup").path], dataDirectory: data,
                                           passphrase: "typed long passphrase")
        XCTAssertEqual(verified.status, 0, verified.error)
    }
}
