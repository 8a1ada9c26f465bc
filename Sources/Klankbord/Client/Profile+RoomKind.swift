extension Profile {
    /// The kind of `room` as last listed by the server (`remember`), or nil for a room this device does not know.
    func roomKind(_ room: UInt64) -> RoomKind? {
        let raw = (try? readOne("SELECT kind FROM rooms WHERE id = ?", [.id(room)]) { $0.int64(0) }) ?? nil
        return raw.flatMap { RoomKind(rawValue: UInt8(truncatingIfNeeded: $0)) }
    }
}
