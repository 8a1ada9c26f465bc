import Foundation
import Klankbord
@testable import KlankbordClient
@testable import KlankbordE2E
@testable import KlankbordProtocol
@testable import KlankbordTrust
import XCTest

/// Feature events (`meeting.*`, `consultation.*`, `ledger.*`) through a real daemon: a room-wide one reaches every
/// member but never the chat history; a private one reaches only the members it was sealed for; and without a
/// signed room log nobody is a facilitator, whatever role the server's tables give.
final class FeatureEventTests: MessengerRoomTestCase {
    private func event(_ type: String, _ text: String) -> PayloadEvent {
        PayloadEvent(content: .unsupported(type: type, raw: Array(text.utf8)))
    }

    func testARoomFeatureEventReachesEveryMemberAndNeverTheChat() throws {
        let (room, _, people) = try room()
        let (anna, bea, carla) = (people[0], people[1], people[2])
        try anna.messenger.send(.text("hallo"), to: room)
        let poll = event("meeting.poll-proposed", "dinsdag of donderdag?")
        try anna.messenger.send(event: poll, to: room)

        for reader in [bea, carla] {
            try reader.messenger.processInbox()
            let opened = try reader.messenger.open(reader.connection.events(in: room.id, after: 0))
            XCTAssertEqual(opened.map(\.body), [.text("hallo")], "a feature event is no chat line")
            let events = reader.messenger.featureEvents(in: room.id, prefix: "meeting.")
            XCTAssertEqual(events.map(\.event), [poll])
            XCTAssertEqual(events.first?.sender, anna.id)
            XCTAssertEqual(events.first?.isPrivate, false)
            XCTAssertEqual(reader.messenger.featureEvents(in: room.id, prefix: "ledger."), [])
        }
        XCTAssertEqual(anna.messenger.featureEvents(in: room.id, prefix: "meeting.").map(\.event), [poll], "the sender keeps its own")
        // Opening the same events again keeps one copy.
        _ = try bea.messenger.open(bea.connection.events(in: room.id, after: 0))
        XCTAssertEqual(bea.messenger.featureEvents(in: room.id, prefix: "").count, 1)
    }

    func testAPrivateFeatureEventReachesOnlyItsRecipients() throws {
        let (room, _, people) = try room()
        let (anna, bea, carla) = (people[0], people[1], people[2])
        let answer = event("consultation.answer", "mijn antwoord")
        let bundle = try XCTUnwrap(bea.profile.identity()).publicBundle
        let delivered = try anna.messenger.sendPrivately(answer, about: room.id,
                                                         to: [LogMember(account: bea.id, handle: "bea", identity: bundle, role: .member, since: 0)])
        XCTAssertEqual(delivered, [bea.id])

        try bea.messenger.processInbox()
        let got = bea.messenger.featureEvents(in: room.id, prefix: "consultation.")
        XCTAssertEqual(got.map(\.event), [answer])
        XCTAssertEqual(got.first?.sender, anna.id)
        XCTAssertEqual(got.first?.isPrivate, true)

        try carla.messenger.processInbox()
        XCTAssertEqual(carla.messenger.featureEvents(in: room.id, prefix: ""), [], "nobody else gets it")
        XCTAssertEqual(try carla.connection.events(in: room.id, after: 0), [], "and nothing went into the room")
        XCTAssertEqual(anna.messenger.featureEvents(in: room.id, prefix: "consultation.").map(\.isPrivate), [true])
    }

    func testCatchingUpForFeaturesLeavesChatLinesNewForRead() throws {
        let (room, _, people) = try room()
        let (anna, bea) = (people[0], people[1])
        try anna.messenger.send(.text("eerst"), to: room)
        try anna.messenger.send(event: event("meeting.rsvp", "ja"), to: room)
        try anna.messenger.send(.text("daarna"), to: room)

        try bea.messenger.catchUp(room.id)
        XCTAssertEqual(bea.messenger.featureEvents(in: room.id, prefix: "meeting.").count, 1)
        XCTAssertEqual(bea.profile.readSeq(room.id), 0, "the read cursor did not move")
        // What `read` does: the chat lines come back from the history, the feature event is not opened twice.
        let shown = try bea.messenger.openOrRecall(bea.connection.events(in: room.id, after: 0).filter { $0.senderID != bea.id })
        XCTAssertEqual(shown.map(\.body), [.text("eerst"), .text("daarna")])
        XCTAssertEqual(bea.profile.history(room.id, limit: 10).map(\.body), [.text("eerst"), .text("daarna")], "no unreadable line")
    }

    func testWithoutASignedLogNobodyIsAFacilitatorWhateverTheServerSays() throws {
        let (room, _, people) = try room()
        guard case let .members(members) = try people[0].connection.call(.members(room: room.id)) else { throw ClientError.protocolViolation }
        XCTAssertTrue(members.contains { $0.role == .facilitator }, "the server's tables name a facilitator")
        XCTAssertEqual(try people[0].messenger.facilitators(of: room.id), [], "the client believes no one without a signed log")
    }
}
