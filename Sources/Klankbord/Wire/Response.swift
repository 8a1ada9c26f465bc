/// A successful answer to a request; it travels with the request's type code and id.
public enum Response: Sendable, Equatable {
    case pong
    /// The account now bound to this device, the room the invite joined, if any, who made the invite
    /// (nil for the daemon's operator invites), and the invite's welcome blob, if any (docs/TRUST.md).
    case redeemed(account: AccountRecord, room: UInt64?, inviter: InviterRecord?, welcome: [UInt8]? = nil)
    case account(AccountRecord)
    /// A request that changes something and has nothing to report.
    case done
    /// The secret is shown once; `publicAddress` is the server's address for invite codes ("" = the one you used).
    case inviteCreated(id: UInt64, secret: [UInt8], expiresAt: Int64, publicAddress: String)
    case invites([InviteRecord])
    case room(id: UInt64, name: String)
    case rooms([RoomSummary])
    case members([MemberRecord])
    case contactCode(secret: [UInt8], expiresAt: Int64)
    case sent(seq: UInt64, time: Int64)
    case events([EventRecord], more: Bool)
    case subscribed([RoomCursor])
    case inboxItems([InboxItem])
    case prekeyCount(UInt32)
    /// One entry per account asked for, in order: its serialized prekey bundle, or nil when you may not have it.
    case bundles([AccountBundle])
    /// The answer to `inboxPutMany`: one status per item, in request order.
    case deliveries([DeliveryStatus])
    /// Log entries with their indexes, oldest first; `more` when the limit or the size budget cut the list.
    case logEntries([LogRecord], more: Bool)
    /// A room's rules, and the seconds the caller must still wait before its next message there (0 = may send now).
    case roomSettings(RoomSettings, waitSeconds: UInt32)
    /// The database's restore generation (new after every `klankbordd restore`) and the server key new invite codes carry.
    case serverInfo(ServerInfo)
}

extension Response {
    func encodeBody(into w: inout WireWriter) {
        switch self {
        case .pong, .done:
            break
        case let .redeemed(account, room, inviter, welcome):
            account.encode(into: &w)
            w.optional(room) { $0.u64($1) }
            w.optional(inviter) { $1.encode(into: &$0) }
            w.optional(welcome) { $0.data($1) }
        case let .account(account):
            account.encode(into: &w)
        case let .inviteCreated(id, secret, expiresAt, address):
            w.u64(id)
            w.fixed(secret)
            w.i64(expiresAt)
            w.string(address)
        case let .invites(list):
            w.list(list) { $1.encode(into: &$0) }
        case let .room(id, name):
            w.u64(id)
            w.string(name)
        case let .rooms(list):
            w.list(list) { $1.encode(into: &$0) }
        case let .members(list):
            w.list(list) { $1.encode(into: &$0) }
        case let .contactCode(secret, expiresAt):
            w.fixed(secret)
            w.i64(expiresAt)
        case let .sent(seq, time):
            w.u64(seq)
            w.i64(time)
        case let .events(list, more):
            w.list(list) { $1.encode(into: &$0) }
            w.bool(more)
        case let .subscribed(list):
            w.list(list) { w, cursor in
                w.u64(cursor.room)
                w.u64(cursor.lastSeq)
            }
        case let .inboxItems(list):
            w.list(list) { $1.encode(into: &$0) }
        case let .prekeyCount(count):
            w.u32(count)
        case let .bundles(list):
            w.list(list) { w, entry in
                w.u64(entry.account)
                w.optional(entry.bundle) { $0.data($1) }
            }
        case let .deliveries(list):
            w.list(list) { $0.u8($1.rawValue) }
        case let .logEntries(list, more):
            w.list(list) { $1.encode(into: &$0) }
            w.bool(more)
        case let .roomSettings(settings, wait):
            settings.encode(into: &w)
            w.u32(wait)
        case let .serverInfo(info):
            info.encode(into: &w)
        }
    }

    /// Reads the response to a request of `type`.
    static func decodeBody(_ type: MessageType, from r: inout WireReader) throws(WireError) -> Response {
        switch type {
        case .ping: return .pong
        case .deleteAccount, .inviteRevoke, .roomLeave, .roomRemove, .inboxPut, .inboxAck: return .done
        case .inboxPutMany:
            return .deliveries(try r.list { r throws(WireError) in
                guard let status = DeliveryStatus(rawValue: try r.u8()) else { throw .invalidValue }
                return status
            })
        case .roomAdd, .logAppend, .roomSettingsSet: return .done
        case .roomKeep: return .done
        case .roomSettings: return .roomSettings(try RoomSettings(from: &r), waitSeconds: try r.u32())
        case .logFetch: return .logEntries(try r.list { r throws(WireError) in try LogRecord(from: &r) }, more: try r.bool())
        case .prekeysUpload, .prekeyCount: return .prekeyCount(try r.u32())
        case .bundles:
            return .bundles(try r.list { r throws(WireError) in
                AccountBundle(account: try r.u64(), bundle: try r.optional { r throws(WireError) in try r.data(limit: 4096) })
            })
        case .redeem:
            return .redeemed(account: try AccountRecord(from: &r), room: try r.optional { r throws(WireError) in try r.u64() },
                             inviter: try r.optional { r throws(WireError) in try InviterRecord(from: &r) },
                             welcome: try r.optional { r throws(WireError) in try r.data(limit: Request.maxWelcomeLength) })
        case .whoami: return .account(try AccountRecord(from: &r))
        case .inviteCreate:
            return .inviteCreated(id: try r.u64(), secret: try r.fixed(Request.secretLength), expiresAt: try r.i64(), publicAddress: try r.string())
        case .inviteList: return .invites(try r.list { r throws(WireError) in try InviteRecord(from: &r) })
        case .roomCreate, .directOpen, .directOpenWithCode: return .room(id: try r.u64(), name: try r.string())
        case .rooms: return .rooms(try r.list { r throws(WireError) in try RoomSummary(from: &r) })
        case .members: return .members(try r.list { r throws(WireError) in try MemberRecord(from: &r) })
        case .contactCodeCreate: return .contactCode(secret: try r.fixed(Request.secretLength), expiresAt: try r.i64())
        case .send: return .sent(seq: try r.u64(), time: try r.i64())
        case .fetch: return .events(try r.list { r throws(WireError) in try EventRecord(from: &r) }, more: try r.bool())
        case .subscribe:
            return .subscribed(try r.list { r throws(WireError) in RoomCursor(room: try r.u64(), lastSeq: try r.u64()) })
        case .inboxFetch: return .inboxItems(try r.list { r throws(WireError) in try InboxItem(from: &r) })
        case .serverInfo: return .serverInfo(try ServerInfo(from: &r))
        case .event, .inboxItem, .membership, .logEntry: throw .unknownType(type.rawValue)
        }
    }
}
