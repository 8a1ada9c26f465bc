import Foundation
import XCTest

/// `make install` / `make uninstall` into a staging folder (DESTDIR), and `systemd-analyze verify` on the units.
final class InstallTests: XCTestCase {
    private struct Outcome {
        let status: Int32
        let output: String
    }

    private func run(_ executable: String, _ arguments: [String], in folder: URL = Products.packageRoot) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }

    private func make(_ target: String, into destination: URL) throws -> Outcome {
        try run("/usr/bin/env", ["make", "--no-print-directory", target, "DESTDIR=\(destination.path)", "INSTALL_FROM=\(Products.directory.path)"])
    }

    private func mode(_ url: URL) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int) ?? -1
    }

    private func userExists() throws -> Bool {
        try run("/usr/bin/getent", ["passwd", "klankbord"]).status == 0
    }

    func testMakeInstallIntoAStagingFolderPutsEveryFileInPlaceAndUninstallKeepsTheData() throws {
        let destination = try Products.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: destination) }
        let hadUser = try userExists()
        let installed = try make("install", into: destination)
        XCTAssertEqual(installed.status, 0, installed.output)
        let file = { (path: String) in destination.appendingPathComponent(path) }
        for binary in ["usr/local/bin/klankbordd", "usr/local/bin/klankbord"] {
            XCTAssertTrue(FileManager.default.isExecutableFile(atPath: file(binary).path), binary)
            XCTAssertEqual(try mode(file(binary)), 0o755, binary)
        }
        for unit in ["klankbordd.service", "klankbord-backup.service", "klankbord-backup.timer"] {
            XCTAssertEqual(try mode(file("etc/systemd/system/" + unit)), 0o644, unit)
        }
        let backupUnit = try String(contentsOf: file("etc/systemd/system/klankbord-backup.service"), encoding: .utf8)
        XCTAssertTrue(backupUnit.contains("ExecStart=/usr/local/bin/klankbordd backup /var/backups/klankbord --keep "), backupUnit)
        XCTAssertTrue(backupUnit.contains("LoadCredential=backup-passphrase:/etc/klankbord/backup-passphrase"), backupUnit)
        let config = try String(contentsOf: file("etc/klankbord/klankbord.conf"), encoding: .utf8)
        XCTAssertTrue(config.contains("\ndata_dir = /var/lib/klankbord\n"), config)
        XCTAssertEqual(try mode(file("var/backups/klankbord")), 0o700)
        XCTAssertEqual(try userExists(), hadUser, "a DESTDIR install must not create the system user")

        // A second install keeps a config the operator changed.
        try (config + "\nretention_days = 90\n").write(to: file("etc/klankbord/klankbord.conf"), atomically: true, encoding: .utf8)
        let again = try make("install", into: destination)
        XCTAssertEqual(again.status, 0, again.output)
        XCTAssertTrue(try String(contentsOf: file("etc/klankbord/klankbord.conf"), encoding: .utf8).contains("retention_days = 90"))

        // Uninstall removes the programs and units, keeps the changed config and the backup folder.
        try FileManager.default.createDirectory(at: file("var/lib/klankbord"), withIntermediateDirectories: true)
        try Data("data".utf8).write(to: file("var/lib/klankbord/klankbord.db"))
        let removed = try make("uninstall", into: destination)
        XCTAssertEqual(removed.status, 0, removed.output)
        for gone in ["usr/local/bin/klankbordd", "usr/local/bin/klankbord", "etc/systemd/system/klankbordd.service",
                     "etc/systemd/system/klankbord-backup.service", "etc/systemd/system/klankbord-backup.timer"] {
            XCTAssertFalse(FileManager.default.fileExists(atPath: file(gone).path), gone)
        }
        for kept in ["etc/klankbord/klankbord.conf", "var/lib/klankbord/klankbord.db", "var/backups/klankbord"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: file(kept).path), kept)
        }
    }

    func testSystemdAcceptsTheUnits() throws {
        let analyze = "/usr/bin/systemd-analyze"
        guard FileManager.default.isExecutableFile(atPath: analyze) else {
            throw XCTSkip("systemd-analyze is not installed here, so the units are not verified")
        }
        let destination = try Products.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: destination) }
        XCTAssertEqual(try make("install", into: destination).status, 0)
        // verify checks that ExecStart names an executable: point it at the staged binary.
        let units = ["klankbordd.service", "klankbord-backup.service", "klankbord-backup.timer"]
        let checked = destination.appendingPathComponent("verify")
        try FileManager.default.createDirectory(at: checked, withIntermediateDirectories: true)
        for unit in units {
            let text = try String(contentsOf: destination.appendingPathComponent("etc/systemd/system/" + unit), encoding: .utf8)
            try text.replacingOccurrences(of: "/usr/local/bin/", with: destination.path + "/usr/local/bin/")
                .write(to: checked.appendingPathComponent(unit), atomically: true, encoding: .utf8)
        }
        let verdict = try run(analyze, ["verify", "--man=no"] + units.map { "./" + $0 }, in: checked)
        // systemd only warns about unknown keys and bad values, so any output at all is a failure.
        XCTAssertEqual(verdict.status, 0, verdict.output)
        XCTAssertEqual(verdict.output, "", verdict.output)
    }
}
