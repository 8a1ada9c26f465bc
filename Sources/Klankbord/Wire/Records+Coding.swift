extension EventRecord {
    package func encode(into w: inout WireWriter) {
        w.u64(room)
        w.u64(seq)
        w.u64(senderID)
        w.string(senderHandle)
        w.i64(time)
        w.data(payload)
    }

    package init(from r: inout WireReader) throws(WireError) {
        self.init(room: try r.u64(), seq: try r.u64(), senderID: try r.u64(), senderHandle: try r.string(), time: try r.i64(), payload: try r.data())
    }
}

extension InboxItem {
    package func encode(into w: inout WireWriter) {
        w.u64(id)
        w.u64(senderID)
        w.string(senderHandle)
        w.i64(time)
        w.data(payload)
    }

    package init(from r: inout WireReader) throws(WireError) {
        self.init(id: try r.u64(), senderID: try r.u64(), senderHandle: try r.string(), time: try r.i64(), payload: try r.data())
    }
}

extension RoomSummary {
    func encode(into w: inout WireWriter) {
        w.u64(id)
        w.u8(kind.rawValue)
        w.string(name)
        w.u64(lastSeq)
        w.u16(memberCount)
    }

    package init(from r: inout WireReader) throws(WireError) {
        let id = try r.u64()
        guard let kind = RoomKind(rawValue: try r.u8()) else { throw .invalidValue }
        self.init(id: id, kind: kind, name: try r.string(), lastSeq: try r.u64(), memberCount: try r.u16())
    }
}

extension MemberRecord {
    func encode(into w: inout WireWriter) {
        w.u64(accountID)
        w.string(handle)
        w.u8(role.rawValue)
    }

    package init(from r: inout WireReader) throws(WireError) {
        let id = try r.u64(), handle = try r.string()
        guard let role = Role(rawValue: try r.u8()) else { throw .invalidValue }
        self.init(accountID: id, handle: handle, role: role)
    }
}

extension AccountRecord {
    func encode(into w: inout WireWriter) {
        w.u64(id)
        w.string(handle)
        w.u8(role.rawValue)
    }

    package init(from r: inout WireReader) throws(WireError) {
        let id = try r.u64(), handle = try r.string()
        guard let role = Role(rawValue: try r.u8()) else { throw .invalidValue }
        self.init(id: id, handle: handle, role: role)
    }
}

extension InviteRecord {
    func encode(into w: inout WireWriter) {
        w.u64(id)
        w.u8(role.rawValue)
        w.optional(room) { $0.u64($1) }
        w.optional(roomName) { $0.string($1) }
        w.u16(usesLeft)
        w.u16(usesTotal)
        w.i64(createdAt)
        w.i64(expiresAt)
        w.bool(revoked)
    }

    package init(from r: inout WireReader) throws(WireError) {
        let id = try r.u64()
        guard let role = Role(rawValue: try r.u8()) else { throw .invalidValue }
        self.init(id: id, role: role,
                  room: try r.optional { r throws(WireError) in try r.u64() },
                  roomName: try r.optional { r throws(WireError) in try r.string() },
                  usesLeft: try r.u16(), usesTotal: try r.u16(), createdAt: try r.i64(), expiresAt: try r.i64(), revoked: try r.bool())
    }
}
