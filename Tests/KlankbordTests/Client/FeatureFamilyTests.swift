import Foundation
import XCTest
import Klankbord
@testable import KlankbordClient
@testable import KlankbordE2E
@testable import KlankbordStorage

/// A command that reads one family of feature events (`agenda` the `meeting.` ones) gets exactly those, in the
/// order they came, whether they were stored with their family tag (migration 006) or before it.
final class FeatureFamilyTests: XCTestCase {
    private var directory = ""
    private let room: UInt64 = 41
    private let otherRoom: UInt64 = 42

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("klankbord-families-\(UUID().uuidString)").path
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func event(_ type: String, in room: UInt64, _ number: Int) -> FeatureEvent {
        FeatureEvent(room: room, sender: 7, senderHandle: "fien", time: 1_800_000_000 + Int64(number), seq: UInt64(number),
                     event: PayloadEvent(content: .unsupported(type: type, raw: Array("body \(number)".utf8))))
    }

    /// Stores a mix: meetings, ledger steps, a consultation, an event without a family, and a meeting elsewhere.
    private func storeMix(_ profile: Profile) throws {
        let types = ["meeting.created", "ledger.step", "ledger.step", "consultation.posed", "meeting.rsvp", "custom", "ledger.confirmation"]
        for (number, type) in types.enumerated() { try profile.store(event(type, in: room, number)) }
        try profile.store(event("meeting.created", in: otherRoom, 99))
    }

    private func types(_ events: [FeatureEvent]) -> [String] { events.map(\.event.type) }

    func testEachFamilyReadsOnlyItsOwnEventsInOrder() throws {
        let profile = try Profile.create(at: directory, passphrase: nil)
        try storeMix(profile)
        XCTAssertEqual(types(profile.featureEvents(room, prefix: "meeting.")), ["meeting.created", "meeting.rsvp"])
        XCTAssertEqual(types(profile.featureEvents(room, prefix: "ledger.")), ["ledger.step", "ledger.step", "ledger.confirmation"])
        XCTAssertEqual(types(profile.featureEvents(room, prefix: "ledger.confirmation")), ["ledger.confirmation"])
        XCTAssertEqual(types(profile.featureEvents(room, prefix: "consultation.")), ["consultation.posed"])
        XCTAssertEqual(profile.featureEvents(room).count, 7, "without a prefix every event of the room")
        XCTAssertEqual(types(profile.featureEvents(otherRoom, prefix: "meeting.")), ["meeting.created"])
    }

    /// Rows stored before migration 006 carry no family tag: they are still found, and tagged the first time.
    func testRowsFromBeforeTheFamilyTagAreFoundAndThenTagged() throws {
        var profile: Profile? = try Profile.create(at: directory, passphrase: nil)
        try storeMix(try XCTUnwrap(profile))
        profile = nil
        let database = try Database(.file(directory + "/client.db"), journal: .rollback)
        try database.run("UPDATE feature_events SET kind = NULL")
        XCTAssertEqual(try database.queryOne("SELECT count(*) FROM feature_events WHERE kind IS NULL", []) { $0.int64(0) }, 8)

        let reopened = try Profile(openingAt: directory) { nil }
        XCTAssertEqual(types(reopened.featureEvents(room, prefix: "meeting.")), ["meeting.created", "meeting.rsvp"])
        XCTAssertEqual(try database.queryOne("SELECT count(*) FROM feature_events WHERE kind IS NULL", []) { $0.int64(0) }, 1,
                       "the room's rows are tagged once read; the other room's row waits for its own first read")
        XCTAssertEqual(types(reopened.featureEvents(room, prefix: "ledger.")), ["ledger.step", "ledger.step", "ledger.confirmation"])
        XCTAssertEqual(types(reopened.featureEvents(room, prefix: "meeting.")), ["meeting.created", "meeting.rsvp"])
        XCTAssertEqual(types(reopened.featureEvents(otherRoom, prefix: "meeting.")), ["meeting.created"])
        XCTAssertEqual(try database.queryOne("SELECT count(*) FROM feature_events WHERE kind IS NULL", []) { $0.int64(0) }, 0)
    }
}
