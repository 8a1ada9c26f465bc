import KlankbordProtocol

extension Profile {
    /// Deletes the messages of `room` sent at or before `time` (seconds since 1970) from this device; returns how
    /// many. Times are sealed, so each row of the room is opened to read its time; rooms with a timer stay small.
    /// `secure_delete` overwrites the deleted rows in the file.
    @discardableResult
    public func forgetMessages(in room: UInt64, sentAtOrBefore time: Int64) throws(Failure) -> Int {
        let tag = vault.tag("messages", room)
        let rows = try readAll("SELECT seq, sealed FROM messages WHERE room = ?", [.blob(tag)]) { (UInt64($0.int64(0)), $0.blob(1)) }
        var forgotten = 0
        for (seq, sealed) in rows {
            guard let plain = try? vault.open(sealed, "message/\(room)/\(seq)") else { continue }
            var r = WireReader(plain)
            guard (try? r.string()) != nil, let sent = try? r.i64(), sent <= time else { continue }
            try write("DELETE FROM messages WHERE room = ? AND seq = ?", [.blob(tag), .id(seq)])
            try forgetProof(room: room, seq: seq)
            forgotten += 1
        }
        return forgotten
    }
}

extension Profile {
    /// The disappearing timers this device learned, by room (sealed; layout: u16 count, then room u64 · seconds u32).
    func disappearingTimers() -> [UInt64: UInt32] {
        guard let bytes = try? secret("disappearing") else { return [:] }
        var reader = WireReader(bytes)
        guard let count = try? reader.u16() else { return [:] }
        var timers: [UInt64: UInt32] = [:]
        for _ in 0..<count {
            guard let room = try? reader.u64(), let seconds = try? reader.u32() else { break }
            timers[room] = seconds
        }
        return timers
    }

    /// Remembers `room`'s timer (0 removes it), so every later command deletes its old messages, not only `read`.
    public func rememberTimer(_ seconds: UInt32, of room: UInt64) throws(Failure) {
        var timers = disappearingTimers()
        guard timers[room] != (seconds == 0 ? nil : seconds) else { return }
        timers[room] = seconds == 0 ? nil : seconds
        var writer = WireWriter()
        writer.u16(UInt16(clamping: timers.count))
        for (room, seconds) in timers.sorted(by: { $0.key < $1.key }) {
            writer.u64(room)
            writer.u32(seconds)
        }
        try setSecret("disappearing", writer.bytes)
    }

    /// Deletes every message past its room's timer; returns how many.
    @discardableResult
    public func forgetExpiredMessages(now: Int64) throws(Failure) -> Int {
        var forgotten = 0
        for (room, seconds) in disappearingTimers() {
            forgotten += try forgetMessages(in: room, sentAtOrBefore: now - Int64(seconds))
        }
        return forgotten
    }
}
