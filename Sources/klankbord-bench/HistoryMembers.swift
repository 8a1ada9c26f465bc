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

    /// What the joins cost: how many, and milliseconds a member in the first and the last invite's batch of those
    /// who come and go and of those who stay (a cost that grows with the room shows as a last batch dearer than the first).
    struct Joined {
        var members = 0
        var passingMillis: (first: Double, last: Double) = (0, 0)
        var stayingMillis: (first: Double, last: Double) = (0, 0)

        var summary: String {
            " (\(members) members; ms a member, first and last 500: "
                + String(format: "coming and going %.1f and %.1f, staying %.1f and %.1f)", passingMillis.first, passingMillis.last,
                         stayingMillis.first, stayingMillis.last)
        }
    }

    /// Joins the members who come and go, then those who stay.
    @discardableResult
    func run() throws -> Joined {
        var log: SeedRoomLog?
        var joined = Joined()
        for (count, leaves) in [(passing, true), (staying, false)] {
            var left = count
            var batches: [Double] = []
            while left > 0 {
                let uses = min(left, 500)
                let text = try cli.firstLine(HistorySeed.facilitator, ["room", "invite", HistoryShape.bigRoom, "--uses", String(uses)])
                let invite = try InviteCode(parsing: text)
                let start = monotonicSeconds()
                for _ in 0..<uses {
                    try join(as: "lid\(joined.members)", invite, leaves: leaves, log: &log)
                    joined.members += 1
                }
                batches.append((monotonicSeconds() - start) * 1000 / Double(uses))
                left -= uses
            }
            let millis = (first: batches.first ?? 0, last: batches.last ?? 0)
            if leaves { joined.passingMillis = millis } else { joined.stayingMillis = millis }
        }
        return joined
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
