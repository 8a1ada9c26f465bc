import FoundationEssentials
import Klankbord

/// The big room's members for W6: the facilitator makes room invites with the real `room invite`, and each member
/// does on the wire what the real `join` and `room leave` do — a new device key and identity, `redeem` with a
/// handle, the `join` entry with the invite proof signed by the member's own identity, prekeys published (the
/// signed prekey and the same batch of one-time prekeys), and for those who go the `leave` entry and `roomLeave`.
/// What differs is only on the member's side, which the timed profile never sees: no profile on disk, and the
/// log checked once for all members (`SeedRoomLog`) rather than read and checked again from the start by each.
struct HistoryMembers {
    /// Members who stay in the big room, and members who join it and leave again.
    let staying: Int
    let passing: Int
    let daemon: Daemon
    let cli: InProcessCLI

    /// Joins the members who come and go, then those who stay; returns how many joined in all.
    @discardableResult
    func run() throws -> Int {
        var log: SeedRoomLog?
        var index = 0
        for (count, leaves) in [(passing, true), (staying, false)] {
            var left = count
            while left > 0 {
                let uses = min(left, 500)
                let text = try cli.firstLine(HistorySeed.facilitator, ["room", "invite", HistoryShape.bigRoom, "--uses", String(uses)])
                let invite = try InviteCode(parsing: text)
                for _ in 0..<uses {
                    try join(as: "lid\(index)", invite, leaves: leaves, log: &log)
                    index += 1
                }
                left -= uses
            }
        }
        return index
    }

    /// One member: joins through `invite`, and leaves again when `leaves`.
    private func join(as name: String, _ invite: InviteCode, leaves: Bool, log: inout SeedRoomLog?) throws {
        let identity = IdentityKeys()
        let connection = try ClientConnection(address: daemon.address, serverKey: daemon.serverKey, deviceKey: X25519.PrivateKey())
        guard case let .redeemed(account, room?, _, welcome?) = try connection.call(.redeem(secret: try invite.redeemSecret(), handle: name)) else {
            throw BenchFailure(description: "redeeming a room invite gave no room or no welcome")
        }
        if log == nil {
            // The first member opens the welcome as the real join does: the room log key comes from the invite's secret.
            log = try SeedRoomLog(room: room, key: try RoomLogKey(welcome: welcome, room: room, inviteSecret: invite.secret), over: connection)
        }
        guard var held = log, held.room == room else { throw BenchFailure(description: "a room invite led to another room") }
        // Held alone while it grows, or every write would copy the whole reduced state.
        log = nil
        // The facilitator's new `invite` entry, written since the last member.
        try held.catchUp(over: connection)
        let now = Int64(Date().timeIntervalSince1970)
        let join = try LogActions.join(secret: invite.secret, scope: room, account: account.id, identity: identity, handle: account.handle)
        try held.write(join, author: account.id, signer: identity.signingKey, time: now, over: connection)
        // As `publishKeys(force: true)` after a first join: so a facilitator can set up a session with this member.
        let signed = SignedPrekey(id: 1, createdAt: UInt64(now), identity: identity)
        let oneTime = OneTimePrekey.generate(count: Messenger.prekeyBatch, startingAt: 1)
        _ = try connection.call(.prekeysUpload(identity: identity.publicBundle.serialized(), signedPrekey: signed.publicPart.serialized(),
                                               oneTimePrekeys: oneTime.map { $0.publicPart.serialized() }))
        if leaves {
            // As `room leave`: the signed log first, then the server.
            try held.write(.leave, author: account.id, signer: identity.signingKey, time: now, over: connection)
            _ = try connection.call(.roomLeave(room: room))
        }
        log = held
    }
}
