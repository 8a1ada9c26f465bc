/// What an account may do on the server (DESIGN.md, "Identity, invites and roles").
public enum Role: UInt8, Sendable, CaseIterable {
    /// Runs the server and makes facilitator invites; is never a room member and reads nothing.
    case `operator` = 1
    /// Creates rooms and invites, removes members, keeps the ledger.
    case facilitator = 2
    /// A help-desk handle any member may open a one-to-one thread with.
    case trusted = 3
    /// Everyone else.
    case member = 4

    /// The stable name used in commands and `--json` output.
    public var name: String {
        switch self {
        case .operator: "operator"
        case .facilitator: "facilitator"
        case .trusted: "trusted"
        case .member: "member"
        }
    }

    /// The role with the given stable name.
    public init?(name: String) {
        guard let role = Role.allCases.first(where: { $0.name == name.lowercased() }) else { return nil }
        self = role
    }

    /// The roles an invite made by this role may grant.
    public var invitableRoles: Set<Role> {
        switch self {
        case .operator: [.operator, .facilitator]
        case .facilitator: [.facilitator, .trusted, .member]
        case .trusted, .member: []
        }
    }

    /// Whether this role may create rooms and remove members from them.
    public var managesRooms: Bool { self == .facilitator }
}

/// A group room or a one-to-one thread.
public enum RoomKind: UInt8, Sendable, CaseIterable {
    case group = 1
    case direct = 2

    public var name: String { self == .group ? "group" : "direct" }
}

/// Why a member list changed, as pushed to the remaining members.
public enum MembershipChange: UInt8, Sendable, CaseIterable {
    case joined = 1
    case left = 2
    case removed = 3

    public var name: String {
        switch self {
        case .joined: "joined"
        case .left: "left"
        case .removed: "removed"
        }
    }
}
