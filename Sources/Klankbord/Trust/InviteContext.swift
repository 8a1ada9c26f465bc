import KlankbordCrypto
import KlankbordE2E

/// What an invite code pins besides the inviter (docs/TRUST.md, "Anchors"): the heads of the roster and of
/// the room log the inviter held, so a joiner can refuse any other history a server presents.
public enum InviteContext {
    static let contextDomain = Array("klankbord/invite-context/1".utf8)
    static let commitmentDomain = Array("klankbord/invite-commitment/1".utf8)
    /// The length of an invite code's commitment, in bytes.
    public static let commitmentLength = 16

    /// BLAKE2b-256("klankbord/invite-context/1" || roster head || room log head, or 32 zero bytes).
    public static func context(rosterHead: [UInt8], roomHead: [UInt8]?) -> [UInt8] {
        BLAKE2b.hash(contextDomain + rosterHead + (roomHead ?? LogEntry.zeroHash), length: 32)
    }

    /// BLAKE2b-128("klankbord/invite-commitment/1" || inviter identity bundle (129) || context): the invite
    /// code v2 commitment (task "pinning" owns the code's layout).
    public static func commitment(inviter: IdentityKeys.PublicBundle, context: [UInt8]) -> [UInt8] {
        BLAKE2b.hash(commitmentDomain + inviter.serialized() + context, length: commitmentLength)
    }
}
