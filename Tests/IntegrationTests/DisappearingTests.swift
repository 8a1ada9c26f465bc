import Foundation
import Klankbord
@testable import KlankbordStorage
import XCTest

/// Disappearing messages with real processes and real time: after the room's timer the message is gone from the
/// sender's and a reader's device and from every file in the server's data directory.
final class DisappearingTests: XCTestCase {
    func testAMessageVanishesFromBothDevicesAndTheServersFilesOnTime() throws {
        let community = try Community()
        let set = try community.fien.ok(["room", "rules", "Peers", "--disappear", "3s"]).joined(separator: "\n")
        XCTAssertTrue(set.contains("Messages disappear 3 seconds after they are sent, on every device and on the server."), set)
        try community.anna.ok(["send", "Peers", "verdwijnt", "straks"])
        let sentAt = Date()
        XCTAssertEqual(try community.read(community.bea), [
            "changed the rules. Messages disappear 3 seconds after they are sent, on every device and on the server.", "verdwijnt straks"])
        let (seq, payload) = try storedEvent(community)
        XCTAssertTrue(try community.bea.ok(["read", "Peers", "--show", String(seq)]).joined().contains("verdwijnt straks"))
        XCTAssertTrue(try community.anna.ok(["read", "Peers", "--show", String(seq)]).joined().contains("verdwijnt straks"))
        XCTAssertTrue(try dataDirectoryHolds(payload, community), "the server keeps the ciphertext until the timer ends")

        // The server deletes it within a second of the timer (it sweeps every second while a room has one).
        while try eventCount(community) > 0 && Date().timeIntervalSince(sentAt) < 8 { usleep(200_000) }
        let gone = Date().timeIntervalSince(sentAt)
        XCTAssertEqual(try eventCount(community), 0)
        XCTAssertGreaterThanOrEqual(gone, 2, "not before the timer (times are whole seconds)")
        XCTAssertLessThan(gone, 6, "deleted on time")
        XCTAssertFalse(try dataDirectoryHolds(payload, community), "no copy of the ciphertext in the database file or its log")

        // Both devices delete their copy the next time klankbord runs.
        for person in [community.anna, community.bea] {
            _ = try person.ok(["rooms"])
            let shown = try person.run(["read", "Peers", "--show", String(seq)])
            XCTAssertEqual(shown.status, 1)
            XCTAssertTrue(shown.error.contains("There is no message with number \(seq) on this device."), shown.error)
        }
        // A newcomer to the room, or a late reader, gets nothing of it either.
        XCTAssertEqual(try community.read(community.carla), [])
    }

    /// The newest event's sequence number and ciphertext, read from the server's database.
    private func storedEvent(_ community: Community) throws -> (UInt64, [UInt8]) {
        let database = try Database(.file(HostileServer(community: community).databasePath), readOnly: true)
        let row = try database.queryOne("SELECT seq, payload FROM events ORDER BY time DESC, seq DESC LIMIT 1", []) { (UInt64($0.int64(0)), $0.blob(1)) }
        return try XCTUnwrap(row)
    }

    private func eventCount(_ community: Community) throws -> Int64 {
        let database = try Database(.file(HostileServer(community: community).databasePath), readOnly: true)
        return try database.queryOne("SELECT count(*) FROM events", []) { $0.int64(0) } ?? -1
    }

    /// Whether any file of the daemon's data directory holds the last 48 bytes of `payload`.
    private func dataDirectoryHolds(_ payload: [UInt8], _ community: Community) throws -> Bool {
        let needle = Data(payload.suffix(48))
        let directory = community.daemon.dataDirectory
        let files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
        return try files.contains { file in try Data(contentsOf: file).range(of: needle) != nil }
    }
}
