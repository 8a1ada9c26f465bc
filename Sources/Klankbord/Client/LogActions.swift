import KlankbordCrypto
import KlankbordE2E
import KlankbordProtocol
import KlankbordTrust

/// What each command writes into the logs (docs/TRUST.md, "What clients do with it", step 5), as bodies ready for
/// `HeldLog.write`. Pure: the commands that call these are the next step.
public enum LogActions {
    /// A new room: its log key R and the genesis body, written by the creating facilitator.
    public static func newRoom(handle: String, identity: IdentityKeys) -> (key: RoomLogKey, genesis: LogBody) {
        (RoomLogKey(), .genesis(handle: handle, identity: identity.publicBundle))
    }

    /// A new invite secret (made by the client, never sent), the `invite` entry for it, and what `inviteCreate`
    /// carries: the redeem token and, for a room, the welcome blob that brings R to whoever redeems the code.
    public static func invite(role: Role, uses: UInt16, expires: Int64,
                              room: (id: UInt64, key: RoomLogKey)?) throws(CryptoError) -> (secret: [UInt8], body: LogBody, keyed: KeyedInvite) {
        let secret = Random.bytes(Request.secretLength)
        let terms = LogInviteTerms(key: try InviteKey(secret: secret).publicKey, role: role, uses: uses, expires: expires)
        let welcome = try room.map { room throws(CryptoError) in try room.key.welcome(room: room.id, inviteSecret: secret) }
        return (secret, .invite(terms), KeyedInvite(token: try InviteKey.redeemToken(secret: secret), welcome: welcome))
    }

    /// The context an invite code commits to, computed right after its `invite` entry was written.
    public static func context(roster: Roster, room: RoomMembership?) -> [UInt8] {
        InviteContext.context(rosterHead: roster.log.head, roomHead: room?.log.head)
    }

    /// The `join` entry's body for the holder of the invite `secret`, joining log `scope` as `account`.
    public static func join(secret: [UInt8], scope: UInt64, account: UInt64, identity: IdentityKeys, handle: String) throws(CryptoError) -> LogBody {
        let key = try InviteKey(secret: secret)
        let proof = key.proof(scope: scope, account: account, identity: identity.publicBundle, handle: handle)
        return .join(LogJoin(inviteKey: key.publicKey, handle: handle, identity: identity.publicBundle, proof: proof))
    }
}
