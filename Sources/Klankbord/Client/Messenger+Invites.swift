import FoundationEssentials
import KlankbordCrypto
import KlankbordE2E
import KlankbordProtocol
import KlankbordTrust

/// An invite made on this device: the secret for the code, what `inviteCreate` carries, and the context the code's
/// commitment names (docs/TRUST.md, "Anchors").
public struct PreparedInvite: Sendable {
    /// The 32 random bytes in the code; never sent.
    public var secret: [UInt8]
    /// The redeem token and, for a room, the welcome that brings the room log key.
    public var keyed: KeyedInvite
    /// The invite context: the log heads right after the `invite` entry, or 32 zero bytes when no entry was written.
    public var context: [UInt8]
}

/// What the logs said about an invite this device redeemed.
public enum InviteAnchoring: Sendable, Equatable {
    /// The code's commitment matches the logs: the inviter to pin, and the join entries are written.
    case anchored(IdentityPin)
    /// No log holds an `invite` entry for this code: only the server's inviter record can be checked.
    case notInLog
    /// The logs differ from what the inviter saw (or the welcome does not open): a server shows another history.
    case mismatch
    /// The log refuses this account's join (for example: removed after the invite was made).
    case refused(LogRefusal)
}

extension InviteCode {
    /// What `redeem` sends: the redeem token of a version-2 code (always keyed: the server never sees its secret),
    /// or the secret of a version-1 code (the daemon's own invites, made by the server).
    public func redeemSecret() throws(CryptoError) -> [UInt8] {
        commitment == nil ? secret : try InviteKey.redeemToken(secret: secret)
    }
}

extension Messenger {
    /// Makes the secret and writes the `invite` entries this account may write: the roster's for a role above
    /// member, the room's for a room with a held log. The server never sees the secret, only its redeem token.
    public func prepareInvite(role: Role, room: UInt64?, uses: UInt16, expires: Int64) throws -> PreparedInvite {
        var rosterLog = try syncedRoster()
        var roster = rosterLog.roster()
        let roomLog = try room.flatMap { try syncedRoom($0) }
        let made = try LogActions.invite(role: role, uses: uses, expires: expires, room: roomLog.flatMap { log in log.key.map { (log.scope, $0) } })
        guard case let .invite(terms) = made.body else { throw ClientError.protocolViolation }
        var context = IdentityCommitment.noContext
        if role != .member, let mine = roster.role(of: account.id), mine.invitableRoles.contains(role),
           case .written = try write(made.body, into: &rosterLog, roster: roster) {
            roster = rosterLog.roster()
            context = LogActions.context(roster: roster, room: nil)
        }
        var welcome: [UInt8]?
        if var log = roomLog {
            let body = LogBody.invite(LogInviteTerms(key: terms.key, role: .member, uses: uses, expires: expires))
            if case .written = try write(body, into: &log, roster: roster) {
                context = LogActions.context(roster: roster, room: log.membership(roster: roster))
                welcome = made.keyed.welcome
            }
        }
        return PreparedInvite(secret: made.secret, keyed: KeyedInvite(token: made.keyed.token, welcome: welcome), context: context)
    }

    /// After `redeem`: checks the code's `commitment` against the logs the server shows, opens the `welcome`, and
    /// writes this account's `join` entries (roster and/or room). Nothing is written unless the anchor holds and the
    /// server named the same inviter (`server`, from `redeem`): a server that lies about either is not trusted.
    public func acceptInvite(secret: [UInt8], commitment: [UInt8], room: UInt64?, welcome: [UInt8]?, server: InviterRecord?) throws -> InviteAnchoring {
        let inviteKey = try InviteKey(secret: secret).publicKey
        var rosterLog = try syncedRoster()
        let roster = rosterLog.roster()
        var roomLog: HeldLog?
        if let room, let welcome {
            guard let key = try? RoomLogKey(welcome: welcome, room: room, inviteSecret: secret) else { return .mismatch }
            var log = HeldLog(scope: room, key: key)
            _ = try log.sync(connection.logServer.fetch)
            roomLog = log
        }
        let membership = roomLog?.membership(roster: roster)
        let inRoom = membership?.log.invites[inviteKey.bytes] != nil
        let inRoster = roster.log.invites[inviteKey.bytes] != nil
        guard inRoom || inRoster else { return roomLog == nil ? .notInLog : .mismatch }
        let inviter: IdentityKeys.PublicBundle
        do {
            inviter = try InviteAnchor.verify(commitment: commitment, inviteKey: inviteKey, roster: roster, room: inRoom ? membership : nil)
        } catch {
            return .mismatch
        }
        let log = (inRoom ? membership?.log : nil) ?? roster.log
        guard let author = log.invites[inviteKey.bytes]?.author, let server, server.accountID == author,
              server.identity == inviter.serialized() else { return .mismatch }
        let handle = log.members[author]?.handle ?? roster.log.members[author]?.handle ?? ""
        let identity = try profile.identity()
        if inRoster, roster.log.members[account.id] == nil {
            let join = try LogActions.join(secret: secret, scope: LogEntry.rosterScope, account: account.id, identity: identity, handle: account.handle)
            if case let .refused(why) = try write(join, into: &rosterLog, roster: roster) { return .refused(why) }
        }
        if inRoom, var log = roomLog {
            let join = try LogActions.join(secret: secret, scope: log.scope, account: account.id, identity: identity, handle: account.handle)
            let outcome = try write(join, into: &log, roster: rosterLog.roster())
            if case let .refused(why) = outcome { return .refused(why) }
        }
        return .anchored(IdentityPin(account: author, handle: handle, identity: inviter, source: .invite))
    }
}
