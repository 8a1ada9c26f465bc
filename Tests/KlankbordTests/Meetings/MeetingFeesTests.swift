import Foundation
import Klankbord
@testable import KlankbordLocalization
@testable import KlankbordMeetings
import XCTest

/// Attendance proposes the meeting fee per attendee, in whole cents, for the ledger to take.
final class MeetingFeesTests: XCTestCase {
    typealias F = MeetingFixtures

    private func book(fee: Int64, cancel: Bool = false, attendees: [Set<MeetingBook.AccountID>]) -> MeetingBook {
        var book = MeetingBook()
        let fixed = MeetingEvent(id: F.meetingID, body: .fixed(origin: .direct, title: "Klankbord overleg", place: "Xenia",
                                                               slot: F.slot(startHours: 10), feeCents: fee))
        book.apply(fixed, from: F.facilitator, at: F.t0, facilitators: F.facilitators)
        for (index, list) in attendees.enumerated() {
            book.apply(MeetingEvent(body: .attendance(meeting: F.meetingID, attendees: list)), from: F.facilitator,
                       at: F.at(hours: 13 + Double(index)), facilitators: F.facilitators)
        }
        if cancel {
            book.apply(MeetingEvent(body: .cancelled(meeting: F.meetingID)), from: F.facilitator, at: F.at(hours: 20),
                       facilitators: F.facilitators)
        }
        return book
    }

    func testEachAttendeeGetsOneProposalOfTheFee() {
        let proposals = MeetingFees.proposals(in: book(fee: 2500, attendees: [[F.cas, F.anna]]))
        XCTAssertEqual(proposals.map(\.account), [F.anna, F.cas])
        XCTAssertEqual(proposals.map(\.amountCents), [2500, 2500])
        XCTAssertEqual(proposals.map(\.meeting), [F.meetingID, F.meetingID])
    }

    func testALaterAttendanceListReplacesTheEarlierOne() {
        let proposals = MeetingFees.proposals(in: book(fee: 2500, attendees: [[F.anna, F.bo], [F.anna, F.cas]]))
        XCTAssertEqual(proposals.map(\.account), [F.anna, F.cas])
    }

    func testNoProposalsForACancelledMeetingOrAMeetingWithoutFee() {
        XCTAssertEqual(MeetingFees.proposals(in: book(fee: 2500, cancel: true, attendees: [[F.anna]])), [])
        XCTAssertEqual(MeetingFees.proposals(in: book(fee: 0, attendees: [[F.anna]])), [])
        XCTAssertEqual(MeetingFees.proposals(in: book(fee: -100, attendees: [[F.anna]])), [])
    }

    func testAttendanceMarkedByAMemberProposesNothing() {
        var book = book(fee: 2500, attendees: [])
        book.apply(MeetingEvent(body: .attendance(meeting: F.meetingID, attendees: [F.anna])), from: F.anna, at: F.at(hours: 13),
                   facilitators: F.facilitators)
        XCTAssertEqual(MeetingFees.proposals(in: book), [])
    }

    func testAProposalReadsWithMoneyAndAmsterdamTimeInEachLanguage() throws {
        let proposal = try XCTUnwrap(MeetingFees.proposals(in: book(fee: 125_050, attendees: [[F.anna]])).first)
        // The meeting starts 2027-01-01 22:00 UTC, 23:00 in Amsterdam.
        XCTAssertEqual(proposal.line(Localizer(.en), handle: "anna"), "anna: €1,250.50 for Klankbord overleg (Fri 1 Jan 2027, 23:00)")
        XCTAssertEqual(proposal.line(Localizer(.nl), handle: "anna"), "anna: € 1.250,50 voor Klankbord overleg (vr 1 jan 2027, 23:00)")
        XCTAssertEqual(proposal.line(Localizer(.es), handle: "anna"), "anna: € 1.250,50 por Klankbord overleg (viernes 1 ene 2027, 23:00)")
    }
}
