import Klankbord
@testable import KlankbordCrypto
@testable import KlankbordLedger

/// A small community for ledger tests: two facilitators (accounts 1 and 2), two members (10 and 11),
/// and a helper that appends signed events to a chain.
struct LedgerFixture {
    let facilitatorA = Ed25519.SigningKey()
    let facilitatorB = Ed25519.SigningKey()
    let memberA = Ed25519.SigningKey()
    let memberB = Ed25519.SigningKey()
    let facilitators: Set<UInt64> = [1, 2]
    /// 2027-03-15 12:00 UTC.
    static let march2027: Int64 = 1_805_112_000

    var identities: [UInt64: Ed25519.VerifyingKey] {
        [1: facilitatorA.verifyingKey, 2: facilitatorB.verifyingKey, 10: memberA.verifyingKey, 11: memberB.verifyingKey]
    }

    func key(_ account: UInt64) -> Ed25519.SigningKey {
        switch account {
        case 1: facilitatorA
        case 2: facilitatorB
        case 10: memberA
        default: memberB
        }
    }

    /// The next event after `chain`, signed by `signer`.
    func next(after chain: [LedgerEvent], _ body: LedgerEventBody, signer: UInt64 = 1, time: Int64 = march2027) -> LedgerEvent {
        LedgerEvent(index: UInt64(chain.count), prev: chain.last?.hash ?? LedgerEvent.zeroHash, time: time, signer: signer,
                    body: body, key: key(signer))
    }

    /// Appends an event to `chain` and returns it.
    @discardableResult
    func append(_ chain: inout [LedgerEvent], _ body: LedgerEventBody, signer: UInt64 = 1) -> LedgerEvent {
        let event = next(after: chain, body, signer: signer)
        chain.append(event)
        return event
    }

    func draft(_ byte: UInt8, recipient: UInt64 = 10, cents: Int64 = 5_000, purpose: LedgerPurpose = .meeting,
               method: LedgerPayoutMethod = .cash, date: Int64 = march2027) -> LedgerEntryDraft {
        // Ids from a byte keep tests readable and stable.
        LedgerEntryDraft(id: id(byte), recipient: recipient, handle: "member\(recipient)", cents: cents, purpose: purpose,
                         method: method, date: date, note: "note \(byte)")
    }

    func id(_ byte: UInt8) -> LedgerEntryID {
        LedgerEntryID([UInt8](repeating: byte, count: LedgerEntryID.length))!
    }

    /// A receipt by the entry's recipient for the entry created by `entryEvent`.
    func receipt(for entryEvent: LedgerEvent, recipient: UInt64 = 10) -> LedgerEventBody {
        guard case let .created(draft) = entryEvent.body else { fatalError("not a created event") }
        return .receipt(LedgerReceipt(entry: draft.id, entryHash: entryEvent.hash, confirmed: Self.march2027 + 86_400,
                                      recipient: key(recipient)))
    }

    /// Nine events of every kind: budget, two entries, approve, pay, receipt, reject, reversal, handover.
    func sampleChain() -> [LedgerEvent] {
        var chain: [LedgerEvent] = []
        append(&chain, .budget(year: 2027, purpose: .meeting, cents: 100_000))
        let first = append(&chain, .created(draft(1)))
        append(&chain, .created(draft(2, recipient: 11, purpose: .travel, method: .bank)), signer: 2)
        append(&chain, .approved(id(1), overBudget: false, overAllowance: false))
        append(&chain, .paid(id(1)), signer: 2)
        append(&chain, receipt(for: first))
        append(&chain, .rejected(id(2), reason: "double"))
        append(&chain, .reversal(id: id(3), reverses: id(1), date: Self.march2027, note: "wrong amount"), signer: 2)
        append(&chain, .handover(to: 1), signer: 2)
        return chain
    }
}
