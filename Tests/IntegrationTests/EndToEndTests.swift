import Foundation
import Klankbord
@testable import KlankbordE2E
@testable import KlankbordStorage
import XCTest

/// What the server and a seized laptop can and cannot see, with real processes.
final class EndToEndTests: XCTestCase {
    /// Every file below `folder`, as raw bytes.
    private func files(in folder: URL) throws -> [(String, Data)] {
        let paths = FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String } ?? []
        return try paths.compactMap { relative in
            let url = folder.appendingPathComponent(relative)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else { return nil }
            return (relative, try Data(contentsOf: url))
        }
    }

    func testServerFilesAndLogsNeverHoldMessageText() throws {
        let community = try Community()
        let sentinels = ["SENTINEL-ROOM-7f3a", "SENTINEL-DM-91c2", "SENTINEL-CHAT-44d0", "SENTINEL-REPLY-0b5e",
                         "SENTINEL-ANNA-2c81", "SENTINEL-BEA-d9e0"]
        try community.fien.ok(["send", "Peers", "meeting at " + sentinels[0]])
        try community.anna.ok(["send", "Peers", "from anna " + sentinels[4]])
        try community.bea.ok(["send", "Peers", "from bea " + sentinels[5]])
        try community.bea.ok(["dm", "anna", "secret " + sentinels[1]])
        let chat = try ChatProcess(community.carla, room: "Peers")
        XCTAssertTrue(chat.waitUntilReady())
        chat.type("typed " + sentinels[2])
        // fien's, bea's and carla's typed line (anna's own message is not read back).
        XCTAssertTrue(try community.read(community.anna, waitingFor: 3).contains("typed " + sentinels[2]))
        chat.quit()
        try community.anna.ok(["dm", "bea", "answer " + sentinels[3]])
        XCTAssertEqual(try community.read(community.bea, "anna"), ["answer " + sentinels[3]])
        XCTAssertEqual(try community.read(community.anna, "bea"), ["secret " + sentinels[1]])

        // First while the daemon runs: the newest writes are still in the write-ahead log, not yet checkpointed.
        let running = try files(in: community.daemon.dataDirectory)
        let wal = try XCTUnwrap(running.first { $0.0.hasSuffix("-wal") }, "the write-ahead log exists while the daemon runs")
        XCTAssertGreaterThan(wal.1.count, 0)
        for (name, bytes) in running {
            for sentinel in sentinels {
                XCTAssertNil(bytes.range(of: Data(sentinel.utf8)), "\(sentinel) found in the running server's \(name)")
            }
        }
        XCTAssertEqual(community.daemon.terminate(), 0)
        let log = community.daemon.logText()
        for (name, bytes) in try files(in: community.daemon.dataDirectory) + [("daemon log", Data(log.utf8))] {
            for sentinel in sentinels {
                XCTAssertNil(bytes.range(of: Data(sentinel.utf8)), "\(sentinel) found in the server's \(name)")
            }
        }
        XCTAssertFalse(log.contains("127.0.0.1"), "the daemon never logs addresses")
    }

    func testPassphraseProtectedProfileHoldsNoPlaintext() throws {
        let community = try Community()
        let dora = Person(community.base, "dora")
        let invite = try XCTUnwrap(community.fien.ok(["room", "invite", "Peers"]).first)
        let passphrase = ["KLANKBORD_PASSPHRASE": "correct horse battery staple"]
        XCTAssertEqual(try dora.run(["join", invite, "--handle", "dora"], environment: passphrase).status, 0)
        try community.anna.ok(["send", "Peers", "SENTINEL-LOCAL-5e11 for dora"])
        let read = try dora.run(["read", "Peers"], environment: passphrase)
        XCTAssertEqual(read.status, 0, read.error)
        XCTAssertTrue(read.output.contains("SENTINEL-LOCAL-5e11"))
        for (name, bytes) in try files(in: dora.profile) {
            XCTAssertNil(bytes.range(of: Data("SENTINEL-LOCAL-5e11".utf8)), "plaintext in the profile's \(name)")
            XCTAssertNil(bytes.range(of: Data("dora".utf8)), "the handle in the profile's \(name)")
        }
        let wrong = try dora.run(["read", "Peers"], environment: ["KLANKBORD_PASSPHRASE": "wrong"])
        XCTAssertEqual(wrong.status, 4)
        XCTAssertTrue(wrong.error.contains("passphrase is not right"), wrong.error)
        let none = try dora.run(["rooms"], environment: ["KLANKBORD_PASSPHRASE": ""])
        XCTAssertEqual(none.status, 4)
    }

    func testRemovingAMemberStartsANewEpochForEveryoneWhoSends() throws {
        let community = try Community()
        try community.anna.ok(["send", "Peers", "before"])
        XCTAssertEqual(try community.read(community.carla), ["before"])
        try community.fien.ok(["room", "remove", "Peers", "carla"])
        try community.anna.ok(["send", "Peers", "after"])
        XCTAssertEqual(try community.read(community.bea), ["before", "after"])

        // The two payloads the server holds from anna: the second is in a newer epoch, so carla's key cannot open it.
        let database = try Database(.file(community.daemon.dataDirectory.path + "/klankbord.db"), readOnly: true)
        let payloads = try database.query("SELECT e.payload FROM events e JOIN accounts a ON a.id = e.sender_id WHERE a.handle = 'anna' ORDER BY e.seq") { $0.blob(0) }
        let epochs = try payloads.map { try SenderKeyMessage(serialized: Array($0.dropFirst())).epoch }
        XCTAssertEqual(epochs.count, 2)
        XCTAssertGreaterThan(epochs[1], epochs[0])
    }

    func testNewMemberReadsOnlyWhatComesAfterJoining() throws {
        let community = try Community()
        try community.anna.ok(["send", "Peers", "old news"])
        let dora = Person(community.base, "dora")
        try dora.ok(["join", try XCTUnwrap(community.fien.ok(["room", "invite", "Peers"]).first), "--handle", "dora"])
        try community.anna.ok(["send", "Peers", "welcome dora"])
        XCTAssertEqual(try community.read(dora), ["welcome dora"])
    }

    func testSafetyNumbersMatchOnBothSidesAndCanBeConfirmed() throws {
        let community = try Community()
        try community.anna.ok(["dm", "bea", "hi"])
        let fromAnna = try community.anna.ok(["verify", "bea"])
        let fromBea = try community.bea.ok(["verify", "anna"])
        let digits = { (lines: [String]) in lines.filter { $0.hasPrefix("    ") }.joined(separator: " ") }
        XCTAssertEqual(digits(fromAnna).split(separator: " ").count, 12)
        XCTAssertEqual(digits(fromAnna), digits(fromBea))
        XCTAssertNotEqual(digits(fromAnna), digits(try community.anna.ok(["verify", "carla"])))
        try community.anna.ok(["verify", "bea", "--confirm"])
        XCTAssertTrue(try community.anna.ok(["verify", "bea"]).joined().contains("already checked"))
    }

    func testPanicWipesTheProfileAndTheAccount() throws {
        let community = try Community()
        let result = try community.carla.run(["panic", "--now"])
        XCTAssertEqual(result.status, 0, result.error)
        XCTAssertFalse(FileManager.default.fileExists(atPath: community.carla.profile.path))
        let members = try community.fien.ok(["members", "Peers"])
        XCTAssertFalse(members.contains("carla"))
        // The name is free again: nothing of carla is left on the server.
        let again = Person(community.base, "carla2")
        try again.ok(["join", try XCTUnwrap(community.fien.ok(["room", "invite", "Peers"]).first), "--handle", "carla"])
    }
}
