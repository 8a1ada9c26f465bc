import Foundation
import Klankbord
@testable import KlankbordE2E
@testable import KlankbordMeetings
import XCTest

/// Property: every delivery order of the same events, with duplicates, gives the same state.
final class MeetingBookOrderTests: XCTestCase {
    typealias F = MeetingFixtures
    typealias Delivery = (event: MeetingEvent, author: MeetingBook.AccountID, time: Date)

    /// A random history: polls, votes (some late, some from the same voter), meetings, moves,
    /// cancellations, RSVPs, attendance, and events from people without the role.
    private func history(_ rng: inout SeededGenerator) -> [Delivery] {
        var out: [Delivery] = []
        let people: [MeetingBook.AccountID] = [F.facilitator, F.anna, F.bo, F.cas]
        let polls = (0..<2).map { _ in PayloadEvent.ID.random() }
        let meetings = (0..<2).map { _ in PayloadEvent.ID.random() }
        func time(_ rng: inout SeededGenerator) -> Date { F.at(hours: Double(Int.random(in: 0...20, using: &rng))) }
        for poll in polls {
            let body = MeetingEvent.Body.pollProposed(title: "t", place: "p", slots: [F.slot(startHours: 100), F.slot(startHours: 110)],
                                                     deadline: F.at(hours: 12), anonymous: Bool.random(using: &rng))
            out.append((MeetingEvent(id: poll, body: body), F.facilitator, F.t0))
        }
        for meeting in meetings {
            let body = MeetingEvent.Body.fixed(origin: .direct, title: "m", place: "p", slot: F.slot(startHours: 200), feeCents: 1500)
            out.append((MeetingEvent(id: meeting, body: body), F.facilitator, time(&rng)))
        }
        for _ in 0..<30 {
            let author = people.randomElement(using: &rng) ?? F.anna
            let meeting = meetings.randomElement(using: &rng) ?? meetings[0]
            let answer = MeetingEvent.Answer.allCases.randomElement(using: &rng) ?? .yes
            let body: MeetingEvent.Body
            switch Int.random(in: 0..<6, using: &rng) {
            case 0: body = .vote(poll: polls.randomElement(using: &rng) ?? polls[0], answers: [0: answer, 1: .maybe])
            case 1: body = .rescheduled(meeting: meeting, slot: F.slot(startHours: Double(Int.random(in: 150...300, using: &rng))),
                                        place: Bool.random(using: &rng) ? "elders" : nil)
            case 2: body = .cancelled(meeting: meeting)
            case 3: body = .rsvp(meeting: meeting, answer: answer)
            case 4: body = .attendance(meeting: meeting, attendees: Set(people.filter { _ in Bool.random(using: &rng) }))
            default: body = .tallyPublished(poll: polls[0], tallies: [MeetingEvent.SlotTally(slot: 0, yes: Int.random(in: 0...5, using: &rng), maybe: 0, no: 0)])
            }
            out.append((MeetingEvent(body: body), author, time(&rng)))
        }
        // A handover repeats some of these events (same ids): it must not count them twice.
        let handed = out.filter { MeetingEvent.Body.handedTypes.contains($0.event.body.type) && Bool.random(using: &rng) }
            .map { MeetingEvent.Handed(event: $0.event, author: $0.author, time: $0.time) }
        out.append((MeetingEvent(body: .handover(handed)), F.facilitator, time(&rng)))
        return out
    }

    private func play(_ deliveries: [Delivery]) -> MeetingBook {
        var book = MeetingBook()
        for delivery in deliveries {
            book.apply(delivery.event, from: delivery.author, at: delivery.time, facilitators: F.facilitators)
        }
        return book
    }

    func testEveryDeliveryOrderWithDuplicatesGivesTheSameState() {
        var rng = SeededGenerator(seed: 18)
        for round in 0..<40 {
            let events = history(&rng)
            let reference = play(events)
            XCTAssertFalse(reference.meetings.isEmpty)
            for _ in 0..<10 {
                var shuffled = events + events.filter { _ in Int.random(in: 0..<4, using: &rng) == 0 }
                shuffled.shuffle(using: &rng)
                let other = play(shuffled)
                XCTAssertEqual(other.polls, reference.polls, "round \(round)")
                XCTAssertEqual(other.meetings, reference.meetings, "round \(round)")
            }
        }
    }
}
