import KlankbordProtocol

extension Profile {
    /// The kind of `room` as last listed by the server (`remember`), or nil for a room this device does not know.
    func roomKind(_ room: UInt64) -> RoomKind? {
        keptRoom(room)?.kind
    }
}
