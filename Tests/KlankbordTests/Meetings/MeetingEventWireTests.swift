import Foundation
import Klankbord
@testable import KlankbordE2E
@testable import KlankbordMeetings
import XCTest

/// Every `meeting.*` body survives the payload envelope byte for byte, and bad bodies are refused.
final class MeetingEventWireTests: XCTestCase {
    typealias F = MeetingFixtures

    static let everyKind: [MeetingEvent] = [
        F.poll(anonymous: true),
        MeetingEvent(body: .vote(poll: F.pollID, answers: [0: .yes, 1: .maybe, 2: .no])),
        MeetingEvent(body: .tallyPublished(poll: F.pollID, tallies: [MeetingEvent.SlotTally(slot: 0, yes: 3, maybe: 1, no: 0)])),
        F.fixed(),
        MeetingEvent(body: .fixed(origin: .direct, title: "Peer group", place: "online", slot: F.slot(startHours: 3), feeCents: 0)),
        MeetingEvent(body: .rescheduled(meeting: F.meetingID, slot: F.slot(startHours: 130), place: "Café; \"De Brug\"")),
        MeetingEvent(body: .rescheduled(meeting: F.meetingID, slot: F.slot(startHours: 131), place: nil)),
        MeetingEvent(body: .cancelled(meeting: F.meetingID)),
        MeetingEvent(body: .rsvp(meeting: F.meetingID, answer: .maybe)),
        MeetingEvent(body: .attendance(meeting: F.meetingID, attendees: [F.anna, F.cas])),
        MeetingEvent(body: .handover([MeetingEvent.Handed(event: F.poll(), author: F.facilitator, time: F.t0),
                                      MeetingEvent.Handed(event: F.fixed(), author: 7, time: F.at(hours: 3))])),
    ]

    func testEveryKindRoundTripsThroughThePayloadEnvelope() throws {
        for event in Self.everyKind {
            let bytes = event.payload.serialized()
            let payload = try PayloadEvent(serialized: bytes)
            XCTAssertEqual(payload.type, event.body.type)
            XCTAssertEqual(try MeetingEvent(payload: payload), event, event.body.type)
        }
    }

    func testVoteBodyHasTheDocumentedBytes() {
        let event = MeetingEvent(body: .vote(poll: F.pollID, answers: [2: .no, 0: .yes]))
        let expected: [UInt8] = [1] + [UInt8](repeating: 1, count: 16) + [0, 2, 0, 1, 2, 3]
        guard case .unsupported(_, let raw) = event.payload.content else { return XCTFail("not a raw payload") }
        XCTAssertEqual(raw, expected)
    }

    func testOtherPayloadTypesAreNotMeetingEvents() throws {
        XCTAssertNil(try MeetingEvent(payload: PayloadEvent(content: .text("hallo"))))
        XCTAssertNil(try MeetingEvent(payload: PayloadEvent(content: .unsupported(type: "ledger.entry", raw: [1]))))
    }

    func testDamagedBodiesAreRefused() {
        for event in Self.everyKind {
            guard case .unsupported(let type, let raw) = event.payload.content else { return XCTFail("not raw") }
            let damaged = [raw.dropLast(), raw + [0], [2] + raw.dropFirst()]
            for bytes in damaged {
                XCTAssertThrowsError(try MeetingEvent(payload: PayloadEvent(content: .unsupported(type: type, raw: Array(bytes)))),
                                     "\(type) \(bytes.count)")
            }
        }
    }

    func testAHandoverCannotCarryVotesOrAnotherHandover() {
        let vote = MeetingEvent(body: .vote(poll: F.pollID, answers: [0: .yes]))
        let inner = MeetingEvent(body: .handover([MeetingEvent.Handed(event: F.poll(), author: F.facilitator, time: F.t0)]))
        for event in [vote, inner] {
            let handover = MeetingEvent(body: .handover([MeetingEvent.Handed(event: event, author: F.anna, time: F.t0)]))
            XCTAssertThrowsError(try MeetingEvent(payload: handover.payload), event.body.type)
        }
    }

    func testRandomAndMutatedBodiesNeverCrashTheDecoder() {
        var rng = SeededGenerator(seed: 0x18)
        var decoded = 0
        for round in 0..<3000 {
            let base = Self.everyKind[round % Self.everyKind.count]
            guard case .unsupported(let type, var raw) = base.payload.content else { return XCTFail("not raw") }
            if round % 3 == 0 {
                raw = rng.bytes(Int.random(in: 0...64, using: &rng))
            } else {
                for _ in 0...Int.random(in: 0...3, using: &rng) where !raw.isEmpty {
                    raw[Int.random(in: 0..<raw.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
                }
            }
            if (try? MeetingEvent(payload: PayloadEvent(content: .unsupported(type: type, raw: raw)))) != nil { decoded += 1 }
        }
        XCTAssertGreaterThan(decoded, 0, "some mutations keep a valid body")
    }

    func testAnUnknownAnswerIsRefused() {
        let raw: [UInt8] = [1] + [UInt8](repeating: 2, count: 16) + [4]
        XCTAssertThrowsError(try MeetingEvent(payload: PayloadEvent(content: .unsupported(type: "meeting.rsvp", raw: raw))))
    }
}
