import KlankbordE2E
import KlankbordProtocol

/// The community roster (log scope 0): who holds which role, rooted in the operator who wrote the genesis.
///
/// A pure reducer: feed it the signed entries in server order; it applies the valid ones and records a
/// warning for each other one (docs/TRUST.md).
public struct Roster: Sendable, Equatable {
    /// The reduced log: role holders, invites, bans, head and warnings.
    public private(set) var log = LogState(scope: LogEntry.rosterScope, genesisRole: .operator)

    /// An empty roster, before its genesis.
    public init() {}

    /// The roster that `entries` (signed entry bytes, in server order) produce.
    public init(entries: [[UInt8]]) {
        for entry in entries { apply(entry) }
    }

    /// The roster that `entries` produce, without checking again the signatures of the entries in `checkedBefore`.
    package init(entries: [[UInt8]], checkedBefore: CheckedEntries) {
        log.checkedBefore = checkedBefore
        for entry in entries { apply(entry) }
    }

    /// Checks and applies one signed entry.
    public mutating func apply(_ entry: [UInt8]) {
        log.apply(entry, authority: Roster.authorise)
    }

    /// The account's role, or nil when the roster does not hold it.
    public func role(of account: UInt64) -> Role? { log.members[account]?.role }

    /// The identity the roster holds for the account.
    public func identity(of account: UInt64) -> IdentityKeys.PublicBundle? { log.members[account]?.identity }

    /// Whether `account` is a facilitator whose identity is `identity`.
    public func isFacilitator(_ account: UInt64, identity: IdentityKeys.PublicBundle) -> Bool {
        guard let member = log.members[account] else { return false }
        return member.role == .facilitator && member.identity == identity
    }

    /// Whether `account` has ever been a facilitator with `identity` in this roster, even if the role was revoked
    /// since. Room logs are checked against this, so rebuilding a room log after a demotion gives the same state
    /// (docs/TRUST.md, "Room roles come from the roster").
    public func hasBeenFacilitator(_ account: UInt64, identity: IdentityKeys.PublicBundle) -> Bool {
        log.grants.contains(RoleGrant(account: account, role: .facilitator, signingKey: identity.signingKey))
    }

    /// The roster's rule: a change of role r needs an author whose role may grant r (`Role.invitableRoles`).
    static func authorise(_ entry: LogEntry, _ state: LogState) -> LogRefusal? {
        let authorRole = state.members[entry.author]?.role
        func mayGrant(_ role: Role?) -> LogRefusal? {
            guard let authorRole, let role, authorRole.invitableRoles.contains(role) else { return .notAuthorised }
            return nil
        }
        switch entry.body {
        case .genesis, .join:
            return nil
        case let .invite(terms):
            return mayGrant(terms.role)
        case let .add(_, _, _, role):
            return mayGrant(role)
        case let .remove(account):
            return mayGrant(state.members[account]?.role)
        case let .revoke(key):
            return mayGrant(state.invites[key.bytes]?.terms.role)
        case .leave:
            let operators = state.members.values.filter { $0.role == .operator }.count
            return authorRole == .operator && operators == 1 ? .lastOperator : nil
        }
    }
}
