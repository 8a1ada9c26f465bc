import KlankbordE2E
import KlankbordProtocol

/// A message as this device keeps and shows it, after opening its end-to-end encrypted payload.
///
/// Local encoding (inside the sealed history): a kind byte, then the content. 0 is UTF-8 text, 1 the 9 bytes of
/// `RoomSettings` (a facilitator changed the room's rules).
public enum MessageBody: Sendable, Equatable {
    case text(String)
    /// A facilitator set the room's rules to these (payload event `room.rules`, signed like every room message).
    case rules(RoomSettings)
    /// A facilitator's announcement; members' devices confirm to them when it was shown (`Messenger+Announcements`).
    case announcement(String)
    /// A message of a kind this version cannot show yet (kept, never dropped).
    case unsupported
    /// A message that could not be opened (its key never arrived, or it was tampered with).
    case unreadable

    /// The payload event type that carries a room's new rules.
    public static let rulesType = "room.rules"
    /// The payload event type of an announcement (UTF-8 text).
    public static let announcementType = "announcement"

    /// The local encoding.
    public func encoded() -> [UInt8] {
        switch self {
        case let .text(text): [0] + Array(text.utf8)
        case let .rules(settings): [1] + settings.bytes
        case let .announcement(text): [2] + Array(text.utf8)
        case .unsupported: [0xFF]
        case .unreadable: [0xFE]
        }
    }

    /// Decodes the local encoding; never fails.
    public init(decoding bytes: [UInt8]) {
        switch bytes.first {
        case 0: self = String(validating: bytes.dropFirst(), as: UTF8.self).map(MessageBody.text) ?? .unsupported
        case 1: self = (try? RoomSettings(bytes: Array(bytes.dropFirst()))).map(MessageBody.rules) ?? .unsupported
        case 2: self = String(validating: bytes.dropFirst(), as: UTF8.self).map(MessageBody.announcement) ?? .unsupported
        case 0xFE: self = .unreadable
        default: self = .unsupported
        }
    }

    /// What a person sees for a decrypted payload event.
    init(_ content: PayloadEvent.Content) {
        switch content {
        case let .text(text), let .reply(_, text), let .edit(_, text): self = .text(text)
        case let .unsupported(type, raw) where type == MessageBody.announcementType:
            self = String(validating: raw, as: UTF8.self).map(MessageBody.announcement) ?? .unsupported
        case let .unsupported(type, raw) where type == MessageBody.rulesType: self = (try? RoomSettings(bytes: raw)).map(MessageBody.rules) ?? .unsupported
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
    /// A member's device confirms to a facilitator that it showed their announcement: room u64 · seq u64.
    case readConfirmation = 0x13
}
