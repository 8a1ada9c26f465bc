import KlankbordCrypto
import KlankbordE2E
import KlankbordProtocol

/// A short, unkeyed commitment to an identity, carried in an invite or contact code so that the person who
/// uses the code can check the identity the server hands out for its maker: the server never learns enough
/// to substitute it (it would need a second identity with the same 128-bit hash).
///
///     invite:  BLAKE2b-128("klankbord/invite-commitment/1" || identity public bundle (129) || context (32))
///     contact: BLAKE2b-128("klankbord/contact-commitment/1" || identity public bundle (129))
///
/// `context` is `InviteContext` of the signed log heads right after the code's `invite` entry, or 32 zero bytes
/// when no entry was written (`Messenger.prepareInvite`).
public enum IdentityCommitment {
    /// Bytes in a commitment (BLAKE2b-128).
    public static let length = InviteCode.commitmentLength
    /// Bytes in an invite commitment's context.
    public static let contextLength = 32
    /// The invite context of a code no signed log holds an `invite` entry for.
    public static let noContext = [UInt8](repeating: 0, count: contextLength)

    static let inviteDomain = Array("klankbord/invite-commitment/1".utf8)
    static let contactDomain = Array("klankbord/contact-commitment/1".utf8)

    /// The commitment an invite code carries to the identity of the person who made it.
    public static func invite(_ inviter: IdentityKeys.PublicBundle, context: [UInt8] = noContext) -> [UInt8] {
        BLAKE2b.hash(inviteDomain + inviter.serialized() + context, length: length)
    }

    /// The commitment a contact code carries to its owner's identity.
    public static func contact(_ owner: IdentityKeys.PublicBundle) -> [UInt8] {
        BLAKE2b.hash(contactDomain + owner.serialized(), length: length)
    }

    /// Compares in constant time (the values are not secret, but there is no reason to leak where they differ).
    public static func matches(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// The server handed out an identity for an invite's or contact code's maker that the code's commitment rules out.
public struct CommitmentMismatch: Error, Equatable, Sendable {}

extension InviteCode {
    /// Checks the inviter the server named at `redeem` against this code's commitment and returns the pin to keep
    /// (nil for a version-1 code, which commits to nobody). A version-2 code with no inviter, or with one whose
    /// identity does not match, means the server is lying.
    public func pinInviter(_ inviter: InviterRecord?) throws(CommitmentMismatch) -> IdentityPin? {
        guard let commitment else { return nil }
        guard let inviter, let identity = try? IdentityKeys.PublicBundle(serialized: inviter.identity),
              IdentityCommitment.matches(IdentityCommitment.invite(identity), commitment) else { throw CommitmentMismatch() }
        return IdentityPin(account: inviter.accountID, handle: inviter.handle, identity: identity, source: .invite)
    }
}
