import Foundation
import Klankbord
@testable import KlankbordProtocol

/// One wire message of docs/vectors/wire.json: a name, the message, and its fields under the names
/// PROTOCOL.md §8–§10 give them (bytes as hex, optionals absent as JSON null).
struct WireVectorCase {
    let name: String
    let message: WireMessage
    let fields: [String: Any]
}

/// Every request type with its response, one error, and every push (PROTOCOL.md §9, §10, §11).
enum WireVectorCases {
    static let time: Int64 = 1_764_547_200
    static let secret = [UInt8](repeating: 0x22, count: 32)
    /// PROTOCOL.md §9's example rules: slow mode of 30 s, announcement-only, disappearing after a day.
    static let rules = RoomSettings(slowSeconds: 30, announceOnly: true, disappearSeconds: 86_400)
    static var rulesJSON: [String: Any] { ["slow_s": 30, "announce_only": true, "disappear_s": 86_400] }
    static let event = EventRecord(room: 42, seq: 7, senderID: 5, senderHandle: "anna", time: time, payload: [0x01, 0xDE, 0xAD])
    static let inboxItem = InboxItem(id: 3, senderID: 6, senderHandle: "bram", time: time, payload: [0x02, 0xBE, 0xEF])

    static func eventJSON(_ e: EventRecord) -> [String: Any] {
        ["room": e.room, "seq": e.seq, "sender_id": e.senderID, "sender_handle": e.senderHandle, "time": e.time, "payload": hex(e.payload)]
    }

    static func inboxJSON(_ i: InboxItem) -> [String: Any] {
        ["id": i.id, "sender_id": i.senderID, "sender_handle": i.senderHandle, "time": i.time, "payload": hex(i.payload)]
    }

    static func request(_ id: UInt32, _ name: String, _ request: Request, _ fields: [String: Any] = [:]) -> WireVectorCase {
        WireVectorCase(name: "\(name) request", message: .request(id: id, request),
                       fields: fields.merging(["kind": 1, "type": Int(request.type.rawValue), "id": Int(id)]) { $1 })
    }

    static func response(_ id: UInt32, _ name: String, _ type: MessageType, _ response: Response, _ fields: [String: Any] = [:]) -> WireVectorCase {
        WireVectorCase(name: "\(name) response", message: .response(id: id, response, type: type),
                       fields: fields.merging(["kind": 2, "type": Int(type.rawValue), "id": Int(id)]) { $1 })
    }

