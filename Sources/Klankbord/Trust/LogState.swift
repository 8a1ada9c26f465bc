import KlankbordCrypto
import KlankbordE2E
import KlankbordProtocol

/// Someone a log holds: a roster entry (with their role) or a room member.
public struct LogMember: Sendable, Equatable {
    /// The account id.
    public var account: UInt64
    /// The handle the member took in this log.
    public var handle: String
    /// The identity the member signs with.
    public var identity: IdentityKeys.PublicBundle
    /// In the roster, the account's role; in a room log, always `member` (room management comes from the roster).
    public var role: Role
    /// The index of the entry that made them a member.
    public var since: Int
}

/// That an account held a role with a given identity signing key at some point of a log.
public struct RoleGrant: Hashable, Sendable {
    /// The account id.
    public var account: UInt64
    /// The role granted.
    public var role: Role
    /// The identity signing key the role was held with.
    public var signingKey: Ed25519.VerifyingKey
}

/// An invite an `invite` entry created, with what is left of it.
public struct LogInvite: Sendable, Equatable {
    /// What the `invite` entry stated.
    public var terms: LogInviteTerms
    /// Who made the invite.
    public var author: UInt64
    /// Joins still allowed.
    public var usesLeft: UInt16
    /// The index of the `invite` entry; a removal at a later index bans the removed account from it.
    public var createdAt: Int
    /// Whether a `revoke` entry stopped it.
    public var revoked: Bool
    /// The hash of the `invite` entry: the log head its invite code pins (docs/TRUST.md, "Anchors").
    public var entryHash: [UInt8]
}

/// The state of one log, and the checks every kind of log shares (docs/TRUST.md, "Rules every client checks").
/// Who may author what differs between the roster and a room log; `Roster` and `RoomMembership` supply it.
public struct LogState: Sendable, Equatable {
    /// Checks the author's right to make `entry` given the state so far; nil means allowed.
    typealias Authority = (LogEntry, LogState) -> LogRefusal?

    /// 0 for the roster, otherwise the room id.
    public let scope: UInt64
    /// The role a genesis author gets in this log.
    let genesisRole: Role
    /// Who the log holds now, by account id.
    public private(set) var members: [UInt64: LogMember] = [:]
    /// Invites by the bytes of their public key, revoked and used-up ones included.
    public private(set) var invites: [[UInt8]: LogInvite] = [:]
    /// Removed accounts, with the index of their latest removal.
    public private(set) var bans: [UInt64: Int] = [:]
    /// The hash of the last valid entry; what the next entry must name as `prev`.
    public private(set) var head = LogEntry.zeroHash
    /// How many entries were valid.
    public private(set) var length = 0
    /// The hash of every valid entry, in order: the heads this log has had.
    public private(set) var chain: [[UInt8]] = []
    /// Every role each account has held, with the signing key it held it with, including roles since removed.
    /// It only grows with the log, so a check against it gives the same answer on every rebuild.
    public private(set) var grants: Set<RoleGrant> = []
    /// How many entries were offered, valid or not.
    public private(set) var offered = 0
    /// Every ignored entry, in order.
    public private(set) var warnings: [LogWarning] = []
    /// Entries whose signature (and join proof) this device checked before, by entry hash (see `CheckedEntries`).
    package var checkedBefore = CheckedEntries()
    private var hashes: Set<[UInt8]> = []
    /// Members by the case-insensitive key of their handle, so a join checks uniqueness without a scan.
    private var handleOwners: [String: UInt64] = [:]

    init(scope: UInt64, genesisRole: Role) {
        self.scope = scope
        self.genesisRole = genesisRole
    }

    /// The member whose handle matches `handle` without regard to case.
    public func member(handle: String) -> LogMember? {
        guard let key = Handle(handle)?.key, let account = handleOwners[key] else { return nil }
        return members[account]
    }

    /// Records an entry that could not even be read (a room-log entry that did not open).
    mutating func refuse(_ refusal: LogRefusal) {
        warnings.append(LogWarning(position: offered, refusal: refusal))
        offered += 1
    }

    /// Checks the signed entry `bytes` and applies it, or records why it was ignored.
    mutating func apply(_ bytes: [UInt8], authority: Authority) {
        let entry: LogEntry
        do {
            let checked = !checkedBefore.hashes.isEmpty && checkedBefore.hashes.contains(LogEntry.hash(of: bytes))
            entry = try LogEntry(decoding: bytes, bundlesChecked: checked)
        } catch {
            return refuse(.malformed)
        }
        if let refusal = check(entry) ?? authority(entry, self) { return refuse(refusal) }
        accept(entry)
        offered += 1
    }

