import KlankbordE2E

/// A message as this device keeps and shows it, after opening its end-to-end encrypted payload.
///
/// Local encoding (inside the sealed history): a kind byte, then the content. 0 is UTF-8 text.
public enum MessageBody: Sendable, Equatable {
    case text(String)
    /// A message of a kind this version cannot show yet (kept, never dropped).
    case unsupported
    /// A message that could not be opened (its key never arrived, or it was tampered with).
    case unreadable

    /// The local encoding.
    public func encoded() -> [UInt8] {
        switch self {
        case let .text(text): [0] + Array(text.utf8)
        case .unsupported: [0xFF]
        case .unreadable: [0xFE]
        }
    }

    /// Decodes the local encoding; never fails.
    public init(decoding bytes: [UInt8]) {
        switch bytes.first {
        case 0: self = String(validating: bytes.dropFirst(), as: UTF8.self).map(MessageBody.text) ?? .unsupported
        case 0xFE: self = .unreadable
        default: self = .unsupported
        }
    }

    /// What a person sees for a decrypted payload event.
    init(_ content: PayloadEvent.Content) {
        switch content {
        case let .text(text), let .reply(_, text), let .edit(_, text): self = .text(text)
        default: self = .unsupported
        }
    }
}

/// What travels inside a one-to-one session message in the inbox (never shown to a person directly).
enum ControlMessage: UInt8 {
    case senderKeyDistribution = 0x10
    /// A feature event for a few people only (see `PrivateEventControl`).
    case privateEvent = 0x11
    /// A member's report of a room message to a facilitator (`Messenger+Reports.swift`).
    case report = 0x12
}
