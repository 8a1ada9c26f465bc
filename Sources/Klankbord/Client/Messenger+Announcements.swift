import KlankbordProtocol

/// Read confirmations of announcements: when a member's device shows a facilitator's announcement, it tells that
/// facilitator (and nobody else) over their one-to-one session. The server sees only an inbox item.
extension Messenger {
    /// Confirms to each announcement's sender that this device showed it; each is confirmed once.
    public func confirmShown(_ messages: [StoredMessage]) throws {
        for message in messages where message.sender != account.handle {
            guard case .announcement = message.body, !profile.confirmedAnnouncement(message.room, message.seq) else { continue }
            guard case let .members(members) = try connection.call(.members(room: message.room)),
                  let sender = members.first(where: { Handle($0.handle)?.key == Handle(message.sender)?.key }) else { continue }
            let confirmation = ReadConfirmationControl(room: message.room, seq: message.seq).serialized()
            let sealed = try sealForPerson(confirmation, to: sender.accountID, handle: sender.handle)
            _ = try connection.call(.inboxPut(recipient: sender.accountID, payload: sealed))
            try profile.markConfirmed(message.room, message.seq)
        }
    }

    /// Keeps a member's confirmation of one of this device's own announcements (others are ignored).
    func receiveConfirmation(_ body: ArraySlice<UInt8>, from reader: String) throws {
        guard let confirmation = ReadConfirmationControl(body: body),
              let announcement = profile.storedMessage(confirmation.room, seq: confirmation.seq), announcement.sender == account.handle,
              case .announcement = announcement.body else { return }
        try profile.addReader(reader, of: confirmation.room, confirmation.seq)
    }
}

extension Profile {
    /// Who confirmed reading this device's announcement `seq` in `room` (sealed; one row per announcement).
    public func readers(of room: UInt64, _ seq: UInt64) -> [String] {
        guard let bytes = try? secret(readersName(room, seq)) else { return [] }
        var r = WireReader(bytes)
        return (try? r.list { r throws(WireError) in try r.string() }) ?? []
    }

    func addReader(_ reader: String, of room: UInt64, _ seq: UInt64) throws(Failure) {
        var known = readers(of: room, seq)
        guard !known.contains(reader) else { return }
        known.append(reader)
        var w = WireWriter()
        w.list(known) { $0.string($1) }
        try setSecret(readersName(room, seq), w.bytes)
    }

    func confirmedAnnouncement(_ room: UInt64, _ seq: UInt64) -> Bool {
        (try? secret(readersName(room, seq) + "/sent")) != nil
    }

    func markConfirmed(_ room: UInt64, _ seq: UInt64) throws(Failure) {
        try setSecret(readersName(room, seq) + "/sent", [1])
    }

    private func readersName(_ room: UInt64, _ seq: UInt64) -> String {
        "readers/" + vault.tag("announcements", room).map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined() + "/\(seq)"
    }
}
