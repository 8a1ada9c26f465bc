import XCTest
import Klankbord
@testable import KlankbordCrypto
@testable import KlankbordE2E
@testable import KlankbordLedger

/// `LedgerChain.verify` finds every edit, removal, swap and insertion, at the event where it happened.
final class LedgerChainTests: XCTestCase {
    let fixture = LedgerFixture()

    private func failure(_ stored: [[UInt8]], head: LedgerHead? = nil) -> LedgerChainFailure? {
        do {
            _ = try LedgerChain.verify(stored, identities: fixture.identities, facilitators: fixture.facilitators, head: head)
            return nil
        } catch {
            return error
        }
    }

    func testAnUntouchedChainVerifiesAndDecodesToTheSameEvents() throws {
        let chain = fixture.sampleChain()
        let verified = try LedgerChain.verify(chain.map(\.bytes), identities: fixture.identities, facilitators: fixture.facilitators,
                                              head: LedgerChain.head(of: chain))
        XCTAssertEqual(verified, chain)
        XCTAssertEqual(Set(chain.map(\.kind)), Set(LedgerEventKind.allCases))
    }

    func testChangingAnyByteOfAnyEventIsReportedAtThatEvent() {
        let stored = fixture.sampleChain().map(\.bytes)
        for index in stored.indices {
            for offset in stored[index].indices {
                var tampered = stored
                tampered[index][offset] ^= 0x01
                XCTAssertEqual(failure(tampered)?.index, index, "byte \(offset) of event \(index)")
            }
        }
    }

    func testRemovingAnyEventIsReportedWhereItWas() {
        let chain = fixture.sampleChain()
        let stored = chain.map(\.bytes)
        for index in stored.indices {
            var shorter = stored
            shorter.remove(at: index)
            // The last event can only be missed against a remembered head.
            XCTAssertEqual(failure(shorter, head: LedgerChain.head(of: chain))?.index, index, "removed \(index)")
        }
        XCTAssertEqual(failure(Array(stored.dropLast()), head: LedgerChain.head(of: chain))?.reason, .missingTail)
    }

    func testSwappingAnyTwoEventsIsReportedAtTheFirstOfThem() {
        let stored = fixture.sampleChain().map(\.bytes)
        for first in stored.indices {
            for second in stored.indices where second > first {
                var swapped = stored
                swapped.swapAt(first, second)
                XCTAssertEqual(failure(swapped)?.index, first, "swapped \(first) and \(second)")
            }
        }
    }

    func testInsertingAnyEventAnywhereIsReportedAtTheInsertedEvent() {
        let chain = fixture.sampleChain()
        let stored = chain.map(\.bytes)
        for position in 0...stored.count {
            let prefix = Array(chain.prefix(position))
            // A facilitator's event at the right position that skips the real history, and a member's
            // event that links correctly: neither may stand.
            let wrongPrev = position == 0 ? [UInt8](repeating: 7, count: LedgerEvent.hashLength) : LedgerEvent.zeroHash
            let skipping = LedgerEvent(index: UInt64(position), prev: wrongPrev, time: 0, signer: 2, body: .paid(fixture.id(1)), key: fixture.facilitatorB)
            let byMember = fixture.next(after: prefix, .approved(fixture.id(1), overBudget: true, overAllowance: true), signer: 10)
            for candidate in stored + [skipping.bytes, byMember.bytes] {
                var longer = stored
                longer.insert(candidate, at: position)
                // A copy of the event already there is the same event twice: the second one is the extra.
                let expected = position < stored.count && candidate == stored[position] ? position + 1 : position
                XCTAssertEqual(failure(longer)?.index, expected, "inserted at \(position)")
            }
        }
    }

    func testReasonsNameWhatIsWrong() {
        let chain = fixture.sampleChain()
        var stored = chain.map(\.bytes)
        XCTAssertEqual(failure([Array(stored[0].dropLast())])?.reason, .malformed)
        XCTAssertEqual(failure(Array(stored.dropFirst()))?.reason, .gap(expected: 0, found: 1))

        let relinked = LedgerEvent(index: 1, prev: LedgerEvent.zeroHash, time: 0, signer: 1, body: .paid(fixture.id(1)), key: fixture.facilitatorA)
        XCTAssertEqual(failure([stored[0], relinked.bytes])?.reason, .wrongLink)

        let byMember = fixture.next(after: [chain[0]], .created(fixture.draft(9)), signer: 10)
        XCTAssertEqual(failure([stored[0], byMember.bytes]), LedgerChainFailure(index: 1, reason: .notFacilitator))

        let stranger = LedgerEvent(index: 1, prev: chain[0].hash, time: 0, signer: 99, body: .paid(fixture.id(1)), key: Ed25519.SigningKey())
        XCTAssertEqual(failure([stored[0], stranger.bytes])?.reason, .unknownSigner)

        let wrongKey = LedgerEvent(index: 1, prev: chain[0].hash, time: 0, signer: 2, body: .paid(fixture.id(1)), key: fixture.facilitatorA)
        XCTAssertEqual(failure([stored[0], wrongKey.bytes])?.reason, .badSignature)

        stored[7] = stored[6]
        XCTAssertEqual(failure(stored)?.reason, .gap(expected: 7, found: 6))
    }

    func testAReceiptMustBeSignedByTheEntrysRecipient() {
        var chain: [LedgerEvent] = []
        let entry = fixture.append(&chain, .created(fixture.draft(1)))
        fixture.append(&chain, .approved(fixture.id(1), overBudget: false, overAllowance: false))
        fixture.append(&chain, .paid(fixture.id(1)))
        var good = chain
        fixture.append(&good, fixture.receipt(for: entry, recipient: 10))
        XCTAssertNil(failure(good.map(\.bytes)))

        // The other member, or the facilitator, cannot confirm in the recipient's place.
        for signer: UInt64 in [11, 1] {
            var forged = chain
            fixture.append(&forged, fixture.receipt(for: entry, recipient: signer))
            XCTAssertEqual(failure(forged.map(\.bytes)), LedgerChainFailure(index: 3, reason: .badReceipt))
        }
    }

    func testAnEventTravelsAsALedgerPayloadAndBack() throws {
        for event in fixture.sampleChain() {
            let payload = try PayloadEvent(serialized: event.payload.serialized())
            XCTAssertEqual(payload.type, event.kind.payloadType)
            XCTAssertEqual(LedgerEvent(payload: payload), event)
        }
        XCTAssertNil(LedgerEvent(payload: PayloadEvent(content: .text("hello"))))
        let mislabelled = PayloadEvent(content: .unsupported(type: "ledger.paid", raw: fixture.sampleChain()[0].bytes))
        XCTAssertNil(LedgerEvent(payload: mislabelled))
    }
}
