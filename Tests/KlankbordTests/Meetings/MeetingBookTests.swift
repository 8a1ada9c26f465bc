import Foundation
import Klankbord
@testable import KlankbordMeetings
import XCTest

/// The reducer: who may do what, deadlines, SEQUENCE, and anonymous votes.
final class MeetingBookTests: XCTestCase {
    typealias F = MeetingFixtures

    private func book(_ events: [(MeetingEvent, MeetingBook.AccountID, Double)]) -> MeetingBook {
        var book = MeetingBook()
        for (event, author, hours) in events {
            book.apply(event, from: author, at: F.at(hours: hours), facilitators: F.facilitators)
        }
        return book
    }

    func testAPollFromAMemberIsIgnoredWithAWarning() {
        var book = MeetingBook()
        let outcome = book.apply(F.poll(), from: F.anna, at: F.t0, facilitators: F.facilitators)
        XCTAssertEqual(outcome, .ignored(.notFacilitator(author: F.anna, type: "meeting.poll")))
        XCTAssertEqual(book.polls, [])
    }

    func testScheduleChangesFromAMemberAreIgnored() {
        var book = book([(F.fixed(), F.facilitator, 0)])
        for body in [MeetingEvent.Body.cancelled(meeting: F.meetingID),
                     .rescheduled(meeting: F.meetingID, slot: F.slot(startHours: 200), place: nil),
                     .attendance(meeting: F.meetingID, attendees: [F.bo])] {
            let outcome = book.apply(MeetingEvent(body: body), from: F.bo, at: F.at(hours: 1), facilitators: F.facilitators)
            XCTAssertEqual(outcome, .ignored(.notFacilitator(author: F.bo, type: body.type)))
        }
        XCTAssertEqual(book.meeting(F.meetingID)?.status, .confirmed)
        XCTAssertEqual(book.meeting(F.meetingID)?.sequence, 0)
        XCTAssertEqual(book.meeting(F.meetingID)?.attendees, [])
    }

    func testMembersMayVoteAndChangeTheirVoteUntilTheDeadline() {
        let book = book([
            (F.poll(), F.facilitator, 0),
            (MeetingEvent(body: .vote(poll: F.pollID, answers: [0: .yes, 1: .no])), F.anna, 1),
            (MeetingEvent(body: .vote(poll: F.pollID, answers: [0: .no, 1: .yes])), F.anna, 2),
            (MeetingEvent(body: .vote(poll: F.pollID, answers: [1: .maybe])), F.bo, 3),
        ])
        let tallies = book.polls.first?.tallies
        XCTAssertEqual(tallies?[0], MeetingEvent.SlotTally(slot: 0, yes: 0, maybe: 0, no: 1))
        XCTAssertEqual(tallies?[1], MeetingEvent.SlotTally(slot: 1, yes: 1, maybe: 1, no: 0))
    }

    func testVotesAfterTheDeadlineDoNotCountInEitherOrder() {
        let late = MeetingEvent(body: .vote(poll: F.pollID, answers: [0: .yes]))
        var pollFirst = MeetingBook()
        pollFirst.apply(F.poll(deadlineHours: 10), from: F.facilitator, at: F.t0, facilitators: F.facilitators)
        XCTAssertEqual(pollFirst.apply(late, from: F.anna, at: F.at(hours: 11), facilitators: F.facilitators),
                       .ignored(.voteAfterDeadline(author: F.anna)))
        var voteFirst = MeetingBook()
        voteFirst.apply(late, from: F.anna, at: F.at(hours: 11), facilitators: F.facilitators)
        voteFirst.apply(F.poll(deadlineHours: 10), from: F.facilitator, at: F.t0, facilitators: F.facilitators)
        for book in [pollFirst, voteFirst] {
            XCTAssertEqual(book.polls.first?.tallies.first, MeetingEvent.SlotTally(slot: 0, yes: 0, maybe: 0, no: 0))
            XCTAssertEqual(book.polls.first?.votes, [:])
        }
    }

