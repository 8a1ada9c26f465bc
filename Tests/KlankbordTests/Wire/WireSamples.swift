import Klankbord
@testable import KlankbordProtocol

/// At least one example of every request, response, push and error, with awkward values
/// (extremes, empty lists, non-ASCII text, negative times) where a field allows them.
enum WireSamples {
    static let secret: [UInt8] = (0..<32).map { UInt8($0 * 7 & 0xff) }
    static let clientID: [UInt8] = (0..<16).map { UInt8(0xf0 | $0) }
    static let account = AccountRecord(id: 42, handle: "Señora_B", role: .member)
    static let event = EventRecord(room: 3, seq: .max, senderID: 9, senderHandle: "Ana", time: -1, payload: Array(repeating: 0xab, count: 300))
    static let emptyEvent = EventRecord(room: 1, seq: 1, senderID: 0, senderHandle: "", time: 1_700_000_000, payload: [])
    static let inboxItem = InboxItem(id: 77, senderID: 5, senderHandle: "hulp.lijn", time: 1_700_000_123, payload: [1, 2, 3])
    static let invite = InviteRecord(id: 5, role: .member, room: 8, roomName: "Klankbord 🌷", usesLeft: 2, usesTotal: 3,
                                     createdAt: 1_700_000_000, expiresAt: 1_700_086_400, revoked: false)
    static let roomlessInvite = InviteRecord(id: .max, role: .facilitator, room: nil, roomName: nil, usesLeft: 0, usesTotal: .max,
                                             createdAt: .min, expiresAt: .max, revoked: true)

    /// Every request case; the non-push `MessageType`s are each covered at least once.
    static let requests: [Request] = [
        .ping,
        .redeem(secret: secret, handle: "Señora_B"),
        .whoami,
        .deleteAccount,
        .inviteCreate(role: .member, room: 7, uses: 3, expiresInSeconds: 86_400),
        .inviteCreate(role: .facilitator, room: nil, uses: .max, expiresInSeconds: .max),
        .inviteList,
        .inviteRevoke(id: .max),
        .roomCreate(name: "Klankbord 🌷 Fryslân"),
        .roomCreate(name: ""),
        .rooms,
        .members(room: 1),
        .roomLeave(room: 2),
        .roomRemove(room: 3, handle: "bob"),
        .directOpen(handle: "hulp"),
        .contactCodeCreate(expiresInSeconds: 0),
        .directOpenWithCode(secret: secret),
        .send(room: 4, clientID: clientID, payload: Array(repeating: 0x5a, count: 1000)),
        .send(room: .max, clientID: clientID, payload: []),
        .fetch(room: 5, afterSeq: 10, limit: 50),
        .subscribe,
        .inboxPut(recipient: 9, payload: [0, 255]),
        .inboxFetch(limit: .max),
        .inboxAck(ids: [1, 2, .max]),
        .inboxAck(ids: []),
        .inboxPutMany([InboxDelivery(recipient: 3, payload: [1, 2]), InboxDelivery(recipient: .max, payload: [])]),
        .inboxPutMany([]),
        .prekeysUpload(identity: [1, 2, 3], signedPrekey: [4, 5], oneTimePrekeys: [[6], [7, 8]]),
        .prekeyCount,
        .bundles(accounts: [1, 2], consume: true),
        .bundles(accounts: [], consume: false),
        .inviteCreate(role: .member, room: 7, uses: 1, expiresInSeconds: 60, keyed: KeyedInvite(token: secret, welcome: Array(repeating: 0x77, count: 72))),
        .inviteCreate(role: .facilitator, room: nil, uses: 1, expiresInSeconds: 60, keyed: KeyedInvite(token: secret, welcome: nil)),
        .inviteCreate(role: .member, room: 7, uses: 1, expiresInSeconds: 60, keyed: KeyedInvite(token: secret, welcome: [])),
        .roomAdd(room: 7, account: .max),
        .roomSettings(room: .max),
        .roomSettingsSet(room: 7, RoomSettings(slowSeconds: .max, announceOnly: true, disappearSeconds: 0)),
        .roomKeep(room: 7, keep: true),
        .logFetch(scope: 0, after: 0, limit: 100),
        .logFetch(scope: .max, after: .max, limit: .max),
        .logAppend(scope: 7, index: 3, entry: Array(repeating: 0x42, count: Request.maxLogEntryLength)),
        .logAppend(scope: 0, index: .max, entry: []),
        .serverInfo,
    ]

