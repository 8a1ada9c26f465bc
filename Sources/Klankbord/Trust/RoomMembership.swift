import KlankbordE2E

/// The member set of one group room, derived only from the room's signed log (scope = room id).
///
/// Management rights come from the roster: a member who has been a facilitator there (with the same identity)
/// may invite, add, remove and revoke. A pure reducer, like `Roster`.
public struct RoomMembership: Sendable, Equatable {
    /// The reduced log: members, invites, bans, head and warnings.
    public private(set) var log: LogState

    /// An empty log for `room`, before its genesis.
    public init(room: UInt64) {
        log = LogState(scope: room, genesisRole: .member)
    }

    /// An empty log for `room` that does not check again the signatures of the entries in `checkedBefore`.
    package init(room: UInt64, checkedBefore: CheckedEntries) {
        log = LogState(scope: room, genesisRole: .member)
        log.checkedBefore = checkedBefore
    }

    /// The room this log belongs to.
    public var room: UInt64 { log.scope }

    /// Checks and applies one signed entry against `roster`.
    public mutating func apply(_ entry: [UInt8], roster: Roster) {
        log.apply(entry) { entry, state in RoomMembership.authorise(entry, state, roster) }
    }

    /// Opens the entry stored at `index` with the room log key and applies it; one that does not open is a warning.
    public mutating func apply(stored: [UInt8], index: UInt32, key: RoomLogKey, roster: Roster) {
        do {
            apply(try key.open(stored: stored, room: room, index: index), roster: roster)
        } catch {
            skipUnreadable()
        }
    }

    /// Counts a stored entry that did not open (its place stays taken, so later indexes still line up).
    public mutating func skipUnreadable() {
        log.refuse(.unreadable)
    }

    /// The accounts the log holds: the only ones that may receive this room's keys.
    public var memberIDs: Set<UInt64> { Set(log.members.keys) }

    /// The members who are facilitators now (in `roster`, with the same identity): whom consultations, meetings and
    /// the ledger treat as this room's facilitators.
    public func facilitators(roster: Roster) -> [LogMember] {
        log.members.values.filter { roster.isFacilitator($0.account, identity: $0.identity) }.sorted { $0.since < $1.since }
    }

    /// The room's rule: managing entries need a member who has been a facilitator in the roster (with the same
    /// identity), and an identity in the room log must be the one the roster holds for the same account, when it
    /// holds one. A demoted facilitator stops managing a room when another facilitator removes them from it.
    static func authorise(_ entry: LogEntry, _ state: LogState, _ roster: Roster) -> LogRefusal? {
        func pinned(_ account: UInt64, _ identity: IdentityKeys.PublicBundle) -> LogRefusal? {
            guard let known = roster.identity(of: account) else { return nil }
            return known == identity ? nil : .identityMismatch
        }
        func manager() -> LogRefusal? {
            guard let member = state.members[entry.author], roster.hasBeenFacilitator(entry.author, identity: member.identity) else { return .notAuthorised }
            return nil
        }
        switch entry.body {
        case let .genesis(_, identity):
            return roster.hasBeenFacilitator(entry.author, identity: identity) ? nil : .notAuthorised
        case let .join(join):
            return pinned(entry.author, join.identity)
        case let .add(account, _, identity, role):
            guard role == .member else { return .notAuthorised }
            return manager() ?? pinned(account, identity)
        case let .invite(terms):
            return terms.role == .member ? manager() : .notAuthorised
        case .remove, .revoke:
            return manager()
        case .leave:
            return nil
        }
    }
}
