import Foundation
import KlankbordProtocol
import KlankbordStorage

extension Relay {
    /// The longest room name, in characters.
    static let maxRoomNameLength = 64
    /// The longest room name in UTF-8 bytes, so that lists of rooms always fit in one message.
    static let maxRoomNameBytes = 256

    /// The kind of `room` if `memberID` is in it; throws `notAMember` otherwise (also for rooms that do not exist,
    /// so nobody can probe which rooms exist).
    func roomKind(_ room: UInt64, memberID: UInt64) throws -> RoomKind {
        let kind = try database.queryOne("SELECT r.kind FROM rooms r JOIN members m ON m.room_id = r.id WHERE r.id = ? AND m.account_id = ?",
                                          [.id(room), .id(memberID)]) { RoomKind(rawValue: UInt8(truncatingIfNeeded: $0.int64(0))) }
        guard let kind, let kind else { throw ErrorCode.notAMember }
        return kind
    }

    /// The members of `room` (from the cache when it holds them).
    func memberIDs(of room: UInt64) throws -> [UInt64] {
        if let cached = memberCache[room] { return cached }
        let members = try database.query("SELECT account_id FROM members WHERE room_id = ?", [.id(room)]) { UInt64($0.int64(0)) }
        memberCache[room] = members
        return members
    }

    /// Runs a statement that changes who is in `room`, and forgets the cached member list.
    func changeMembership(of room: UInt64, _ sql: String, _ values: [SQLValue]) throws {
        memberCache[room] = nil
        try database.run(sql, values)
        memberCache[room] = nil
    }

    /// Adds `account` to `room` within the limits, and returns the push that tells the other members.
    func join(_ room: UInt64, _ account: AccountRecord) throws -> (accounts: [UInt64], push: Push, except: ConnectionID?) {
        let members = try memberIDs(of: room)
        if members.contains(account.id) { throw ErrorCode.alreadyMember }
        guard members.count < config.maxMembersPerRoom else { throw ErrorCode.limitReached }
        if members.count >= Relay.membersAlwaysListed { try checkListable(room, adding: account) }
        try checkRoomLimit(account.id)
        try changeMembership(of: room, "INSERT INTO members(room_id, account_id, joined_seq) SELECT id, ?, last_seq FROM rooms WHERE id = ?", [.id(account.id), .id(room)])
        guard database.changes == 1 else { throw ErrorCode.roomUnknown }
        return (members, .membership(room: room, accountID: account.id, handle: account.handle, change: .joined), nil)
    }

    /// Below this many members the `members` answer always fits one Noise message, whatever the handles (each at
    /// most 75 bytes: id, length, 32 letters of up to 2 bytes, role).
    static let membersAlwaysListed = 800

    /// The room is full when its `members` answer would no longer fit one Noise message with `account` in it: past
    /// that, nobody could list the room, send to it or read it (found by W6 with rooms of thousands, docs/PERFORMANCE.md).
    private func checkListable(_ room: UInt64, adding account: AccountRecord) throws {
        let listed = try memberRecords(of: room) + [MemberRecord(accountID: account.id, handle: account.handle, role: account.role)]
        let answer = WireMessage.response(id: 0, .members(listed), type: .members).encoded()
        guard answer.count <= Noise.Transport.maxPlaintextLength else { throw ErrorCode.limitReached }
    }

    private func checkRoomLimit(_ account: UInt64) throws {
        let count = try database.queryOne("SELECT count(*) FROM members WHERE account_id = ?", [.id(account)]) { $0.int(0) } ?? 0
        guard count < config.maxRoomsPerAccount else { throw ErrorCode.limitReached }
    }

