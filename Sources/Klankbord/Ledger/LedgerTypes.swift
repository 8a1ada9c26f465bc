import KlankbordCrypto

/// What a payment is for. The raw value is the byte written in a ledger event (docs/LEDGER.md).
public enum LedgerPurpose: UInt8, Sendable, CaseIterable, Comparable {
    case consultation = 1, meeting = 2, travel = 3, other = 4

    /// The stable word used in exports and configuration.
    public var code: String {
        switch self {
        case .consultation: "consultation"
        case .meeting: "meeting"
        case .travel: "travel"
        case .other: "other"
        }
    }

    /// Orders purposes by their byte, so exports list them the same way every time.
    public static func < (lhs: LedgerPurpose, rhs: LedgerPurpose) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// How a payment is made. Only the method is ever written down, never bank details.
public enum LedgerPayoutMethod: UInt8, Sendable, CaseIterable {
    case cash = 1, voucher = 2, bank = 3

    /// The stable word used in exports.
    public var code: String {
        switch self {
        case .cash: "cash"
        case .voucher: "voucher"
        case .bank: "bank"
        }
    }
}

/// The 16-byte random identifier of a ledger entry.
public struct LedgerEntryID: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The length of every entry id.
    public static let length = 16
    /// The identifier's bytes.
    public let bytes: [UInt8]

    /// An id from exactly 16 bytes, or `nil`.
    public init?(_ bytes: [UInt8]) {
        guard bytes.count == Self.length else { return nil }
        self.bytes = bytes
    }

    /// A new random id.
    public static func random() -> LedgerEntryID {
        // Random.bytes always returns the length asked for.
        LedgerEntryID(unchecked: Random.bytes(length))
    }

    private init(unchecked bytes: [UInt8]) { self.bytes = bytes }

    /// Lower-case hex, as exports and commands show it.
    public var description: String { Hex.encode(bytes) }

    /// Byte order, for stable sorting.
    public static func < (lhs: LedgerEntryID, rhs: LedgerEntryID) -> Bool { lhs.bytes.lexicographicallyPrecedes(rhs.bytes) }
}

/// The state of an entry: proposed → approved → paid, or rejected.
public enum LedgerEntryState: Sendable, Equatable {
    case proposed, approved, paid, rejected

    /// The stable word used in exports.
    public var code: String {
        switch self {
        case .proposed: "proposed"
        case .approved: "approved"
        case .paid: "paid"
        case .rejected: "rejected"
        }
    }

    /// Whether the money is committed: approved or paid entries count against budget and allowance.
    public var counts: Bool { self == .approved || self == .paid }
}
