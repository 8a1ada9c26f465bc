import KlankbordProtocol

extension Profile {
    /// The message kept at `seq` in `room`, if this device's history has it (stored by this or another process).
    public func storedMessage(_ room: UInt64, seq: UInt64) -> StoredMessage? {
        guard let sealed = try? readOne("SELECT sealed FROM messages WHERE room = ? AND seq = ?",
                                       [.blob(vault.tag("messages", room)), .id(seq)], { $0.blob(0) }),
              let plain = try? vault.open(sealed, "message/\(room)/\(seq)") else { return nil }
        var r = WireReader(plain)
        guard let sender = try? r.string(), let time = try? r.i64(), let body = try? r.data() else { return nil }
        return StoredMessage(room: room, seq: seq, sender: sender, time: time, body: MessageBody(decoding: body))
    }
}
