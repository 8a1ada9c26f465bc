import Foundation
import Klankbord
@testable import KlankbordConsultations
@testable import KlankbordCrypto
@testable import KlankbordE2E
@testable import KlankbordMeetings
import XCTest

/// docs/vectors/meetings.json and docs/vectors/consultations.json (PROTOCOL.md §19.6.2, §19.6.3): one payload event of
/// every `meeting.*` and `consultation.*` type, with its fields, its body and the whole payload event, made by the
/// features' own encoders and read back by their decoders.
final class FeatureEventVectorTests: XCTestCase {
    static let time: Int64 = 1_780_000_000

    static func id(_ byte: UInt8) throws -> PayloadEvent.ID { try PayloadEvent.ID(Array(repeating: byte, count: 16)) }
    static func date(_ seconds: Int64) -> Date { Date(timeIntervalSince1970: TimeInterval(seconds)) }
    static func slot(_ start: Int64, _ end: Int64) -> MeetingEvent.Slot { MeetingEvent.Slot(start: date(start), end: date(end)) }
    static func slotJSON(_ start: Int64, _ end: Int64) -> [String: Any] { ["start": start, "end": end] }

    /// One vector: the event's type, id, fields, body and whole payload event.
    static func entry(_ event: PayloadEvent, body: [UInt8], _ fields: [String: Any]) -> [String: Any] {
        ["type": event.type, "id": hex(event.id.bytes), "fields": fields, "body": hex(body), "event": hex(event.serialized())]
    }

    func testMeetingEventsMatchTheCommittedVectors() throws {
        let t = Self.time
        let poll = try Self.id(0x51), meeting = try Self.id(0x54), direct = try Self.id(0x55)
        let pollEvent = MeetingEvent(id: poll, body: .pollProposed(
            title: "Klankbordoverleg", place: "Leeuwarden, zaal 2",
            slots: [Self.slot(t + 86_400, t + 93_600), Self.slot(t + 172_800, t + 180_000), Self.slot(t + 259_200, t + 266_400)],
            deadline: Self.date(t + 43_200), anonymous: true))
        let fixedEvent = MeetingEvent(id: meeting, body: .fixed(origin: .poll(poll, slot: 0), title: "Klankbordoverleg",
                                                                place: "Leeuwarden, zaal 2", slot: Self.slot(t + 86_400, t + 93_600), feeCents: 2_500))
        let cases: [(MeetingEvent, [String: Any])] = [
            (pollEvent, ["title": "Klankbordoverleg", "place": "Leeuwarden, zaal 2", "deadline": t + 43_200, "anonymous": true,
                         "slots": [Self.slotJSON(t + 86_400, t + 93_600), Self.slotJSON(t + 172_800, t + 180_000), Self.slotJSON(t + 259_200, t + 266_400)]]),
            (MeetingEvent(id: try Self.id(0x52), body: .vote(poll: poll, answers: [2: .no, 0: .yes, 1: .maybe])),
             ["poll": hex(poll.bytes), "answers": [["slot": 0, "answer": 1], ["slot": 1, "answer": 2], ["slot": 2, "answer": 3]]]),
            (MeetingEvent(id: try Self.id(0x53), body: .tallyPublished(poll: poll, tallies: [
                MeetingEvent.SlotTally(slot: 0, yes: 4, maybe: 1, no: 0), MeetingEvent.SlotTally(slot: 1, yes: 1, maybe: 2, no: 2),
                MeetingEvent.SlotTally(slot: 2, yes: 0, maybe: 0, no: 5)])),
             ["poll": hex(poll.bytes), "tallies": [["slot": 0, "yes": 4, "maybe": 1, "no": 0], ["slot": 1, "yes": 1, "maybe": 2, "no": 2],
                                                   ["slot": 2, "yes": 0, "maybe": 0, "no": 5]]]),
            (fixedEvent, ["origin": ["poll": hex(poll.bytes), "slot": 0], "title": "Klankbordoverleg", "place": "Leeuwarden, zaal 2",
                          "slot": Self.slotJSON(t + 86_400, t + 93_600), "fee_cents": 2_500]),
            (MeetingEvent(id: direct, body: .fixed(origin: .direct, title: "Kennismaking", place: "Sneek", slot: Self.slot(t + 604_800, t + 608_400), feeCents: 0)),
             ["origin": NSNull(), "title": "Kennismaking", "place": "Sneek", "slot": Self.slotJSON(t + 604_800, t + 608_400), "fee_cents": 0]),
            (MeetingEvent(id: try Self.id(0x56), body: .rescheduled(meeting: meeting, slot: Self.slot(t + 90_000, t + 97_200), place: "Drachten")),
             ["meeting": hex(meeting.bytes), "slot": Self.slotJSON(t + 90_000, t + 97_200), "place": "Drachten"]),
            (MeetingEvent(id: try Self.id(0x57), body: .rescheduled(meeting: direct, slot: Self.slot(t + 612_000, t + 615_600), place: nil)),
             ["meeting": hex(direct.bytes), "slot": Self.slotJSON(t + 612_000, t + 615_600), "place": NSNull()]),
            (MeetingEvent(id: try Self.id(0x58), body: .cancelled(meeting: direct)), ["meeting": hex(direct.bytes)]),
            (MeetingEvent(id: try Self.id(0x59), body: .rsvp(meeting: meeting, answer: .maybe)), ["meeting": hex(meeting.bytes), "answer": 2]),
            (MeetingEvent(id: try Self.id(0x5A), body: .attendance(meeting: meeting, attendees: [12, 5, 7])),
             ["meeting": hex(meeting.bytes), "attendees": [5, 7, 12]]),
            (MeetingEvent(id: try Self.id(0x5B), body: .handover([MeetingEvent.Handed(event: pollEvent, author: 2, time: Self.date(t)),
                                                                  MeetingEvent.Handed(event: fixedEvent, author: 2, time: Self.date(t + 50_000))])),
             ["items": [["author": 2, "time": t, "type": "meeting.poll", "id": hex(poll.bytes), "body": hex(pollEvent.body.serialized())],
                        ["author": 2, "time": t + 50_000, "type": "meeting.fixed", "id": hex(meeting.bytes), "body": hex(fixedEvent.body.serialized())]]]),
        ]
        XCTAssertEqual(Set(cases.map(\.0.body.type)), MeetingEvent.Body.types, "every meeting type has a vector")
        var list: [[String: Any]] = []
        for (event, fields) in cases {
            let payload = event.payload
            XCTAssertEqual(try MeetingEvent(payload: try PayloadEvent(serialized: payload.serialized())), event, event.body.type)
            list.append(Self.entry(payload, body: event.body.serialized(), fields))
        }
        try VectorFiles.check("meetings.json", [
            "description": "PROTOCOL.md 19.6.2: one payload event of every meeting.* type (two of meeting.fixed and meeting.moved); times are i64 seconds, answers 1 yes 2 maybe 3 no.",
            "events": list,
        ])
    }

