/// Records that appear inside several responses and pushes.

/// A stored room event: opaque payload bytes with the server's sequence number, sender and time.
public struct EventRecord: Sendable, Equatable {
    public var room: UInt64
    public var seq: UInt64
    /// The sender's account id. (When an account is deleted its events are deleted too, so others may see gaps in seq.)
    public var senderID: UInt64
    public var senderHandle: String
    /// Seconds since 1970, UTC.
    public var time: Int64
    public var payload: [UInt8]

    public init(room: UInt64, seq: UInt64, senderID: UInt64, senderHandle: String, time: Int64, payload: [UInt8]) {
        self.room = room
        self.seq = seq
        self.senderID = senderID
        self.senderHandle = senderHandle
        self.time = time
        self.payload = payload
    }
}

/// An item in a device's inbox (key distribution and other device-to-device messages).
public struct InboxItem: Sendable, Equatable {
    public var id: UInt64
    public var senderID: UInt64
    public var senderHandle: String
    public var time: Int64
    public var payload: [UInt8]

    public init(id: UInt64, senderID: UInt64, senderHandle: String, time: Int64, payload: [UInt8]) {
        self.id = id
        self.senderID = senderID
        self.senderHandle = senderHandle
        self.time = time
        self.payload = payload
    }
}

/// A room as listed to one of its members.
public struct RoomSummary: Sendable, Equatable {
    public var id: UInt64
    public var kind: RoomKind
    /// The group's name; for a one-to-one thread, the other person's handle.
    public var name: String
    public var lastSeq: UInt64
    public var memberCount: UInt16

    public init(id: UInt64, kind: RoomKind, name: String, lastSeq: UInt64, memberCount: UInt16) {
        self.id = id
        self.kind = kind
        self.name = name
        self.lastSeq = lastSeq
        self.memberCount = memberCount
    }
}

/// A member of a room.
public struct MemberRecord: Sendable, Equatable {
    public var accountID: UInt64
    public var handle: String
    public var role: Role

    public init(accountID: UInt64, handle: String, role: Role) {
        self.accountID = accountID
        self.handle = handle
        self.role = role
    }
}

/// An invite as listed to facilitators and the operator (never its secret).
public struct InviteRecord: Sendable, Equatable {
    public var id: UInt64
    public var role: Role
    public var room: UInt64?
    public var roomName: String?
    public var usesLeft: UInt16
    public var usesTotal: UInt16
    public var createdAt: Int64
    public var expiresAt: Int64
    public var revoked: Bool

    public init(id: UInt64, role: Role, room: UInt64?, roomName: String?, usesLeft: UInt16, usesTotal: UInt16, createdAt: Int64, expiresAt: Int64, revoked: Bool) {
        self.id = id
        self.role = role
        self.room = room
        self.roomName = roomName
        self.usesLeft = usesLeft
        self.usesTotal = usesTotal
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.revoked = revoked
    }
}

/// Who the connected device is.
public struct AccountRecord: Sendable, Equatable {
    public var id: UInt64
    public var handle: String
    public var role: Role

    public init(id: UInt64, handle: String, role: Role) {
        self.id = id
        self.handle = handle
        self.role = role
    }
}

/// Where a room stands, as returned by `subscribe`.
public struct RoomCursor: Sendable, Equatable {
    public var room: UInt64
    public var lastSeq: UInt64

    public init(room: UInt64, lastSeq: UInt64) {
        self.room = room
        self.lastSeq = lastSeq
    }
}

/// One item for `inboxPutMany`.
public struct InboxDelivery: Sendable, Equatable {
    public var recipient: UInt64
    public var payload: [UInt8]

    public init(recipient: UInt64, payload: [UInt8]) {
        self.recipient = recipient
        self.payload = payload
    }
}

/// An account's prekey bundle as the server hands it out.
public struct AccountBundle: Sendable, Equatable {
    public var account: UInt64
    public var bundle: [UInt8]?

    public init(account: UInt64, bundle: [UInt8]?) {
        self.account = account
        self.bundle = bundle
    }
}
