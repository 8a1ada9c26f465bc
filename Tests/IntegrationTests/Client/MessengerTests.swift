import Foundation
import Klankbord
@testable import KlankbordClient
@testable import KlankbordCrypto
@testable import KlankbordE2E
@testable import KlankbordProtocol
@testable import KlankbordSystem
import XCTest

/// `Messenger` against a real daemon (it needs a live connection): sender keys rotate when a member is
/// gone, and room events whose key has not arrived yet are kept and opened once it has.
final class MessengerTests: MessengerRoomTestCase {
    /// The sender-key epoch of the event at `seq`.
    private func epoch(of seq: UInt64, in room: RoomSummary, reader: MessengerRoom.Device) throws -> UInt32 {
        let event = try XCTUnwrap(reader.connection.events(in: room.id, after: seq - 1).first { $0.seq == seq })
        return try SenderKeyMessage(serialized: Array(event.payload.dropFirst())).epoch
    }

    /// The texts `device` opens from the events of `room` after `seq`, after reading its inbox.
    private func read(_ device: MessengerRoom.Device, _ room: RoomSummary, after seq: UInt64 = 0) throws -> [String] {
        try device.messenger.processInbox()
        return try device.messenger.open(device.connection.events(in: room.id, after: seq)).compactMap {
            if case let .text(text) = $0.body { text } else { nil }
        }
    }

    func testTheSenderKeyRotatesWhenAMemberIsGoneAndOnlyThen() throws {
        let (room, facilitator, people) = try room()
        let (anna, bea, carla) = (people[0], people[1], people[2])
        let first = try anna.messenger.send(.text("een"), to: room)
        let second = try anna.messenger.send(.text("twee"), to: room)
        XCTAssertEqual(try epoch(of: first, in: room, reader: bea), try epoch(of: second, in: room, reader: bea), "no one left: same epoch")
        XCTAssertEqual(try read(bea, room), ["een", "twee"])
        XCTAssertEqual(try read(carla, room), ["een", "twee"])

        _ = try facilitator.call(.roomRemove(room: room.id, handle: "carla"))
        let third = try anna.messenger.send(.text("drie"), to: room)
        XCTAssertGreaterThan(try epoch(of: third, in: room, reader: bea), try epoch(of: second, in: room, reader: bea), "carla is gone: a new epoch")
        XCTAssertEqual(try read(bea, room, after: second), ["drie"], "the others get the new key")
        let fourth = try anna.messenger.send(.text("vier"), to: room)
        XCTAssertEqual(try epoch(of: fourth, in: room, reader: bea), try epoch(of: third, in: room, reader: bea), "no one else left: no new epoch")
        XCTAssertThrowsError(try carla.connection.events(in: room.id, after: 0)) { XCTAssertEqual($0 as? ClientError, .server(.notAMember)) }
    }

    func testAnEventWhoseKeyHasNotArrivedIsKeptAndOpenedWhenItDoes() throws {
        let (room, _, people) = try room()
        let (anna, bea) = (people[0], people[1])
        try anna.messenger.send(.text("wacht op de sleutel"), to: room)
        // bea reads the room before her inbox: the room key is still there, unread.
        XCTAssertEqual(try bea.messenger.open(bea.connection.events(in: room.id, after: 0)), [], "not readable yet")
        XCTAssertEqual(try bea.messenger.retryPending(room.id), [], "still no key")
        try bea.messenger.processInbox()
        XCTAssertEqual(try bea.messenger.retryPending(room.id).map(\.body), [.text("wacht op de sleutel")])
        XCTAssertEqual(try bea.messenger.retryPending(room.id), [], "opened once, then no longer pending")
        XCTAssertEqual(bea.profile.history(room.id, limit: 10).map(\.body), [.text("wacht op de sleutel")])
    }
}