    static var all: [WireVectorCase] {
        let account = AccountRecord(id: 5, handle: "anna", role: .member)
        let accountJSON: [String: Any] = ["id": 5, "handle": "anna", "role": 4]
        let bundle: [UInt8] = [0x01, 0x02, 0x03]
        return [
            request(1, "ping", .ping), response(1, "ping", .ping, .pong),
            request(2, "redeem", .redeem(secret: secret, handle: "anna"), ["secret": hex(secret), "handle": "anna"]),
            response(2, "redeem", .redeem, .redeemed(account: account, room: 42, inviter: InviterRecord(accountID: 2, handle: "Fenna", identity: [0x01, 0xAB]),
                                                     welcome: [0x77, 0x88]),
                     ["account": accountJSON, "room": 42, "inviter": ["account_id": 2, "handle": "Fenna", "identity": "01ab"], "welcome": "7788"]),
            request(3, "whoami", .whoami), response(3, "whoami", .whoami, .account(account), ["account": accountJSON]),
            request(4, "deleteAccount", .deleteAccount), response(4, "deleteAccount", .deleteAccount, .done),
            request(5, "inviteCreate", .inviteCreate(role: .member, room: 42, uses: 10, expiresInSeconds: 86_400,
                                                     keyed: KeyedInvite(token: secret, welcome: [0x77, 0x88])),
                    ["role": 4, "room": 42, "uses": 10, "expires_in_s": 86_400, "keyed": ["token": hex(secret), "welcome": "7788"]]),
            response(5, "inviteCreate", .inviteCreate, .inviteCreated(id: 9, secret: secret, expiresAt: time + 86_400, publicAddress: "klankbord.example.org:7447"),
                     ["invite_id": 9, "secret": hex(secret), "expires_at": time + 86_400, "public_address": "klankbord.example.org:7447"]),
            request(6, "inviteList", .inviteList),
            response(6, "inviteList", .inviteList, .invites([
                InviteRecord(id: 9, role: .member, room: 42, roomName: "Avondgroep", usesLeft: 9, usesTotal: 10, createdAt: time, expiresAt: time + 86_400, revoked: false),
                InviteRecord(id: 10, role: .facilitator, room: nil, roomName: nil, usesLeft: 1, usesTotal: 1, createdAt: time, expiresAt: time + 3_600, revoked: true),
            ]), ["invites": [
                ["id": 9, "role": 4, "room": 42, "room_name": "Avondgroep", "uses_left": 9, "uses_total": 10, "created_at": time, "expires_at": time + 86_400, "revoked": false],
                ["id": 10, "role": 2, "room": NSNull(), "room_name": NSNull(), "uses_left": 1, "uses_total": 1, "created_at": time, "expires_at": time + 3_600, "revoked": true],
            ]]),
            request(7, "inviteRevoke", .inviteRevoke(id: 10), ["invite_id": 10]), response(7, "inviteRevoke", .inviteRevoke, .done),
            request(8, "roomCreate", .roomCreate(name: "Avondgroep"), ["name": "Avondgroep"]),
            response(8, "roomCreate", .roomCreate, .room(id: 42, name: "Avondgroep"), ["room": 42, "name": "Avondgroep"]),
            request(9, "rooms", .rooms),
            response(9, "rooms", .rooms, .rooms([RoomSummary(id: 42, kind: .group, name: "Avondgroep", lastSeq: 7, memberCount: 3),
                                                 RoomSummary(id: 43, kind: .direct, name: "bram", lastSeq: 0, memberCount: 2)]),
                     ["rooms": [["id": 42, "kind": 1, "name": "Avondgroep", "last_seq": 7, "member_count": 3],
                                ["id": 43, "kind": 2, "name": "bram", "last_seq": 0, "member_count": 2]]]),
            request(10, "members", .members(room: 42), ["room": 42]),
            response(10, "members", .members, .members([MemberRecord(accountID: 5, handle: "anna", role: .member),
                                                         MemberRecord(accountID: 2, handle: "Fenna", role: .facilitator)]),
                     ["members": [["account_id": 5, "handle": "anna", "role": 4], ["account_id": 2, "handle": "Fenna", "role": 2]]]),
            request(11, "roomLeave", .roomLeave(room: 42), ["room": 42]), response(11, "roomLeave", .roomLeave, .done),
            request(12, "roomRemove", .roomRemove(room: 42, handle: "bram"), ["room": 42, "handle": "bram"]),
            response(12, "roomRemove", .roomRemove, .done),
            request(13, "directOpen", .directOpen(handle: "bram"), ["handle": "bram"]),
            response(13, "directOpen", .directOpen, .room(id: 43, name: "bram"), ["room": 43, "name": "bram"]),
            request(14, "contactCodeCreate", .contactCodeCreate(expiresInSeconds: 604_800), ["expires_in_s": 604_800]),
            response(14, "contactCodeCreate", .contactCodeCreate, .contactCode(secret: secret, expiresAt: time + 604_800),
                     ["secret": hex(secret), "expires_at": time + 604_800]),
            request(15, "directOpenWithCode", .directOpenWithCode(secret: secret), ["secret": hex(secret)]),
            response(15, "directOpenWithCode", .directOpenWithCode, .room(id: 44, name: "sanne"), ["room": 44, "name": "sanne"]),
            request(16, "send", .send(room: 42, clientID: Array(repeating: 0x33, count: 16), payload: [0x01, 0xDE, 0xAD]),
                    ["room": 42, "client_id": hex(Array(repeating: 0x33, count: 16)), "payload": "01dead"]),
            response(16, "send", .send, .sent(seq: 7, time: time), ["seq": 7, "time": time]),
            request(17, "fetch", .fetch(room: 42, afterSeq: 6, limit: 50), ["room": 42, "after_seq": 6, "limit": 50]),
            response(17, "fetch", .fetch, .events([event], more: false), ["events": [eventJSON(event)], "more": false]),
            request(18, "subscribe", .subscribe),
            response(18, "subscribe", .subscribe, .subscribed([RoomCursor(room: 42, lastSeq: 7)]), ["cursors": [["room": 42, "last_seq": 7]]]),
            request(19, "inboxPut", .inboxPut(recipient: 6, payload: [0x02, 0xBE, 0xEF]), ["recipient": 6, "payload": "02beef"]),
            response(19, "inboxPut", .inboxPut, .done),
            request(20, "inboxFetch", .inboxFetch(limit: 100), ["limit": 100]),
            response(20, "inboxFetch", .inboxFetch, .inboxItems([inboxItem]), ["items": [inboxJSON(inboxItem)]]),
            request(21, "inboxAck", .inboxAck(ids: [3, 4]), ["ids": [3, 4]]), response(21, "inboxAck", .inboxAck, .done),
            request(22, "inboxPutMany", .inboxPutMany([InboxDelivery(recipient: 6, payload: [0x02, 0x01]), InboxDelivery(recipient: 7, payload: [0x02, 0x02])]),
                    ["items": [["recipient": 6, "payload": "0201"], ["recipient": 7, "payload": "0202"]]]),
            response(22, "inboxPutMany", .inboxPutMany, .deliveries([.delivered, .limitReached]), ["statuses": [0, 1]]),
            request(23, "prekeysUpload", .prekeysUpload(identity: [0x01, 0xAA], signedPrekey: [0x01, 0xBB], oneTimePrekeys: [[0x01, 0xCC], [0x01, 0xDD]]),
                    ["identity": "01aa", "signed_prekey": "01bb", "one_time_prekeys": ["01cc", "01dd"]]),
            response(23, "prekeysUpload", .prekeysUpload, .prekeyCount(2), ["count": 2]),
            request(24, "prekeyCount", .prekeyCount), response(24, "prekeyCount", .prekeyCount, .prekeyCount(2), ["count": 2]),
            request(25, "bundles", .bundles(accounts: [6, 8], consume: true), ["accounts": [6, 8], "consume": true]),
            response(25, "bundles", .bundles, .bundles([AccountBundle(account: 6, bundle: bundle), AccountBundle(account: 8, bundle: nil)]),
                     ["bundles": [["account": 6, "bundle": hex(bundle)], ["account": 8, "bundle": NSNull()]]]),
            request(26, "roomAdd", .roomAdd(room: 42, account: 6), ["room": 42, "account": 6]), response(26, "roomAdd", .roomAdd, .done),
            request(27, "logFetch", .logFetch(scope: 42, after: 0, limit: 100), ["scope": 42, "after": 0, "limit": 100]),
            response(27, "logFetch", .logFetch, .logEntries([LogRecord(index: 0, entry: [0xE0, 0x01])], more: false),
                     ["entries": [["index": 0, "entry": "e001"]], "more": false]),
            request(28, "logAppend", .logAppend(scope: 42, index: 1, entry: [0xE1, 0x02]), ["scope": 42, "index": 1, "entry": "e102"]),
            response(28, "logAppend", .logAppend, .done),
            WireVectorCase(name: "logEntry push", message: .push(.logEntry(scope: 42, LogRecord(index: 1, entry: [0xE1, 0x02]))),
                           fields: ["kind": 4, "type": 0x83, "scope": 42, "record": ["index": 1, "entry": "e102"]]),
            WireVectorCase(name: "fetch error", message: .error(id: 29, .notAMember, type: .fetch),
                           fields: ["kind": 3, "type": 0x31, "id": 29, "code": "not_a_member"]),
            WireVectorCase(name: "event push", message: .push(.event(event)), fields: ["kind": 4, "type": 0x80, "event": eventJSON(event)]),
            WireVectorCase(name: "inboxItem push", message: .push(.inboxItem(inboxItem)), fields: ["kind": 4, "type": 0x81, "item": inboxJSON(inboxItem)]),
            WireVectorCase(name: "membership push", message: .push(.membership(room: 42, accountID: 6, handle: "bram", change: .removed)),
                           fields: ["kind": 4, "type": 0x82, "room": 42, "account_id": 6, "handle": "bram", "change": 3]),
            request(30, "roomSettings", .roomSettings(room: 42), ["room": 42]),
            response(30, "roomSettings", .roomSettings, .roomSettings(rules, waitSeconds: 12), ["settings": rulesJSON, "wait_s": 12]),
            request(31, "roomSettingsSet", .roomSettingsSet(room: 42, rules), ["room": 42, "settings": rulesJSON]),
            response(31, "roomSettingsSet", .roomSettingsSet, .done),
            WireVectorCase(name: "send error", message: .error(id: 32, .slowMode, type: .send),
                           fields: ["kind": 3, "type": 0x30, "id": 32, "code": "slow_mode"]),
            request(33, "serverInfo", .serverInfo),
            response(33, "serverInfo", .serverInfo,
                     .serverInfo(ServerInfo(generation: Array(repeating: 0x6E, count: 16), serverKey: Array(repeating: 0x11, count: 32),
                                            restored: [RoomCursor(room: 42, lastSeq: 7)])),
                     ["generation": hex(Array(repeating: 0x6E, count: 16)), "server_key": hex(Array(repeating: 0x11, count: 32)),
                      "restored": [["room": 42, "last_seq": 7]]]),
            request(34, "roomKeep", .roomKeep(room: 42, keep: true), ["room": 42, "keep": true]),
            response(34, "roomKeep", .roomKeep, .done),
            // §11: what the daemon sends, unasked, to every connection when it stops (exactly EventLoop's notice).
            WireVectorCase(name: "server_restarting error", message: .error(id: 0, .serverRestarting, type: .ping),
                           fields: ["kind": 3, "type": 0x01, "id": 0, "code": "server_restarting"]),
        ] + errors
    }