    func testConsultationEventsMatchTheCommittedVectors() throws {
        let posed = try Self.id(0x61), reference = try Self.id(0x6F)
        let question = ConsultationEvent.Question(askingBody: "Gemeente Leeuwarden", title: "Opvang in de winter",
                                                  text: "Waar slaap je als het vriest?\nKies wat het meest past.",
                                                  options: ["Thuis", "Bij vrienden", "Weet ik niet"], deadline: Self.time + 1_209_600,
                                                  discussion: .private, feeCents: 1_500)
        let cases: [(ConsultationEvent, PayloadEvent.ID, [String: Any])] = [
            (.posed(question), posed, ["asking_body": "Gemeente Leeuwarden", "title": "Opvang in de winter",
                                       "text": "Waar slaap je als het vriest?\nKies wat het meest past.",
                                       "options": ["Thuis", "Bij vrienden", "Weet ik niet"], "deadline": Self.time + 1_209_600,
                                       "discussion": 0, "fee_cents": 1_500]),
            (.posed(ConsultationEvent.Question(askingBody: "Gemeente Súdwest-Fryslân", title: "Vrije vraag", text: "Wat mist er?",
                                               deadline: Self.time + 604_800, discussion: .open)), try Self.id(0x62),
             ["asking_body": "Gemeente Súdwest-Fryslân", "title": "Vrije vraag", "text": "Wat mist er?", "options": [String](),
              "deadline": Self.time + 604_800, "discussion": 1, "fee_cents": 0]),
            (.answered(consultation: posed, reference: reference, answer: .init(option: 1, text: "Soms bij een klant")), try Self.id(0x63),
             ["consultation": hex(posed.bytes), "reference": hex(reference.bytes), "option": 1, "text": "Soms bij een klant"]),
            (.changed(consultation: posed, reference: reference, answer: .init(option: nil, text: "Dat wisselt")), try Self.id(0x64),
             ["consultation": hex(posed.bytes), "reference": hex(reference.bytes), "option": NSNull(), "text": "Dat wisselt"]),
            (.withdrawn(consultation: posed, reference: reference), try Self.id(0x65),
             ["consultation": hex(posed.bytes), "reference": hex(reference.bytes)]),
            (.followUp(consultation: posed, reference: reference, text: "Hoe vaak is dat?"), try Self.id(0x66),
             ["consultation": hex(posed.bytes), "reference": hex(reference.bytes), "text": "Hoe vaak is dat?"]),
            (.closed(consultation: posed), try Self.id(0x67), ["consultation": hex(posed.bytes)]),
        ]
        XCTAssertEqual(Set(cases.map(\.0.type)), ConsultationEvent.typeNames, "every consultation type has a vector")
        var list: [[String: Any]] = []
        for (consultation, id, fields) in cases {
            let payload = PayloadEvent(id: id, consultation: consultation)
            XCTAssertEqual(try PayloadEvent(serialized: payload.serialized()).consultation(), consultation, consultation.type)
            list.append(Self.entry(payload, body: consultation.body, fields))
        }
        // consultation.reminded is no ConsultationEvent (it changes no count), but it is a payload type all the same.
        let reminder = ConsultationReminder(consultation: posed, recipient: 5)
        let reminderPayload = PayloadEvent(id: try Self.id(0x68), content: reminder.payload.content)
        XCTAssertEqual(ConsultationReminder(try PayloadEvent(serialized: reminderPayload.serialized())), reminder)
        list.append(Self.entry(reminderPayload, body: reminderPayload.content.body, ["consultation": hex(posed.bytes), "recipient": 5]))
        try VectorFiles.check("consultations.json", [
            "description": "PROTOCOL.md 19.6.3: one payload event of every consultation.* type (two of consultation.posed); discussion 0 private, 1 open.",
            "events": list,
        ])
    }
}
