import Foundation
import Klankbord
@testable import KlankbordCrypto
@testable import KlankbordE2E
@testable import KlankbordLedger
import XCTest

/// docs/vectors/ledger.json (PROTOCOL.md §19.6.4): a ledger chain with an event of every kind, signed by Alice (the
/// facilitator, account 2) for Bob (account 5), each as the `ledger.<kind>` payload event that carries it, and Bob's
/// `ledger.confirmation` with the receipt signature over the entry hash.
final class LedgerEventVectorTests: XCTestCase {
    static let facilitator: UInt64 = 2, recipient: UInt64 = 5
    static let time: Int64 = 1_780_000_000

    static func entryID(_ byte: UInt8) throws -> LedgerEntryID { try XCTUnwrap(LedgerEntryID(Array(repeating: byte, count: 16))) }

    func testLedgerEventsMatchTheCommittedVectors() throws {
        let people = try VectorPeople()
        let alice = people.alice.signingKey, bob = people.bob.signingKey
        let t = Self.time
        let first = try Self.entryID(0xE1), second = try Self.entryID(0xE2), reversal = try Self.entryID(0xE3)
        let draft = LedgerEntryDraft(id: first, recipient: Self.recipient, handle: "bram", cents: 2_500, purpose: .meeting,
                                     method: .cash, date: t - 86_400)
        let other = LedgerEntryDraft(id: second, recipient: Self.recipient, handle: "bram", cents: 1_234, purpose: .other,
                                     description: "Treinkaartje Heerenveen", method: .bank, date: t - 172_800, note: "retour")
        // The receipt signs the hash of the `created` event, which is event 0.
        var bodies: [(LedgerEventBody, [String: Any])] = [
            (.created(draft), ["entry": hex(first.bytes), "recipient": 5, "handle": "bram", "cents": 2_500, "purpose": 2, "description": "",
                               "method": 1, "date": t - 86_400, "note": ""]),
            (.approved(first, overBudget: false, overAllowance: true), ["entry": hex(first.bytes), "over_budget": false, "over_allowance": true]),
            (.paid(first), ["entry": hex(first.bytes)]),
        ]
        var events: [LedgerEvent] = []
        var list: [[String: Any]] = []
        func append(_ body: LedgerEventBody, _ fields: [String: Any]) {
            let index = UInt64(events.count)
            let event = LedgerEvent(index: index, prev: events.last?.hash ?? LedgerEvent.zeroHash, time: t + Int64(index) * 60,
                                    signer: Self.facilitator, body: body, key: alice)
            events.append(event)
            let payload = PayloadEvent(id: PayloadEvent.ID.fixed(0xC0 + UInt8(index)), content: .unsupported(type: event.kind.payloadType, raw: event.bytes))
            XCTAssertEqual(LedgerEvent(payload: payload), event)
            list.append(["type": payload.type, "id": hex(payload.id.bytes), "index": Int(index), "prev": hex(event.prev), "time": event.time,
                         "signer": Int(event.signer), "kind": Int(event.kind.rawValue), "fields": fields,
                         "signed_bytes": hex(LedgerEvent.signatureDomain + event.bytes.dropLast(Ed25519.signatureLength)),
                         "signature": hex(event.signature), "bytes": hex(event.bytes), "hash": hex(event.hash), "event": hex(payload.serialized())])
        }
        for (body, fields) in bodies { append(body, fields) }
        let receipt = LedgerReceipt(entry: first, entryHash: events[0].hash, confirmed: t + 3_600, recipient: bob)
        bodies = [
            (.receipt(receipt), ["entry": hex(first.bytes), "confirmed": t + 3_600, "recipient_signature": hex(receipt.signature)]),
            (.created(other), ["entry": hex(second.bytes), "recipient": 5, "handle": "bram", "cents": 1_234, "purpose": 4,
                               "description": "Treinkaartje Heerenveen", "method": 3, "date": t - 172_800, "note": "retour"]),
            (.rejected(second, reason: "Geen bon"), ["entry": hex(second.bytes), "reason": "Geen bon"]),
            (.reversal(id: reversal, reverses: first, date: t + 7_200, note: "Dubbel betaald"),
             ["entry": hex(reversal.bytes), "reverses": hex(first.bytes), "date": t + 7_200, "note": "Dubbel betaald"]),
            (.budget(year: 2026, purpose: .meeting, cents: 100_000), ["year": 2026, "purpose": 2, "cents": 100_000]),
            (.handover(to: 9), ["to": 9]),
        ]
        for (body, fields) in bodies { append(body, fields) }
        XCTAssertEqual(Set(events.map(\.kind)), Set(LedgerEventKind.allCases), "every ledger kind has a vector")
        let verified = try LedgerChain.verify(events.map(\.bytes), identities: [Self.facilitator: alice.verifyingKey, Self.recipient: bob.verifyingKey],
                                              facilitators: [Self.facilitator])
        XCTAssertEqual(verified.count, events.count)
        let confirmation = PayloadEvent(id: PayloadEvent.ID.fixed(0xCF), content: receipt.confirmationPayload.content)
        XCTAssertEqual(LedgerReceipt(confirmation: confirmation), receipt)
        try VectorFiles.check("ledger.json", [
            "description": "PROTOCOL.md 19.6.4: a ledger chain with an event of every kind, signed by Alice (keys.json, account 2) for Bob (account 5); purpose 1 consultation 2 meeting 3 travel 4 other; method 1 cash 2 voucher 3 bank; then Bob's ledger.confirmation of entry e1.",
            "signer_seed": hex(alice.seed), "signer_public": hex(alice.verifyingKey.bytes),
            "recipient_seed": hex(bob.seed), "recipient_public": hex(bob.verifyingKey.bytes),
            "signature_domain": "klankbord/ledger-event/1", "hash_domain": "klankbord/ledger-hash/1",
            "events": list,
            "confirmation": ["type": confirmation.type, "id": hex(confirmation.id.bytes), "entry": hex(first.bytes), "entry_hash": hex(events[0].hash),
                             "confirmed": receipt.confirmed, "receipt_domain": "klankbord/ledger-receipt/1",
                             "signed_bytes": hex(LedgerReceipt.message(entry: first, entryHash: events[0].hash, confirmed: receipt.confirmed)),
                             "signature": hex(receipt.signature), "body": hex(confirmation.content.body), "event": hex(confirmation.serialized())],
        ])
    }
}

extension PayloadEvent.ID {
    /// Sixteen times `byte`, for vectors.
    static func fixed(_ byte: UInt8) -> PayloadEvent.ID {
        // Sixteen bytes always make an id.
        (try? PayloadEvent.ID(Array(repeating: byte, count: 16))) ?? .random()
    }
}
