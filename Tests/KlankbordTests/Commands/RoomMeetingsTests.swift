import Foundation
import Klankbord
@testable import KlankbordClient
@testable import KlankbordCommands
@testable import KlankbordE2E
@testable import KlankbordMeetings
import XCTest

/// How the CLI reduces the meeting events a device holds: a vote changed within the same second still replaces
/// the earlier one (found in `make test` under load, where two CLI runs landed in one second).
final class RoomMeetingsTests: XCTestCase {
    private let fien: UInt64 = 1, carla: UInt64 = 3

    private func held(_ event: MeetingEvent, from sender: UInt64, at time: Int64, seq: UInt64?) -> FeatureEvent {
        FeatureEvent(room: 9, sender: sender, senderHandle: sender == fien ? "fien" : "carla", time: time, seq: seq, event: event.payload)
    }

    func testAVoteChangedInTheSameSecondReplacesTheEarlierOneWhateverTheirIds() throws {
        let now = Int64(Date().timeIntervalSince1970)
        let slots = [MeetingEvent.Slot(start: Date(timeIntervalSince1970: TimeInterval(now + 86_400)), end: Date(timeIntervalSince1970: TimeInterval(now + 90_000))),
                     MeetingEvent.Slot(start: Date(timeIntervalSince1970: TimeInterval(now + 172_800)), end: Date(timeIntervalSince1970: TimeInterval(now + 176_400)))]
        let poll = MeetingEvent(body: .pollProposed(title: "t", place: "p", slots: slots, deadline: Date(timeIntervalSince1970: TimeInterval(now + 3600)),
                                                    anonymous: false))
        // The later vote has the smaller id, so an order by id alone would keep the first.
        let first = MeetingEvent(id: try PayloadEvent.ID(Array(repeating: 0xff, count: 16)), body: .vote(poll: poll.id, answers: [1: .yes]))
        let second = MeetingEvent(id: try PayloadEvent.ID(Array(repeating: 0x00, count: 16)), body: .vote(poll: poll.id, answers: [0: .yes, 1: .no]))
        let events = [held(poll, from: fien, at: now, seq: 1), held(first, from: carla, at: now + 5, seq: 2), held(second, from: carla, at: now + 5, seq: 3)]
        let (book, warnings) = RoomMeetings.reduce(events, facilitators: [fien])
        XCTAssertTrue(warnings.isEmpty)
        XCTAssertEqual(book.polls.first?.votes[carla], [0: .yes, 1: .no])
    }
}