    func testRescheduleAndCancelBumpTheSequenceAndKeepTheOldTime() {
        var book = book([(F.fixed(), F.facilitator, 0)])
        XCTAssertEqual(book.meeting(F.meetingID)?.sequence, 0)
        book.apply(MeetingEvent(body: .rescheduled(meeting: F.meetingID, slot: F.slot(startHours: 150), place: "online")),
                   from: F.facilitator, at: F.at(hours: 5), facilitators: F.facilitators)
        let moved = book.meeting(F.meetingID)
        XCTAssertEqual(moved?.sequence, 1)
        XCTAssertEqual(moved?.slot, F.slot(startHours: 150))
        XCTAssertEqual(moved?.previousSlot, F.slot(startHours: 124))
        XCTAssertEqual(moved?.place, "online")
        book.apply(MeetingEvent(body: .cancelled(meeting: F.meetingID)), from: F.facilitator, at: F.at(hours: 6),
                   facilitators: F.facilitators)
        XCTAssertEqual(book.meeting(F.meetingID)?.sequence, 2)
        XCTAssertEqual(book.meeting(F.meetingID)?.status, .cancelled)
        XCTAssertEqual(book.meeting(F.meetingID)?.changed, F.at(hours: 6))
    }

    func testRSVPsKeepEachMembersLatestAnswer() {
        let book = book([
            (F.fixed(), F.facilitator, 0),
            (MeetingEvent(body: .rsvp(meeting: F.meetingID, answer: .yes)), F.anna, 1),
            (MeetingEvent(body: .rsvp(meeting: F.meetingID, answer: .no)), F.anna, 2),
            (MeetingEvent(body: .rsvp(meeting: F.meetingID, answer: .maybe)), F.bo, 1),
        ])
        XCTAssertEqual(book.meeting(F.meetingID)?.rsvps, [F.anna: .no, F.bo: .maybe])
    }

    func testADuplicateChangesNothing() {
        var book = book([(F.fixed(), F.facilitator, 0)])
        let cancel = MeetingEvent(body: .cancelled(meeting: F.meetingID))
        XCTAssertEqual(book.apply(cancel, from: F.facilitator, at: F.at(hours: 1), facilitators: F.facilitators), .applied)
        XCTAssertEqual(book.apply(cancel, from: F.facilitator, at: F.at(hours: 1), facilitators: F.facilitators), .duplicate)
        XCTAssertEqual(book.meeting(F.meetingID)?.sequence, 1)
    }

    func testAnAnonymousPollsVotesGoOnlyToFacilitatorsAndTheTallyNamesNoOne() {
        let vote = MeetingEvent(body: .vote(poll: F.pollID, answers: [0: .yes, 2: .maybe]))
        var member = MeetingBook()
        XCTAssertEqual(member.route(for: vote), .facilitatorsOnly, "unknown poll: tell fewer people")
        member.apply(F.poll(anonymous: true), from: F.facilitator, at: F.t0, facilitators: F.facilitators)
        XCTAssertEqual(member.route(for: vote), .facilitatorsOnly)
        var open = MeetingBook()
        open.apply(F.poll(anonymous: false), from: F.facilitator, at: F.t0, facilitators: F.facilitators)
        XCTAssertEqual(open.route(for: vote), .room)

        var facilitator = member
        facilitator.apply(vote, from: 0x0A0B_0C0D_0E0F_1011, at: F.at(hours: 1), facilitators: F.facilitators)
        facilitator.apply(MeetingEvent(body: .vote(poll: F.pollID, answers: [0: .no])), from: F.bo, at: F.at(hours: 1),
                          facilitators: F.facilitators)
        guard let tally = facilitator.tallyEvent(for: F.pollID) else { return XCTFail("no tally") }
        XCTAssertEqual(member.route(for: tally), .room)
        let bytes = tally.payload.serialized()
        let voterBytes: [UInt8] = [0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F, 0x10, 0x11]
        XCTAssertFalse(bytes.indices.contains { Array(bytes[$0...].prefix(8)) == voterBytes }, "a voter's id is in the tally")

        member.apply(tally, from: F.facilitator, at: F.at(hours: 2), facilitators: F.facilitators)
        XCTAssertEqual(member.polls.first?.votes, [:])
        XCTAssertEqual(member.polls.first?.tallies.first, MeetingEvent.SlotTally(slot: 0, yes: 1, maybe: 0, no: 1))
    }
}
