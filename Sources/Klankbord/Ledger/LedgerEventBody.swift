// Bodies of ledger events (docs/LEDGER.md, "Kinds and bodies"), all integers big-endian:
//
//   created   1  entry id (16) · recipient u64 · handle string · cents i64 · purpose u8 · description string
//                · method u8 · date i64 · note string
//   approved  2  entry id (16) · over budget bool · over allowance bool
//   paid      3  entry id (16)
//   rejected  4  entry id (16) · reason string
//   receipt   5  entry id (16) · confirmed i64 · recipient signature (64)
//   reversal  6  new entry id (16) · reversed entry id (16) · date i64 · note string
//   budget    7  year u16 · purpose u8 · cents i64
//   handover  8  new facilitator u64

import KlankbordCrypto
import KlankbordProtocol

/// The stable one-byte code of each kind of ledger event.
public enum LedgerEventKind: UInt8, Sendable, CaseIterable {
    case created = 1, approved = 2, paid = 3, rejected = 4, receipt = 5, reversal = 6, budget = 7, handover = 8
}

/// The recipient's own signed confirmation that a payment reached them.
public struct LedgerReceipt: Sendable, Equatable {
    static let signatureDomain = Array("klankbord/ledger-receipt/1".utf8)

    /// The entry confirmed.
    public var entry: LedgerEntryID
    /// When the recipient confirmed, seconds since 1970 UTC.
    public var confirmed: Int64
    /// Ed25519 by the recipient's identity over `message(entry:entryHash:confirmed:)`.
    public var signature: [UInt8]

    /// A receipt from its parts.
    public init(entry: LedgerEntryID, confirmed: Int64, signature: [UInt8]) {
        self.entry = entry
        self.confirmed = confirmed
        self.signature = signature
    }

    /// The recipient signs the entry's hash, so the receipt confirms exactly the amount, purpose and date recorded.
    public init(entry: LedgerEntryID, entryHash: [UInt8], confirmed: Int64, recipient: Ed25519.SigningKey) {
        let message = Self.message(entry: entry, entryHash: entryHash, confirmed: confirmed)
        self.init(entry: entry, confirmed: confirmed, signature: recipient.signature(for: message))
    }

    /// "klankbord/ledger-receipt/1" || entry id (16) || entry hash (32) || confirmed i64.
    public static func message(entry: LedgerEntryID, entryHash: [UInt8], confirmed: Int64) -> [UInt8] {
        var w = WireWriter(capacity: 96)
        w.fixed(signatureDomain)
        w.fixed(entry.bytes)
        w.fixed(entryHash)
        w.i64(confirmed)
        return w.bytes
    }

    /// Whether the signature verifies under the recipient's key for the entry with `entryHash`.
    public func isSigned(by key: Ed25519.VerifyingKey, entryHash: [UInt8]) -> Bool {
        do {
            try key.verify(signature, for: Self.message(entry: entry, entryHash: entryHash, confirmed: confirmed))
            return true
        } catch {
            return false
        }
    }
}

/// The kind-specific part of a ledger event.
public enum LedgerEventBody: Sendable, Equatable {
    /// A new entry, in state proposed.
    case created(LedgerEntryDraft)
    /// Approval; each flag is the facilitator's explicit choice to go over the budget or an allowance limit.
    case approved(LedgerEntryID, overBudget: Bool, overAllowance: Bool)
    /// The money was paid out.
    case paid(LedgerEntryID)
    /// The entry will not be paid, with the reason.
    case rejected(LedgerEntryID, reason: String)
    /// The recipient confirmed the payment with their own signature.
    case receipt(LedgerReceipt)
    /// A new entry `id` that cancels `reverses`: same recipient, purpose and method, the negative amount.
    case reversal(id: LedgerEntryID, reverses: LedgerEntryID, date: Int64, note: String)
    /// The budget for `purpose` in `year`, replacing any earlier one.
    case budget(year: UInt16, purpose: LedgerPurpose, cents: Int64)
    /// The signer hands the whole chain, as verified up to here, to `to`, a facilitator who continues it.
    case handover(to: UInt64)

