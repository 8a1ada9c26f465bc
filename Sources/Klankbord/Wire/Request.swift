/// A request from a client. Each has a stable type code (docs/PROTOCOL.md); its response carries the same code.
public enum Request: Sendable, Equatable {
    case ping
    /// Redeems an invite: creates an account with `handle` for an unknown device, or joins the invite's room for a known one.
    case redeem(secret: [UInt8], handle: String)
    case whoami
    /// Deletes the account and everything the server holds for it.
    case deleteAccount
    /// With `keyed`, the client chose the secret and gives only its redeem token, so the server never learns the
    /// secret the invite's log keys come from, plus optionally a welcome blob (docs/TRUST.md).
    case inviteCreate(role: Role, room: UInt64?, uses: UInt16, expiresInSeconds: UInt32, keyed: KeyedInvite? = nil)
    case inviteList
    case inviteRevoke(id: UInt64)
    case roomCreate(name: String)
    case rooms
    case members(room: UInt64)
    case roomLeave(room: UInt64)
    case roomRemove(room: UInt64, handle: String)
    /// Opens (or finds) the one-to-one thread with `handle`.
    case directOpen(handle: String)
    case contactCodeCreate(expiresInSeconds: UInt32)
    /// Opens a one-to-one thread with whoever made the contact code.
    case directOpenWithCode(secret: [UInt8])
    /// Stores an event; `clientID` makes a retried send harmless (the server answers with the first copy's seq).
    case send(room: UInt64, clientID: [UInt8], payload: [UInt8])
    case fetch(room: UInt64, afterSeq: UInt64, limit: UInt16)
    /// Starts live pushes of events, inbox items and membership changes on this connection.
    case subscribe
    case inboxPut(recipient: UInt64, payload: [UInt8])
    case inboxFetch(limit: UInt16)
    case inboxAck(ids: [UInt64])
    /// Leaves several items at once (one per recipient), for example a room key for every member.
    case inboxPutMany([InboxDelivery])
    /// Publishes this account's identity bundle, signed prekey and new one-time prekeys (end-to-end encryption).
    case prekeysUpload(identity: [UInt8], signedPrekey: [UInt8], oneTimePrekeys: [[UInt8]])
    /// How many one-time prekeys the server still holds for this account.
    case prekeyCount
    /// Prekey bundles of accounts you share a room with; `consume` hands out (and deletes) a one-time prekey each.
    case bundles(accounts: [UInt64], consume: Bool)
    /// A facilitator in a group room adds an account directly (its log entry is the client's business).
    case roomAdd(room: UInt64, account: UInt64)
    /// Signed log entries of `scope` (0 = the roster, otherwise a room) from index `after` on.
    case logFetch(scope: UInt64, after: UInt32, limit: UInt16)
    /// Appends an opaque entry at `index`, which must be the log's current length.
    case logAppend(scope: UInt64, index: UInt32, entry: [UInt8])
    /// A group room's rules, and how long the caller must still wait before the next message (slow mode).
    case roomSettings(room: UInt64)
    /// A facilitator of a group room sets its rules (slow mode, announcement-only, disappearing messages).
    case roomSettingsSet(room: UInt64, RoomSettings)
    /// The database's restore generation and the server key new invites carry (docs/PROTOCOL.md, `serverInfo`).
    case serverInfo
    /// A facilitator of a group room asks the server to keep (or again to expire) its events past `retention_days`
    /// (the ledger room). The server learns only "keep this room's events", never why.
    case roomKeep(room: UInt64, keep: Bool)

    /// Length of invite and contact-code secrets, and of send's client id.
    public static let secretLength = 32
    public static let clientIDLength = 16
    /// The longest welcome blob an invite may carry, and the longest log entry.
    public static let maxWelcomeLength = 256
    public static let maxLogEntryLength = 4096

    /// The stable type code of this request.
    public var type: MessageType {
        switch self {
        case .ping: .ping
        case .redeem: .redeem
        case .whoami: .whoami
        case .deleteAccount: .deleteAccount
        case .inviteCreate: .inviteCreate
        case .inviteList: .inviteList
        case .inviteRevoke: .inviteRevoke
        case .roomCreate: .roomCreate
        case .rooms: .rooms
        case .members: .members
        case .roomLeave: .roomLeave
        case .roomRemove: .roomRemove
        case .directOpen: .directOpen
        case .contactCodeCreate: .contactCodeCreate
        case .directOpenWithCode: .directOpenWithCode
        case .send: .send
        case .fetch: .fetch
        case .subscribe: .subscribe
        case .inboxPut: .inboxPut
        case .inboxFetch: .inboxFetch
        case .inboxAck: .inboxAck
        case .inboxPutMany: .inboxPutMany
        case .prekeysUpload: .prekeysUpload
        case .prekeyCount: .prekeyCount
        case .bundles: .bundles
        case .roomAdd: .roomAdd
        case .logFetch: .logFetch
        case .logAppend: .logAppend
        case .roomSettings: .roomSettings
        case .roomSettingsSet: .roomSettingsSet
        case .serverInfo: .serverInfo
        case .roomKeep: .roomKeep
        }
    }
}

/// Stable one-byte codes for request/response types and pushes.
public enum MessageType: UInt8, Sendable, CaseIterable {
    case ping = 0x01, redeem = 0x02, whoami = 0x03, deleteAccount = 0x04
    case inviteCreate = 0x10, inviteList = 0x11, inviteRevoke = 0x12
    case roomCreate = 0x20, rooms = 0x21, members = 0x22, roomLeave = 0x23, roomRemove = 0x24
    case directOpen = 0x25, contactCodeCreate = 0x26, directOpenWithCode = 0x27
    case send = 0x30, fetch = 0x31, subscribe = 0x32
    case inboxPut = 0x40, inboxFetch = 0x41, inboxAck = 0x42, inboxPutMany = 0x43
    case prekeysUpload = 0x50, prekeyCount = 0x51, bundles = 0x52
    case roomAdd = 0x28
    case roomSettings = 0x29, roomSettingsSet = 0x2A
    case roomKeep = 0x2B
    case logFetch = 0x60, logAppend = 0x61
    case serverInfo = 0x05
    // Pushes
    case event = 0x80, inboxItem = 0x81, membership = 0x82
    case logEntry = 0x83
}
