import Klankbord
@testable import KlankbordClient
@testable import KlankbordE2E
@testable import KlankbordProtocol
import XCTest

/// docs/vectors/payload-events.json (PROTOCOL.md §19.6) and docs/vectors/safety-number.json (§19.7).
final class PayloadAndSafetyVectorTests: XCTestCase {
    func testPayloadEventsMatchTheCommittedVectors() throws {
        let first = try PayloadEvent.ID(Array(0..<16))
        let target = try PayloadEvent.ID(Array(repeating: 0x11, count: 16))
        let events: [(PayloadEvent, [String: Any])] = [
            (PayloadEvent(id: first, content: .text("hi")), ["text": "hi"]),
            (PayloadEvent(id: try .init(Array(repeating: 0x22, count: 16)), content: .reply(to: target, text: "Ja, graag")),
             ["target": hex(target.bytes), "text": "Ja, graag"]),
            (PayloadEvent(id: try .init(Array(repeating: 0x33, count: 16)), content: .edit(of: target, text: "Tot morgen, 20:00")),
             ["target": hex(target.bytes), "text": "Tot morgen, 20:00"]),
            (PayloadEvent(id: try .init(Array(repeating: 0x44, count: 16)), content: .delete(of: target)), ["target": hex(target.bytes)]),
            // §19.6.1: a facilitator's new room rules (the 9 bytes of RoomSettings, §9) and an announcement (UTF-8 text).
            (PayloadEvent(id: try .init(Array(repeating: 0x45, count: 16)),
                          content: .unsupported(type: MessageBody.rulesType, raw: WireVectorCases.rules.bytes)), ["settings": WireVectorCases.rulesJSON]),
            (PayloadEvent(id: try .init(Array(repeating: 0x46, count: 16)),
                          content: .unsupported(type: MessageBody.announcementType, raw: Array("Vrijdag geen spreekuur".utf8))),
             ["text": "Vrijdag geen spreekuur"]),
        ]
        XCTAssertEqual(MessageBody(events[4].0.content), .rules(WireVectorCases.rules))
        XCTAssertEqual(MessageBody(events[5].0.content), .announcement("Vrijdag geen spreekuur"))
        var list: [[String: Any]] = []
        for (event, fields) in events {
            let bytes = event.serialized()
            XCTAssertEqual(try PayloadEvent(serialized: bytes), event)
            list.append(fields.merging(["type": event.type, "id": hex(event.id.bytes), "body": hex(event.content.body),
                                        "event": hex(bytes)]) { old, _ in old })
        }
        try VectorFiles.check("payload-events.json", [
            "description": "PROTOCOL.md 19.6: one payload event of each chat type (text, reply, edit, delete) and of room.rules and announcement (19.6.1); texts are UTF-8. meeting.*, consultation.* and ledger.* are in meetings.json, consultations.json and ledger.json.",
            "events": list,
        ])
    }

    func testSafetyNumberMatchesTheCommittedVector() throws {
        let people = try VectorPeople()
        let number = SafetyNumber.compute(local: people.alice.publicBundle, localHandle: "anna", remote: people.bob.publicBundle, remoteHandle: "bram")
        XCTAssertEqual(number, SafetyNumber.compute(local: people.bob.publicBundle, localHandle: "bram",
                                                    remote: people.alice.publicBundle, remoteHandle: "anna"))
        try VectorFiles.check("safety-number.json", [
            "description": "PROTOCOL.md 19.7: the safety number of Alice (handle anna) and Bob (handle bram); the same on both sides.",
            "domain": "klankbord/safety-number/1", "iterations": SafetyNumber.iterations,
            "alice": ["handle": "anna", "ed25519_public": hex(people.alice.signingKey.verifyingKey.bytes),
                      "x25519_public": hex(people.alice.agreementKey.publicKey.bytes),
                      "half": SafetyNumber.half(people.alice.publicBundle, handle: "anna").joined()],
            "bob": ["handle": "bram", "ed25519_public": hex(people.bob.signingKey.verifyingKey.bytes),
                    "x25519_public": hex(people.bob.agreementKey.publicKey.bytes),
                    "half": SafetyNumber.half(people.bob.publicBundle, handle: "bram").joined()],
            "safety_number": number,
        ])
    }
}