    /// The checks that do not depend on who may author what.
    private func check(_ entry: LogEntry) -> LogRefusal? {
        guard entry.scope == scope else { return .wrongScope }
        if hashes.contains(entry.hash) { return .duplicate }
        guard entry.prev == head else { return hashes.contains(entry.prev) ? .fork : .gap }
        guard (length == 0) == (entry.kind == .genesis) else { return .misplacedGenesis }
        let signer: IdentityKeys.PublicBundle
        switch entry.body {
        case let .genesis(_, identity):
            signer = identity
        case let .join(join):
            guard members[entry.author] == nil else { return .alreadyMember }
            signer = join.identity
        default:
            guard let member = members[entry.author] else { return .notAMember }
            signer = member.identity
        }
        let checked = checkedBefore.hashes.contains(entry.hash)
        guard checked || entry.isSigned(by: signer.signingKey) else { return .badSignature }
        return checkBody(entry, signaturesChecked: checked)
    }

    private func checkBody(_ entry: LogEntry, signaturesChecked: Bool) -> LogRefusal? {
        switch entry.body {
        case let .genesis(handle, _):
            return Handle(handle) == nil ? .handleInvalid : nil
        case let .invite(terms):
            guard terms.uses > 0 else { return .malformed }
            return invites[terms.key.bytes] == nil ? nil : .duplicate
        case let .join(join):
            guard let invite = invites[join.inviteKey.bytes], !invite.revoked else { return .inviteUnknown }
            guard invite.usesLeft > 0 else { return .inviteUsedUp }
            guard entry.time <= invite.terms.expires else { return .inviteExpired }
            guard signaturesChecked || InviteKey.verifyProof(join, scope: scope, account: entry.author) else { return .badProof }
            if let removal = bans[entry.author], invite.createdAt < removal { return .banned }
            return checkNewHandle(join.handle)
        case let .add(account, handle, _, _):
            guard members[account] == nil else { return .alreadyMember }
            return checkNewHandle(handle)
        case .leave:
            return nil
        case let .remove(account):
            guard members[account] != nil else { return .notAMember }
            return account == entry.author ? .notAuthorised : nil
        case let .revoke(key):
            guard let invite = invites[key.bytes], !invite.revoked else { return .inviteUnknown }
            return nil
        }
    }

    private func checkNewHandle(_ handle: String) -> LogRefusal? {
        guard Handle(handle) != nil else { return .handleInvalid }
        return member(handle: handle) == nil ? nil : .handleTaken
    }

    private mutating func accept(_ entry: LogEntry) {
        let index = length
        switch entry.body {
        case let .genesis(handle, identity):
            admit(LogMember(account: entry.author, handle: handle, identity: identity, role: genesisRole, since: index))
        case let .invite(terms):
            invites[terms.key.bytes] = LogInvite(terms: terms, author: entry.author, usesLeft: terms.uses, createdAt: index, revoked: false,
                                                 entryHash: entry.hash)
        case let .join(join):
            let role = invites[join.inviteKey.bytes]?.terms.role ?? .member
            invites[join.inviteKey.bytes]?.usesLeft -= 1
            admit(LogMember(account: entry.author, handle: join.handle, identity: join.identity, role: role, since: index))
        case let .add(account, handle, identity, role):
            admit(LogMember(account: account, handle: handle, identity: identity, role: role, since: index))
        case .leave:
            dismiss(entry.author)
        case let .remove(account):
            dismiss(account)
            bans[account] = index
        case let .revoke(key):
            invites[key.bytes]?.revoked = true
        }
        head = entry.hash
        hashes.insert(entry.hash)
        chain.append(entry.hash)
        length += 1
    }

    private mutating func admit(_ member: LogMember) {
        members[member.account] = member
        grants.insert(RoleGrant(account: member.account, role: member.role, signingKey: member.identity.signingKey))
        if let key = Handle(member.handle)?.key { handleOwners[key] = member.account }
    }

    private mutating func dismiss(_ account: UInt64) {
        guard let member = members.removeValue(forKey: account) else { return }
        if let key = Handle(member.handle)?.key { handleOwners[key] = nil }
    }
}

/// Hashes of log entries whose signatures (the author's, and a join's invite proof) this device already checked and
/// found good, kept sealed in its profile. The entry hash covers every signed byte and the signature, so the same
/// hash means the same bytes and the same answer: a log of a year (thousands of entries, two Ed25519 checks for each
/// join) is then reduced again without checking every signature from the genesis on. Every other rule still runs.
/// It only saves time, so it takes no part in comparing two states.
package struct CheckedEntries: Sendable, Equatable {
    package var hashes: Set<[UInt8]> = []

    package init(_ hashes: Set<[UInt8]> = []) {
        self.hashes = hashes
    }

    package static func == (_: CheckedEntries, _: CheckedEntries) -> Bool { true }
}