    /// §11: every other error code, each on a request that can get it (ids from 40).
    static let errorTypes: [(ErrorCode, MessageType)] = [
        (.malformed, .send), (.unsupportedVersion, .ping), (.unknownType, .ping), (.tooLarge, .inboxPut), (.rateLimited, .ping),
        (.serverBusy, .ping), (.notRegistered, .whoami), (.alreadyRegistered, .redeem), (.inviteUnknown, .redeem),
        (.inviteExpired, .redeem), (.inviteUsedUp, .redeem), (.inviteRevoked, .redeem), (.handleTaken, .redeem),
        (.handleInvalid, .redeem), (.forbidden, .roomCreate), (.nameInvalid, .roomCreate), (.nameTaken, .roomCreate),
        (.roomUnknown, .redeem), (.alreadyMember, .redeem), (.handleUnknown, .directOpen), (.directNotAllowed, .directOpen),
        (.contactCodeUnknown, .directOpenWithCode), (.limitReached, .inboxPut), (.logConflict, .logAppend),
        (.inviteBanned, .redeem), (.announcementOnly, .send), (.storageFull, .send), (.unavailable, .fetch),
    ]

    static var errors: [WireVectorCase] {
        errorTypes.enumerated().map { offset, pair in
            let id = UInt32(40 + offset)
            return WireVectorCase(name: "\(pair.0.rawValue) error", message: .error(id: id, pair.0, type: pair.1),
                                  fields: ["kind": 3, "type": Int(pair.1.rawValue), "id": Int(id), "code": pair.0.rawValue])
        }
    }
}
