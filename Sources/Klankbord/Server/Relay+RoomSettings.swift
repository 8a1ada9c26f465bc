import KlankbordProtocol
import KlankbordStorage

extension Relay {
    /// A room's rules and how long `me` must still wait there (any member may ask; it is their own room).
    func roomSettings(of room: UInt64, for me: AccountRecord) throws -> Outcome {
        _ = try roomKind(room, memberID: me.id)
        let settings = try self.settings(of: room)
        var wait: UInt32 = 0
        if settings.slowSeconds > 0, !me.role.managesRooms {
            let last = try lastSent(in: room, by: me.id)
            wait = UInt32(clamping: max(0, last + Int64(settings.slowSeconds) - clock()))
        }
        return Outcome(response: .roomSettings(settings, waitSeconds: wait))
    }

    /// A facilitator in a group room sets its rules; either person in a one-to-one thread sets its disappearing timer
    /// (and nothing else). A disappearing timer longer than the server keeps events anyway (`retention_days`) is
    /// refused with `limit_reached`: the server could not keep that promise.
    func setRoomSettings(_ settings: RoomSettings, of room: UInt64, by me: AccountRecord) throws -> Outcome {
        // Someone who manages no rooms may only touch a thread they are in (so the answer stays `forbidden` elsewhere).
        if !me.role.managesRooms, (try? roomKind(room, memberID: me.id)) != .direct { throw ErrorCode.forbidden }
        if try roomKind(room, memberID: me.id) == .direct, settings.slowSeconds > 0 || settings.announceOnly { throw ErrorCode.forbidden }
        guard settings.slowSeconds <= RoomSettings.maxSlowSeconds, settings.disappearSeconds <= RoomSettings.maxDisappearSeconds else {
            throw ErrorCode.malformed
        }
        if config.retentionDays > 0, Int64(settings.disappearSeconds) > Int64(config.retentionDays) * 86_400 { throw ErrorCode.limitReached }
        try database.run("UPDATE rooms SET slow_seconds = ?, announce_only = ?, disappear_seconds = ? WHERE id = ?",
                         [.integer(Int64(settings.slowSeconds)), .integer(settings.announceOnly ? 1 : 0), .integer(Int64(settings.disappearSeconds)), .id(room)])
        if settings.disappearSeconds > 0 { hasDisappearingRooms = true }
        return Outcome(response: .done)
    }

    /// The rules of `room` (all off for a room that has none).
    func settings(of room: UInt64) throws -> RoomSettings {
        try database.queryOne("SELECT slow_seconds, announce_only, disappear_seconds FROM rooms WHERE id = ?", [.id(room)]) {
            RoomSettings(slowSeconds: UInt32(clamping: $0.int64(0)), announceOnly: $0.int64(1) != 0, disappearSeconds: UInt32(clamping: $0.int64(2)))
        } ?? .open
    }

    /// Refuses a member's message that breaks the room's rules; facilitators may always post. Called inside the
    /// send's transaction, so a refusal undoes everything the send did.
    func checkPostingRules(_ settings: RoomSettings, in room: UInt64, by me: AccountRecord, at time: Int64) throws {
        guard !me.role.managesRooms else { return }
        if settings.announceOnly { throw ErrorCode.announcementOnly }
        if settings.slowSeconds > 0, time - (try lastSent(in: room, by: me.id)) < Int64(settings.slowSeconds) { throw ErrorCode.slowMode }
    }

    /// Remembers when `me` last posted in a slow-mode room (only there: elsewhere nobody needs it).
    func noteSent(_ settings: RoomSettings, in room: UInt64, by me: UInt64, at time: Int64) throws {
        guard settings.slowSeconds > 0 else { return }
        try database.run("UPDATE members SET last_sent = ? WHERE room_id = ? AND account_id = ?", [.integer(time), .id(room), .id(me)])
    }

    private func lastSent(in room: UInt64, by account: UInt64) throws -> Int64 {
        try database.queryOne("SELECT last_sent FROM members WHERE room_id = ? AND account_id = ?", [.id(room), .id(account)]) { $0.int64(0) } ?? 0
    }

    /// Deletes the events of rooms with a disappearing timer that are past it. Cheap when no room has one.
    /// Returns how many were deleted.
    @discardableResult
    public func expireDisappearing() throws -> Int {
        guard hasDisappearingRooms else { return 0 }
        let rooms = try database.query("SELECT id, disappear_seconds FROM rooms WHERE disappear_seconds > 0", []) { (UInt64($0.int64(0)), $0.int64(1)) }
        if rooms.isEmpty { hasDisappearingRooms = false }
        // The deleted ciphertext is overwritten in the file (secure_delete) and the write-ahead log is emptied after,
        // so a copy of the data directory taken later holds none of it.
        _ = try database.queryOne("PRAGMA secure_delete = 1", []) { $0.int64(0) }
        defer { _ = try? database.queryOne("PRAGMA secure_delete = 0", []) { $0.int64(0) } }
        let now = clock()
        let removed = try database.transaction { () throws -> Int in
            var removed = 0
            for (room, seconds) in rooms {
                try database.run("DELETE FROM events WHERE room_id = ? AND time <= ?", [.id(room), .integer(now - seconds)])
                removed += database.changes
            }
            return removed
        }
        if removed > 0 { try? database.checkpoint() }
        return removed
    }
}