    /// Every response case, with the request type it answers.
    static let responses: [(Response, MessageType)] = [
        (.pong, .ping),
        (.redeemed(account: account, room: 3, inviter: InviterRecord(accountID: 9, handle: "fien", identity: Array(repeating: 7, count: 129))), .redeem),
        (.redeemed(account: AccountRecord(id: 1, handle: "op", role: .operator), room: nil, inviter: nil), .redeem),
        (.account(account), .whoami),
        (.done, .deleteAccount),
        (.done, .inviteRevoke),
        (.done, .roomLeave),
        (.done, .roomRemove),
        (.done, .inboxPut),
        (.done, .inboxAck),
        (.inviteCreated(id: 12, secret: secret, expiresAt: 1_700_000_000, publicAddress: "[::1]:7447"), .inviteCreate),
        (.inviteCreated(id: 0, secret: secret, expiresAt: -5, publicAddress: ""), .inviteCreate),
        (.invites([invite, roomlessInvite]), .inviteList),
        (.invites([]), .inviteList),
        (.room(id: 4, name: "Klankbord"), .roomCreate),
        (.room(id: 5, name: "Ana"), .directOpen),
        (.room(id: 6, name: "hulp"), .directOpenWithCode),
        (.rooms([RoomSummary(id: 1, kind: .group, name: "Overleg", lastSeq: 10, memberCount: 6),
                 RoomSummary(id: 2, kind: .direct, name: "Ana", lastSeq: 0, memberCount: .max)]), .rooms),
        (.members([MemberRecord(accountID: 1, handle: "fac", role: .facilitator), MemberRecord(accountID: 2, handle: "hulp", role: .trusted),
                   MemberRecord(accountID: 3, handle: "Ana", role: .member)]), .members),
        (.contactCode(secret: secret, expiresAt: 1_700_000_000), .contactCodeCreate),
        (.sent(seq: 1, time: 1_700_000_000), .send),
        (.events([event, emptyEvent], more: true), .fetch),
        (.events([], more: false), .fetch),
        (.subscribed([RoomCursor(room: 1, lastSeq: 0), RoomCursor(room: .max, lastSeq: .max)]), .subscribe),
        (.subscribed([]), .subscribe),
        (.inboxItems([inboxItem]), .inboxFetch),
        (.inboxItems([]), .inboxFetch),
        (.deliveries([.delivered, .limitReached, .handleUnknown]), .inboxPutMany),
        (.deliveries([]), .inboxPutMany),
        (.prekeyCount(42), .prekeysUpload),
        (.prekeyCount(0), .prekeyCount),
        (.bundles([AccountBundle(account: 1, bundle: [9, 9]), AccountBundle(account: 2, bundle: nil)]), .bundles),
        (.redeemed(account: account, room: 3, inviter: nil, welcome: Array(repeating: 0x77, count: Request.maxWelcomeLength)), .redeem),
        (.done, .roomAdd),
        (.done, .logAppend),
        (.done, .roomSettingsSet),
        (.done, .roomKeep),
        (.roomSettings(RoomSettings(slowSeconds: 30, announceOnly: false, disappearSeconds: .max), waitSeconds: 12), .roomSettings),
        (.logEntries([LogRecord(index: 0, entry: [1, 2, 3]), LogRecord(index: .max, entry: [])], more: true), .logFetch),
        (.logEntries([], more: false), .logFetch),
        (.serverInfo(ServerInfo(generation: Array(repeating: 0x6E, count: 16), serverKey: Array(repeating: 0x11, count: 32),
                                restored: [RoomCursor(room: 7, lastSeq: 12), RoomCursor(room: .max, lastSeq: 0)])), .serverInfo),
        (.serverInfo(ServerInfo(generation: Array(repeating: 0, count: 16), serverKey: Array(repeating: 0xFF, count: 32), restored: [])), .serverInfo),
    ]

    /// Every push case and every membership change.
    static let pushes: [Push] = [
        .event(event),
        .event(emptyEvent),
        .inboxItem(inboxItem),
        .membership(room: 1, accountID: 2, handle: "Ana", change: .joined),
        .membership(room: 1, accountID: 2, handle: "Ana", change: .left),
        .membership(room: .max, accountID: .max, handle: "Señora_B", change: .removed),
        .logEntry(scope: 0, LogRecord(index: 4, entry: Array(repeating: 0x42, count: 300))),
        .logEntry(scope: .max, LogRecord(index: .max, entry: [])),
    ]

    /// Every error code, each on a different request type.
    static var errors: [WireMessage] {
        let types = MessageType.allCases
        return ErrorCode.allCases.enumerated().map { index, code in
            .error(id: UInt32(index), code, type: types[index % types.count])
        }
    }

    /// Every sample as a whole wire message.
    static var messages: [WireMessage] {
        requests.enumerated().map { .request(id: UInt32($0.offset) &* 0x0101_0101, $0.element) }
            + responses.enumerated().map { .response(id: UInt32.max - UInt32($0.offset), $0.element.0, type: $0.element.1) }
            + pushes.map { .push($0) }
            + errors
    }

    /// The push types, which no request or response may use.
    static let pushTypes: Set<MessageType> = [.event, .inboxItem, .membership, .logEntry]

    /// A name per response case; the switch has no default, so a new case will not compile until a sample is added.
    static func caseName(_ response: Response) -> String {
        switch response {
        case .pong: "pong"
        case .redeemed: "redeemed"
        case .account: "account"
        case .done: "done"
        case .inviteCreated: "inviteCreated"
        case .invites: "invites"
        case .room: "room"
        case .rooms: "rooms"
        case .members: "members"
        case .contactCode: "contactCode"
        case .sent: "sent"
        case .events: "events"
        case .subscribed: "subscribed"
        case .inboxItems: "inboxItems"
        case .prekeyCount: "prekeyCount"
        case .bundles: "bundles"
        case .deliveries: "deliveries"
        case .logEntries: "logEntries"
        case .roomSettings: "roomSettings"
        case .serverInfo: "serverInfo"
        }
    }

    static let responseCaseCount = 20
}

