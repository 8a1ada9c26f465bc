import Foundation
import Klankbord
@testable import KlankbordMeetings
import XCTest

/// A member who joins later sees coming meetings and open polls, but never past votes or answers.
final class MeetingHandoverTests: XCTestCase {
    typealias F = MeetingFixtures

    /// The facilitator's book: an open poll with votes and a tally, a moved meeting with RSVPs and
    /// attendance, a closed poll, and a meeting that has ended.
    private func facilitatorBook() -> MeetingBook {
        var book = MeetingBook()
        func add(_ event: MeetingEvent, _ author: MeetingBook.AccountID = F.facilitator, _ hours: Double) {
            book.apply(event, from: author, at: F.at(hours: hours), facilitators: F.facilitators)
        }
        add(F.poll(deadlineHours: 48), F.facilitator, 0)
        add(MeetingEvent(body: .vote(poll: F.pollID, answers: [0: .yes])), F.anna, 1)
        add(MeetingEvent(body: .tallyPublished(poll: F.pollID, tallies: [MeetingEvent.SlotTally(slot: 0, yes: 1, maybe: 0, no: 0)])), F.facilitator, 2)
        add(F.fixed(), F.facilitator, 0)
        add(MeetingEvent(body: .rescheduled(meeting: F.meetingID, slot: F.slot(startHours: 130), place: "online")), F.facilitator, 3)
        add(MeetingEvent(body: .rsvp(meeting: F.meetingID, answer: .yes)), F.bo, 4)
        let closed = MeetingEvent(body: .pollProposed(title: "Closed", place: "p", slots: [F.slot(startHours: 1), F.slot(startHours: 2)],
                                                      deadline: F.at(hours: 1), anonymous: false))
        add(closed, F.facilitator, 0)
        add(MeetingEvent(body: .fixed(origin: .direct, title: "Past", place: "p", slot: F.slot(startHours: 2), feeCents: 0)), F.facilitator, 0)
        return book
    }

    func testAHandoverCarriesComingMeetingsAndOpenPollsButNoVotesOrAnswers() throws {
        let now = F.at(hours: 10)
        let facilitator = facilitatorBook()
        let handover = try XCTUnwrap(facilitator.handover(now: now))
        let types = try XCTUnwrap({ if case .handover(let items) = handover.body { items.map(\.event.body.type) } else { nil } }())
        XCTAssertEqual(types, ["meeting.poll", "meeting.fixed", "meeting.tally", "meeting.moved"])

        var newcomer = MeetingBook()
        XCTAssertEqual(newcomer.apply(handover, from: F.facilitator, at: now, facilitators: F.facilitators), .applied)
        XCTAssertEqual(newcomer.polls.map(\.title), ["Klankbord overleg"])
        XCTAssertEqual(newcomer.polls.first?.votes, [:])
        XCTAssertEqual(newcomer.polls.first?.tallies.first?.yes, 1, "the published tally comes along")
        let meeting = try XCTUnwrap(newcomer.meetings.first)
        XCTAssertEqual(newcomer.meetings.count, 1)
        XCTAssertEqual(meeting.slot, F.slot(startHours: 130))
        XCTAssertEqual(meeting.previousSlot, F.slot(startHours: 124))
        XCTAssertEqual(meeting.sequence, 1)
        XCTAssertEqual(meeting.rsvps, [:])
        let bytes = handover.payload.serialized()
        XCTAssertFalse(bytes.indices.contains { Array(bytes[$0...].prefix(8)) == [0, 0, 0, 0, 0, 0, 0, UInt8(F.bo)] && $0 > 0 },
                       "an RSVP author is in the handover")
    }

    func testTheSameEventsArrivingAgainDoNotCountTwice() throws {
        let now = F.at(hours: 10)
        let facilitator = facilitatorBook()
        let handover = try XCTUnwrap(facilitator.handover(now: now))
        var newcomer = MeetingBook()
        newcomer.apply(handover, from: F.facilitator, at: now, facilitators: F.facilitators)
        newcomer.apply(handover, from: F.facilitator, at: now, facilitators: F.facilitators)
        for entry in facilitator.ordered {
            newcomer.apply(entry.event, from: entry.author, at: entry.time, facilitators: F.facilitators)
        }
        XCTAssertEqual(newcomer.meeting(F.meetingID)?.sequence, 1)
    }

    func testAHandoverFromAMemberIsIgnored() throws {
        let handover = try XCTUnwrap(facilitatorBook().handover(now: F.at(hours: 10)))
        var newcomer = MeetingBook()
        XCTAssertEqual(newcomer.apply(handover, from: F.anna, at: F.t0, facilitators: F.facilitators),
                       .ignored(.notFacilitator(author: F.anna, type: "meeting.handover")))
        XCTAssertEqual(newcomer.meetings, [])
    }

    func testForgedAuthorsInsideAHandoverStillNeedTheRole() {
        let forged = MeetingEvent(body: .handover([MeetingEvent.Handed(event: F.fixed(), author: F.anna, time: F.t0)]))
        var newcomer = MeetingBook()
        newcomer.apply(forged, from: F.facilitator, at: F.t0, facilitators: F.facilitators)
        XCTAssertEqual(newcomer.meetings, [])
    }
}
