/// A message the server sends without being asked, once a connection has subscribed.
public enum Push: Sendable, Equatable {
    case event(EventRecord)
    case inboxItem(InboxItem)
    /// Someone joined, left or was removed from a room you are in (also sent to the person removed).
    case membership(room: UInt64, accountID: UInt64, handle: String, change: MembershipChange)
    /// A log entry was appended (roster: to every subscribed account; room: to its members).
    case logEntry(scope: UInt64, LogRecord)

    public var type: MessageType {
        switch self {
        case .event: .event
        case .inboxItem: .inboxItem
        case .membership: .membership
        case .logEntry: .logEntry
        }
    }

    func encodeBody(into w: inout WireWriter) {
        switch self {
        case let .event(record): record.encode(into: &w)
        case let .inboxItem(item): item.encode(into: &w)
        case let .membership(room, account, handle, change):
            w.u64(room)
            w.u64(account)
            w.string(handle)
            w.u8(change.rawValue)
        case let .logEntry(scope, record):
            w.u64(scope)
            record.encode(into: &w)
        }
    }

    static func decodeBody(_ type: MessageType, from r: inout WireReader) throws(WireError) -> Push {
        switch type {
        case .event: return .event(try EventRecord(from: &r))
        case .inboxItem: return .inboxItem(try InboxItem(from: &r))
        case .membership:
            let room = try r.u64(), account = try r.u64(), handle = try r.string()
            guard let change = MembershipChange(rawValue: try r.u8()) else { throw .invalidValue }
            return .membership(room: room, accountID: account, handle: handle, change: change)
        case .logEntry: return .logEntry(scope: try r.u64(), try LogRecord(from: &r))
        default: throw .unknownType(type.rawValue)
        }
    }
}