    func createRoom(named rawName: String, by me: AccountRecord) throws -> Outcome {
        guard me.role.managesRooms else { throw ErrorCode.forbidden }
        let name = rawName.trimmingWhitespace.precomposedStringWithCanonicalMapping
        guard !name.isEmpty, name.count <= Relay.maxRoomNameLength, name.utf8.count <= Relay.maxRoomNameBytes, !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || Relay.isBidiControl($0) }) else {
            throw ErrorCode.nameInvalid
        }
        try checkRoomLimit(me.id)
        // Two of your groups with one name would make `send <name>` a guess.
        let key = name.lowercased()
        let mine = try database.query("SELECT r.name FROM rooms r JOIN members m ON m.room_id = r.id WHERE m.account_id = ? AND r.kind = ?",
                                      [.id(me.id), .integer(Int64(RoomKind.group.rawValue))]) { $0.text(0) }
        guard !mine.contains(where: { $0.precomposedStringWithCanonicalMapping.lowercased() == key }) else { throw ErrorCode.nameTaken }
        try database.run("INSERT INTO rooms(kind, name) VALUES (?, ?)", [.integer(Int64(RoomKind.group.rawValue)), .text(name)])
        let room = UInt64(database.lastInsertRowID)
        try changeMembership(of: room, "INSERT INTO members(room_id, account_id, joined_seq) VALUES (?, ?, 0)", [.id(room), .id(me.id)])
        return Outcome(response: .room(id: room, name: name))
    }

    /// The embedding, override and isolate characters (U+202A–U+202E, U+2066–U+2069): in a room name they could
    /// turn the text around it on a member's screen, so a new name may not hold them (clients neutralise old ones).
    static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }

    func listRooms(of me: AccountRecord) throws -> Outcome {
        // For a one-to-one thread the name shown is the other person's handle.
        let rooms = try database.query("""
            SELECT r.id, r.kind, r.name, r.last_seq,
                   (SELECT count(*) FROM members x WHERE x.room_id = r.id),
                   (SELECT a.handle FROM members x JOIN accounts a ON a.id = x.account_id WHERE x.room_id = r.id AND x.account_id != ?1)
            FROM rooms r JOIN members m ON m.room_id = r.id WHERE m.account_id = ?1 ORDER BY r.id
            """, [.id(me.id)]) { row in
            let kind = RoomKind(rawValue: UInt8(truncatingIfNeeded: row.int64(1))) ?? .group
            return RoomSummary(id: UInt64(row.int64(0)), kind: kind, name: kind == .direct ? (row.optionalText(5) ?? "") : row.text(2),
                               lastSeq: UInt64(row.int64(3)), memberCount: UInt16(clamping: row.int64(4)))
        }
        return Outcome(response: .rooms(rooms))
    }

    func listMembers(of room: UInt64, for me: AccountRecord) throws -> Outcome {
        _ = try roomKind(room, memberID: me.id)
        return Outcome(response: .members(try memberRecords(of: room)))
    }

    /// The members of `room` as the `members` answer lists them, by handle.
    private func memberRecords(of room: UInt64) throws -> [MemberRecord] {
        try database.query("SELECT a.id, a.handle, a.role FROM members m JOIN accounts a ON a.id = m.account_id WHERE m.room_id = ? ORDER BY a.handle_key",
                           [.id(room)]) { row in
            MemberRecord(accountID: UInt64(row.int64(0)), handle: row.text(1), role: Role(rawValue: UInt8(truncatingIfNeeded: row.int64(2))) ?? .member)
        }
    }

    func leave(_ room: UInt64, _ me: AccountRecord) throws -> Outcome {
        _ = try roomKind(room, memberID: me.id)
        try changeMembership(of: room, "DELETE FROM members WHERE room_id = ? AND account_id = ?", [.id(room), .id(me.id)])
        let others = try memberIDs(of: room)
        if others.isEmpty { try changeMembership(of: room, "DELETE FROM rooms WHERE id = ?", [.id(room)]) }
        var outcome = Outcome(response: .done)
        outcome.pushes.append((others, .membership(room: room, accountID: me.id, handle: me.handle, change: .left), nil))
        return outcome
    }

    func remove(_ handle: String, from room: UInt64, by me: AccountRecord) throws -> Outcome {
        guard me.role.managesRooms else { throw ErrorCode.forbidden }
        guard try roomKind(room, memberID: me.id) == .group else { throw ErrorCode.forbidden }
        guard let target = try database.queryOne("SELECT a.id, a.handle, a.role FROM accounts a JOIN members m ON m.account_id = a.id WHERE m.room_id = ? AND a.handle_key = ?",
                                                  [.id(room), .text(handle.lowercased())], Relay.accountRow) else { throw ErrorCode.handleUnknown }
        guard target.id != me.id else { throw ErrorCode.forbidden }
        try changeMembership(of: room, "DELETE FROM members WHERE room_id = ? AND account_id = ?", [.id(room), .id(target.id)])
        try ban(target.id, from: room)
        var outcome = Outcome(response: .done)
        let everyone = try memberIDs(of: room) + [target.id]
        outcome.pushes.append((everyone, .membership(room: room, accountID: target.id, handle: target.handle, change: .removed), nil))
        return outcome
    }
}

extension String {
    /// The text without leading and trailing white space.
    package var trimmingWhitespace: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}
