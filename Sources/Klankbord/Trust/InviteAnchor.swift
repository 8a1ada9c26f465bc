import KlankbordCrypto
import KlankbordE2E

/// Checks an invite code's commitment against the logs a joiner fetched (docs/TRUST.md, "Anchors").
///
/// The inviter computes the context right after appending the `invite` entry, so the pinned heads are:
/// for a room invite, the room log's head is that `invite` entry and the roster's head is whatever the inviter
/// held; for a roster invite, the roster's head is the `invite` entry and the room head is 32 zero bytes.
/// The joiner finds the entry by the invite key it derives from the secret, so no search over room heads is
/// needed, and at most one hash per roster entry.
public enum InviteAnchor {
    /// Why the logs a joiner was shown do not match the code.
    public enum Mismatch: Error, Equatable, Sendable {
        /// No `invite` entry in the log has the code's invite key: the server withheld it or shows another log.
        case inviteNotInLog
        /// The invite's author holds no identity in the logs.
        case inviterUnknown
        /// The entries are there, but not the history the inviter saw (or another inviter).
        case commitmentMismatch
    }

    /// Succeeds when `commitment` (from the code) names the inviter and the heads of `roster` and `room` (nil for a
    /// roster invite) as this device now holds them. Returns the inviter's identity, to pin.
    public static func verify(commitment: [UInt8], inviteKey: Ed25519.VerifyingKey, roster: Roster,
                              room: RoomMembership?) throws(Mismatch) -> IdentityKeys.PublicBundle {
        let log = room?.log ?? roster.log
        guard let invite = log.invites[inviteKey.bytes] else { throw .inviteNotInLog }
        guard let inviter = log.members[invite.author]?.identity ?? roster.identity(of: invite.author) else { throw .inviterUnknown }
        let candidates: [(roster: [UInt8], room: [UInt8]?)] = room == nil
            ? [(invite.entryHash, nil)]
            : roster.log.chain.map { ($0, invite.entryHash) }
        for candidate in candidates
        where InviteContext.commitment(inviter: inviter, context: InviteContext.context(rosterHead: candidate.roster, roomHead: candidate.room)) == commitment {
            return inviter
        }
        throw .commitmentMismatch
    }
}
