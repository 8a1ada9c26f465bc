extension Request {
    /// Writes the request's fields (not its header).
    func encodeBody(into w: inout WireWriter) {
        switch self {
        case .ping, .whoami, .deleteAccount, .inviteList, .rooms, .subscribe:
            break
        case let .redeem(secret, handle):
            w.fixed(secret)
            w.string(handle)
        case let .inviteCreate(role, room, uses, expires, keyed):
            w.u8(role.rawValue)
            w.optional(room) { $0.u64($1) }
            w.u16(uses)
            w.u32(expires)
            w.optional(keyed) { $1.encode(into: &$0) }
        case let .inviteRevoke(id):
            w.u64(id)
        case let .roomCreate(name):
            w.string(name)
        case let .members(room), let .roomLeave(room):
            w.u64(room)
        case let .roomRemove(room, handle):
            w.u64(room)
            w.string(handle)
        case let .directOpen(handle):
            w.string(handle)
        case let .contactCodeCreate(expires):
            w.u32(expires)
        case let .directOpenWithCode(secret):
            w.fixed(secret)
        case let .send(room, clientID, payload):
            w.u64(room)
            w.fixed(clientID)
            w.data(payload)
        case let .fetch(room, after, limit):
            w.u64(room)
            w.u64(after)
            w.u16(limit)
        case let .inboxPut(recipient, payload):
            w.u64(recipient)
            w.data(payload)
        case let .inboxFetch(limit):
            w.u16(limit)
        case let .inboxAck(ids):
            w.list(ids) { $0.u64($1) }
        case let .inboxPutMany(items):
            w.list(items) { w, item in
                w.u64(item.recipient)
                w.data(item.payload)
            }
        case let .prekeysUpload(identity, signedPrekey, oneTimePrekeys):
            w.data(identity)
            w.data(signedPrekey)
            w.list(oneTimePrekeys) { $0.data($1) }
        case .prekeyCount:
            break
        case .serverInfo:
            break
        case let .bundles(accounts, consume):
            w.list(accounts) { $0.u64($1) }
            w.bool(consume)
        case let .roomSettings(room):
            w.u64(room)
        case let .roomSettingsSet(room, settings):
            w.u64(room)
            settings.encode(into: &w)
        case let .roomKeep(room, keep):
            w.u64(room)
            w.bool(keep)
        case let .roomAdd(room, account):
            w.u64(room)
            w.u64(account)
        case let .logFetch(scope, after, limit):
            w.u64(scope)
            w.u32(after)
            w.u16(limit)
        case let .logAppend(scope, index, entry):
            w.u64(scope)
            w.u32(index)
            w.data(entry)
        }
    }

    /// Reads the fields of a request of `type`; payloads longer than `payloadLimit` are refused.
    static func decodeBody(_ type: MessageType, from r: inout WireReader, payloadLimit: Int) throws(WireError) -> Request {
        switch type {
        case .ping: return .ping
        case .whoami: return .whoami
        case .deleteAccount: return .deleteAccount
        case .inviteList: return .inviteList
        case .rooms: return .rooms
        case .subscribe: return .subscribe
        case .redeem: return .redeem(secret: try r.fixed(secretLength), handle: try r.string())
        case .inviteCreate:
            guard let role = Role(rawValue: try r.u8()) else { throw .invalidValue }
            return .inviteCreate(role: role, room: try r.optional { r throws(WireError) in try r.u64() }, uses: try r.u16(), expiresInSeconds: try r.u32(),
                                 keyed: try r.optional { r throws(WireError) in try KeyedInvite(from: &r) })
        case .inviteRevoke: return .inviteRevoke(id: try r.u64())
        case .roomCreate: return .roomCreate(name: try r.string())
        case .members: return .members(room: try r.u64())
        case .roomLeave: return .roomLeave(room: try r.u64())
        case .roomRemove: return .roomRemove(room: try r.u64(), handle: try r.string())
        case .directOpen: return .directOpen(handle: try r.string())
        case .contactCodeCreate: return .contactCodeCreate(expiresInSeconds: try r.u32())
        case .directOpenWithCode: return .directOpenWithCode(secret: try r.fixed(secretLength))
        case .send: return .send(room: try r.u64(), clientID: try r.fixed(clientIDLength), payload: try r.data(limit: payloadLimit))
        case .fetch: return .fetch(room: try r.u64(), afterSeq: try r.u64(), limit: try r.u16())
        case .inboxPut: return .inboxPut(recipient: try r.u64(), payload: try r.data(limit: payloadLimit))
        case .inboxFetch: return .inboxFetch(limit: try r.u16())
        case .inboxAck: return .inboxAck(ids: try r.list { r throws(WireError) in try r.u64() })
        case .inboxPutMany:
            return .inboxPutMany(try r.list { r throws(WireError) in InboxDelivery(recipient: try r.u64(), payload: try r.data(limit: payloadLimit)) })
        case .prekeysUpload:
            return .prekeysUpload(identity: try r.data(limit: 1024), signedPrekey: try r.data(limit: 1024),
                                  oneTimePrekeys: try r.list { r throws(WireError) in try r.data(limit: 1024) })
        case .prekeyCount: return .prekeyCount
        case .bundles: return .bundles(accounts: try r.list { r throws(WireError) in try r.u64() }, consume: try r.bool())
        case .roomAdd: return .roomAdd(room: try r.u64(), account: try r.u64())
        case .roomSettings: return .roomSettings(room: try r.u64())
        case .roomSettingsSet: return .roomSettingsSet(room: try r.u64(), try RoomSettings(from: &r))
        case .roomKeep: return .roomKeep(room: try r.u64(), keep: try r.bool())
        case .logFetch: return .logFetch(scope: try r.u64(), after: try r.u32(), limit: try r.u16())
        case .logAppend: return .logAppend(scope: try r.u64(), index: try r.u32(), entry: try r.data(limit: maxLogEntryLength))
        case .serverInfo: return .serverInfo
        case .event, .inboxItem, .membership, .logEntry: throw .unknownType(type.rawValue)
        }
    }
}