    /// The kind code written before the body.
    public var kind: LedgerEventKind {
        switch self {
        case .created: .created
        case .approved: .approved
        case .paid: .paid
        case .rejected: .rejected
        case .receipt: .receipt
        case .reversal: .reversal
        case .budget: .budget
        case .handover: .handover
        }
    }

    func encode(into w: inout WireWriter) {
        switch self {
        case let .created(d):
            w.fixed(d.id.bytes)
            w.u64(d.recipient)
            w.string(d.handle)
            w.i64(d.cents)
            w.u8(d.purpose.rawValue)
            w.string(d.description)
            w.u8(d.method.rawValue)
            w.i64(d.date)
            w.string(d.note)
        case let .approved(id, overBudget, overAllowance):
            w.fixed(id.bytes)
            w.bool(overBudget)
            w.bool(overAllowance)
        case let .paid(id):
            w.fixed(id.bytes)
        case let .rejected(id, reason):
            w.fixed(id.bytes)
            w.string(reason)
        case let .receipt(receipt):
            w.fixed(receipt.entry.bytes)
            w.i64(receipt.confirmed)
            w.fixed(receipt.signature)
        case let .reversal(id, reverses, date, note):
            w.fixed(id.bytes)
            w.fixed(reverses.bytes)
            w.i64(date)
            w.string(note)
        case let .budget(year, purpose, cents):
            w.u16(year)
            w.u8(purpose.rawValue)
            w.i64(cents)
        case let .handover(account):
            w.u64(account)
        }
    }

    static func decode(_ kind: LedgerEventKind, from r: inout WireReader) throws -> LedgerEventBody {
        switch kind {
        case .created:
            let id = try entryID(&r), recipient = try r.u64(), handle = try r.string(), cents = try r.i64()
            let purpose = try self.purpose(&r), description = try r.string()
            guard let method = LedgerPayoutMethod(rawValue: try r.u8()) else { throw LedgerDecodeError.malformed }
            return .created(LedgerEntryDraft(id: id, recipient: recipient, handle: handle, cents: cents, purpose: purpose,
                                             description: description, method: method, date: try r.i64(), note: try r.string()))
        case .approved:
            return .approved(try entryID(&r), overBudget: try r.bool(), overAllowance: try r.bool())
        case .paid:
            return .paid(try entryID(&r))
        case .rejected:
            return .rejected(try entryID(&r), reason: try r.string())
        case .receipt:
            return .receipt(LedgerReceipt(entry: try entryID(&r), confirmed: try r.i64(), signature: try r.fixed(Ed25519.signatureLength)))
        case .reversal:
            return .reversal(id: try entryID(&r), reverses: try entryID(&r), date: try r.i64(), note: try r.string())
        case .budget:
            return .budget(year: try r.u16(), purpose: try purpose(&r), cents: try r.i64())
        case .handover:
            return .handover(to: try r.u64())
        }
    }

    private static func entryID(_ r: inout WireReader) throws -> LedgerEntryID {
        guard let id = LedgerEntryID(try r.fixed(LedgerEntryID.length)) else { throw LedgerDecodeError.malformed }
        return id
    }

    private static func purpose(_ r: inout WireReader) throws -> LedgerPurpose {
        guard let purpose = LedgerPurpose(rawValue: try r.u8()) else { throw LedgerDecodeError.malformed }
        return purpose
    }
}

/// Why stored bytes are not a ledger event.
public enum LedgerDecodeError: Error, Equatable, Sendable {
    /// Truncated, trailing bytes, an unknown kind, purpose or method, or a field of the wrong size.
    case malformed
    /// A version byte this code does not understand.
    case unsupportedVersion(UInt8)
    /// Longer than `LedgerEvent.maxLength`.
    case tooLarge
}
