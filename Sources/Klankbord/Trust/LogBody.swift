// Bodies of log entries (docs/TRUST.md, "Kinds and bodies"). `bundle` is the 129-byte identity bundle.
//
//   genesis  1  handle string · bundle
//   invite   2  invite key (32) · role u8 · uses u16 · expires i64
//   join     3  invite key (32) · handle string · bundle · proof (64)
//   add      4  account u64 · handle string · bundle · role u8
//   leave    5  (empty)
//   remove   6  account u64
//   revoke   7  invite key (32)

import KlankbordCrypto
import KlankbordE2E
import KlankbordProtocol

/// The stable one-byte code of each kind of log entry.
public enum LogEntryKind: UInt8, Sendable, CaseIterable {
    case genesis = 1, invite = 2, join = 3, add = 4, leave = 5, remove = 6, revoke = 7
}

/// The terms of an invite as its `invite` entry states them.
public struct LogInviteTerms: Sendable, Equatable {
    /// The Ed25519 public key derived from the invite secret (`InviteKey`).
    public var key: Ed25519.VerifyingKey
    /// The role a join through it grants (always `member` in a room log).
    public var role: Role
    /// How many joins it allows.
    public var uses: UInt16
    /// The last second (by the joiner's clock) a join may be made.
    public var expires: Int64

    /// Terms from their parts.
    public init(key: Ed25519.VerifyingKey, role: Role, uses: UInt16, expires: Int64) {
        self.key = key
        self.role = role
        self.uses = uses
        self.expires = expires
    }
}

/// What a `join` entry carries: the invite, who joins, and the proof that they hold the invite secret.
public struct LogJoin: Sendable, Equatable {
    /// The invite joined through (its `invite` entry names the same key).
    public var inviteKey: Ed25519.VerifyingKey
    /// The handle the joiner takes in this log.
    public var handle: String
    /// The joiner's identity, which also signs the entry.
    public var identity: IdentityKeys.PublicBundle
    /// Ed25519 by the invite key over `InviteKey.proofMessage(...)`.
    public var proof: [UInt8]

    /// A join from its parts (`ChainWriter` and `LogActions.join` make the proof).
    public init(inviteKey: Ed25519.VerifyingKey, handle: String, identity: IdentityKeys.PublicBundle, proof: [UInt8]) {
        self.inviteKey = inviteKey
        self.handle = handle
        self.identity = identity
        self.proof = proof
    }
}

/// The kind-specific part of a log entry.
public enum LogBody: Sendable, Equatable {
    case genesis(handle: String, identity: IdentityKeys.PublicBundle)
    case invite(LogInviteTerms)
    case join(LogJoin)
    case add(account: UInt64, handle: String, identity: IdentityKeys.PublicBundle, role: Role)
    case leave
    case remove(account: UInt64)
    case revoke(inviteKey: Ed25519.VerifyingKey)

    /// The kind code written before the body.
    public var kind: LogEntryKind {
        switch self {
        case .genesis: .genesis
        case .invite: .invite
        case .join: .join
        case .add: .add
        case .leave: .leave
        case .remove: .remove
        case .revoke: .revoke
        }
    }

    func encode(into w: inout WireWriter) {
        switch self {
        case let .genesis(handle, identity):
            w.string(handle)
            w.fixed(identity.serialized())
        case let .invite(terms):
            w.fixed(terms.key.bytes)
            w.u8(terms.role.rawValue)
            w.u16(terms.uses)
            w.i64(terms.expires)
        case let .join(join):
            w.fixed(join.inviteKey.bytes)
            w.string(join.handle)
            w.fixed(join.identity.serialized())
            w.fixed(join.proof)
        case let .add(account, handle, identity, role):
            w.u64(account)
            w.string(handle)
            w.fixed(identity.serialized())
            w.u8(role.rawValue)
        case .leave:
            break
        case let .remove(account):
            w.u64(account)
        case let .revoke(key):
            w.fixed(key.bytes)
        }
    }

    static func decode(_ kind: LogEntryKind, from r: inout WireReader, bundlesChecked: Bool = false) throws -> LogBody {
        let bundle = { (r: inout WireReader) throws -> IdentityKeys.PublicBundle in try Self.bundle(&r, checked: bundlesChecked) }
        switch kind {
        case .genesis:
            return .genesis(handle: try r.string(), identity: try bundle(&r))
        case .invite:
            let key = try verifyingKey(&r)
            guard let role = Role(rawValue: try r.u8()) else { throw TrustError.malformed }
            return .invite(LogInviteTerms(key: key, role: role, uses: try r.u16(), expires: try r.i64()))
        case .join:
            return .join(LogJoin(inviteKey: try verifyingKey(&r), handle: try r.string(), identity: try bundle(&r),
                                 proof: try r.fixed(Ed25519.signatureLength)))
        case .add:
            let account = try r.u64(), handle = try r.string(), identity = try bundle(&r)
            guard let role = Role(rawValue: try r.u8()) else { throw TrustError.malformed }
            return .add(account: account, handle: handle, identity: identity, role: role)
        case .leave:
            return .leave
        case .remove:
            return .remove(account: try r.u64())
        case .revoke:
            return .revoke(inviteKey: try verifyingKey(&r))
        }
    }

    private static func bundle(_ r: inout WireReader, checked: Bool) throws -> IdentityKeys.PublicBundle {
        try IdentityKeys.PublicBundle(serialized: try r.fixed(1 + IdentityKeys.PublicBundle.bodyLength), alreadyChecked: checked)
    }

    private static func verifyingKey(_ r: inout WireReader) throws -> Ed25519.VerifyingKey {
        try Ed25519.VerifyingKey(try r.fixed(Ed25519.publicKeyLength))
    }
}
