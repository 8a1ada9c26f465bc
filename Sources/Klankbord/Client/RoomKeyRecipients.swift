import KlankbordTrust

/// Who may receive a room's keys (sender-key distributions): the members the signed room log holds, and
/// only those the server lists too — both must agree (docs/TRUST.md, "What clients do with it").
///
/// The two kinds of disagreement are kept so every client can show them: an account the server lists but
/// no signed entry added (a "ghost", issue 16 attack 1) gets nothing; a log member the server does not list
/// cannot fetch the room anyway and is shown as missing.
public struct RoomKeyRecipients: Sendable, Equatable {
    /// The accounts to send the room's keys to, without oneself, in ascending order.
    public var accounts: [UInt64]
    /// Listed by the server, absent from the log: they get nothing.
    public var ghosts: [UInt64]
    /// In the log, not listed by the server.
    public var missing: [UInt64]

    /// Compares the log's member set with the server's `members` list, for the account `me`.
    public init(log: RoomMembership, serverMembers: [UInt64], me: UInt64) {
        let signed = log.memberIDs, listed = Set(serverMembers)
        accounts = signed.intersection(listed).subtracting([me]).sorted()
        ghosts = listed.subtracting(signed).sorted()
        missing = signed.subtracting(listed).sorted()
    }

    /// Whether the server and the log agree.
    public var agree: Bool { ghosts.isEmpty && missing.isEmpty }
}
