import Foundation
import XCTest
import Klankbord
@testable import KlankbordClient
@testable import KlankbordProtocol

/// The local profile's public behaviour: creating and opening, read cursors that only move forward,
/// a history without duplicates, and rooms that disappear with everything kept for them.
final class ProfileTests: XCTestCase {
    private var directory = ""

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("kb-profile-\(UUID().uuidString)").path
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func room(_ id: UInt64, _ name: String = "Peers") -> RoomSummary {
        RoomSummary(id: id, kind: .group, name: name, lastSeq: 0, memberCount: 3)
    }

    private func message(_ room: UInt64, _ seq: UInt64, _ text: String) -> StoredMessage {
        StoredMessage(room: room, seq: seq, sender: "anna", time: 1_750_000_000 + Int64(seq), body: .text(text))
    }

    func testCreateOpenAndTheErrorsAroundThem() throws {
        XCTAssertThrowsError(try Profile(openingAt: directory) { nil }) { XCTAssertEqual($0 as? Profile.Failure, .missing) }
        let created = try Profile.create(at: directory, passphrase: nil)
        XCTAssertTrue(Profile.exists(at: directory))
        XCTAssertThrowsError(try Profile.create(at: directory, passphrase: nil)) { XCTAssertEqual($0 as? Profile.Failure, .alreadyExists) }
        let reopened = try Profile(openingAt: directory) { XCTFail("no passphrase is asked for"); return nil }
        XCTAssertEqual(try reopened.deviceKey().publicKey, try created.deviceKey().publicKey, "the device key is kept")
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: directory)[.posixPermissions] as? Int, 0o700)
    }

    func testTheReadCursorOnlyMovesForward() throws {
        let profile = try Profile.create(at: directory, passphrase: nil)
        try profile.remember([room(1), room(2, "Noord")])
        XCTAssertEqual(profile.readSeq(1), 0)
        try profile.setReadSeq(1, 5)
        try profile.setReadSeq(1, 3)
        XCTAssertEqual(profile.readSeq(1), 5, "an older position never moves the cursor back")
        try profile.setReadSeq(1, 9)
        XCTAssertEqual(profile.readSeq(1), 9)
        XCTAssertEqual(profile.readSeq(2), 0, "each room has its own cursor")
        let reopened = try Profile(openingAt: directory) { nil }
        XCTAssertEqual(reopened.readSeq(1), 9, "the cursor is kept across runs")
    }

    func testTheHistoryKeepsEachMessageOnceOldestFirst() throws {
        let profile = try Profile.create(at: directory, passphrase: nil)
        try profile.remember([room(1)])
        XCTAssertTrue(try profile.store(message(1, 2, "twee")))
        XCTAssertTrue(try profile.store(message(1, 1, "een")))
        XCTAssertFalse(try profile.store(message(1, 2, "twee, again")), "a message seen before is not stored twice")
        XCTAssertTrue(try profile.store(message(1, 3, "drie")))
        XCTAssertEqual(profile.history(1, limit: 10).map(\.body), [.text("een"), .text("twee"), .text("drie")])
        XCTAssertEqual(profile.history(1, limit: 2).map(\.seq), [2, 3], "the last messages, oldest first")
        let text = try Data(contentsOf: URL(fileURLWithPath: directory + "/client.db"))
        XCTAssertNil(text.range(of: Data("twee".utf8)), "message text is sealed in the database")
    }

    func testARoomThatIsGoneTakesItsHistoryAndCursorWithIt() throws {
        let profile = try Profile.create(at: directory, passphrase: nil)
        try profile.remember([room(1), room(2, "Noord")])
        try profile.store(message(1, 1, "weg"))
        try profile.store(message(2, 1, "blijft"))
        try profile.setReadSeq(1, 1)
        try profile.remember([room(2, "Noord")])
        XCTAssertEqual(profile.history(1, limit: 10), [])
        XCTAssertEqual(profile.readSeq(1), 0)
        XCTAssertEqual(profile.history(2, limit: 10).map(\.body), [.text("blijft")])
    }
}
