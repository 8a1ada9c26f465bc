import KlankbordTrust

/// A join, leave or removal from a room's signed log, to show at its place among the messages.
public struct RoomLogEvent: Sendable, Equatable {
    /// What changed.
    public enum Change: Sendable, Equatable {
        /// Through an invite, or added by a facilitator.
        case joined
        /// By their own choice.
        case left
        /// By a facilitator.
        case removed
    }

    /// The author's clock when the entry was signed (seconds since 1970 UTC): where the line goes in the history.
    public var time: Int64
    /// The member the entry is about, as the log names them (peer text: shown through `TerminalText`).
    public var handle: String
    /// Joined, left or removed.
    public var change: Change
}

extension Messenger {
    /// The joins, leaves and removals in `room`'s signed log that this device has not shown yet, and marks them shown.
    /// Only valid entries count: an entry every client ignores is never shown as a change.
    public func unseenLogEvents(_ room: UInt64) throws -> [RoomLogEvent] {
        guard let log = try syncedRoom(room) else { return [] }
        let roster = try syncedRoster().roster()
        let shown = Int(profile.logShown(room))
        // Nothing new since the last command: no need to reduce a log of thousands of entries again.
        guard shown < log.entries.count else { return [] }
        var membership = RoomMembership(room: room, checkedBefore: log.checkedBefore)
        var events: [RoomLogEvent] = []
        for (index, entry) in log.entries.enumerated() {
            guard !entry.isEmpty else {
                membership.skipUnreadable()
                continue
            }
            // The state before is kept only for entries to show: copying it for every entry made the loop quadratic.
            guard index >= shown else {
                membership.apply(entry, roster: roster)
                continue
            }
            let before = membership.log
            membership.apply(entry, roster: roster)
            guard membership.log.length > before.length, let decoded = try? LogEntry(decoding: entry) else { continue }
            switch decoded.body {
            case let .join(join): events.append(RoomLogEvent(time: decoded.time, handle: join.handle, change: .joined))
            case let .add(_, handle, _, _): events.append(RoomLogEvent(time: decoded.time, handle: handle, change: .joined))
            case .leave: events.append(RoomLogEvent(time: decoded.time, handle: before.members[decoded.author]?.handle ?? "", change: .left))
            case let .remove(account): events.append(RoomLogEvent(time: decoded.time, handle: before.members[account]?.handle ?? "", change: .removed))
            case .genesis, .invite, .revoke: break
            }
        }
        try profile.setLogShown(room, UInt32(log.entries.count))
        return events
    }
}
