import KlankbordCrypto
import KlankbordProtocol

// The bodies of two inbox control messages (docs/PROTOCOL.md §19.1), after their control byte. Each travels as the
// plaintext of a one-to-one session message in an inbox item; the server sees only an item from one account to another.
//
//   0x12 report             room u64 · seq u64 · sender account u64 · sender handle string · time i64 · note string ·
//                           message data (the sender-key message as its sender signed it) · message key fixed(32)
//   0x13 read confirmation  room u64 · seq u64
//
// A receiver drops a body that does not parse (truncated, bytes left over): it could not be read later either.

/// A member's report of one room message to a facilitator (control byte 0x12).
struct ReportControl {
    /// The room and the message's sequence number there.
    let room: UInt64
    let seq: UInt64
    /// The message's sender, as the reporter's device knows them.
    let sender: UInt64
    let senderHandle: String
    /// When the server stored the message.
    let time: Int64
    /// What the reporter adds, in their own words.
    let note: String
    /// The sender-key message exactly as its sender signed it (§19.5), without the envelope byte.
    let message: [UInt8]
    /// The key that opens that one message and nothing else of the chain.
    let messageKey: SecretBytes

    /// The control byte, then the layout above.
    func serialized() -> [UInt8] {
        var w = WireWriter(prefix: [ControlMessage.report.rawValue])
        w.u64(room)
        w.u64(seq)
        w.u64(sender)
        w.string(senderHandle)
        w.i64(time)
        w.string(note)
        w.data(message)
        w.secret(messageKey)
        return w.bytes
    }

    /// Reads the body after the control byte; nil when it does not parse.
    init?(body: ArraySlice<UInt8>) {
        var r = WireReader(Array(body))
        guard let room = try? r.u64(), let seq = try? r.u64(), let sender = try? r.u64(), let senderHandle = try? r.string(),
              let time = try? r.i64(), let note = try? r.string(), let message = try? r.data(), let key = try? r.secret(32),
              (try? r.finish()) != nil else { return nil }
        self.init(room: room, seq: seq, sender: sender, senderHandle: senderHandle, time: time, note: note, message: message, messageKey: key)
    }

    init(room: UInt64, seq: UInt64, sender: UInt64, senderHandle: String, time: Int64, note: String, message: [UInt8], messageKey: SecretBytes) {
        self.room = room
        self.seq = seq
        self.sender = sender
        self.senderHandle = senderHandle
        self.time = time
        self.note = note
        self.message = message
        self.messageKey = messageKey
    }
}

/// A member's device tells a facilitator it showed their announcement (control byte 0x13).
struct ReadConfirmationControl: Equatable {
    let room: UInt64
    let seq: UInt64

    /// The control byte, then room u64 · seq u64.
    func serialized() -> [UInt8] {
        var w = WireWriter(prefix: [ControlMessage.readConfirmation.rawValue])
        w.u64(room)
        w.u64(seq)
        return w.bytes
    }

    /// Reads the body after the control byte; nil when it does not parse.
    init?(body: ArraySlice<UInt8>) {
        var r = WireReader(Array(body))
        guard let room = try? r.u64(), let seq = try? r.u64(), (try? r.finish()) != nil else { return nil }
        self.init(room: room, seq: seq)
    }

    init(room: UInt64, seq: UInt64) {
        self.room = room
        self.seq = seq
    }
}
