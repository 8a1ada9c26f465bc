import KlankbordCrypto
import KlankbordE2E
import KlankbordProtocol

/// A report as a facilitator's device keeps it, after checking it.
public struct ReceivedReport: Sendable, Equatable {
    /// Who reported (from the one-to-one session the report came over).
    public var reporter: String
    public var room: UInt64
    public var seq: UInt64
    /// Who sent the reported message; `text` is what that person's signed message says (empty when rejected).
    public var sender: String
    public var time: Int64
    public var text: String
    public var note: String
    /// False when the report did not match a message the sender signed: its words were not kept.
    public var verified: Bool

    func encode(into w: inout WireWriter) {
        w.string(reporter)
        w.u64(room)
        w.u64(seq)
        w.string(sender)
        w.i64(time)
        w.string(text)
        w.string(note)
        w.bool(verified)
    }

    init(reporter: String, room: UInt64, seq: UInt64, sender: String, time: Int64, text: String, note: String, verified: Bool) {
        (self.reporter, self.room, self.seq, self.sender, self.time, self.text, self.note, self.verified) =
            (reporter, room, seq, sender, time, text, note, verified)
    }

    init(from r: inout WireReader) throws(WireError) {
        self.init(reporter: try r.string(), room: try r.u64(), seq: try r.u64(), sender: try r.string(), time: try r.i64(),
                  text: try r.string(), note: try r.string(), verified: try r.bool())
    }
}

extension Profile {
    /// The name of the sealed row that keeps the proof of one room message (its signed bytes and message key). The
    /// room appears only as a vault tag, like the history's rows.
    private func proofName(_ room: UInt64, _ seq: UInt64) -> String {
        "proof/" + vault.tag("proofs", room).map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined() + "/\(seq)"
    }

    /// Keeps what a report of this message needs: the sender's signed message and the key that opens it.
    func keepProof(room: UInt64, seq: UInt64, sender: UInt64, message: [UInt8], messageKey: SecretBytes) throws(Failure) {
        var w = WireWriter()
        w.u64(sender)
        w.data(message)
        w.secret(messageKey)
        try setSecret(proofName(room, seq), w.bytes)
    }

    /// The proof kept for a message, if any (messages from before this version have none).
    func proof(room: UInt64, seq: UInt64) -> (sender: UInt64, message: [UInt8], messageKey: SecretBytes)? {
        guard let bytes = try? secret(proofName(room, seq)) else { return nil }
        var r = WireReader(bytes)
        guard let sender = try? r.u64(), let message = try? r.data(), let key = try? r.secret(32) else { return nil }
        return (sender, message, key)
    }

    /// Deletes a message's proof with the message (disappearing messages).
    func forgetProof(room: UInt64, seq: UInt64) throws(Failure) {
        try write("DELETE FROM secrets WHERE name = ?", [.text(proofName(room, seq))])
    }

    /// The reports this device received, oldest first.
    public func receivedReports() -> [ReceivedReport] {
        guard let bytes = try? secret("reports") else { return [] }
        var r = WireReader(bytes)
        return (try? r.list { r throws(WireError) in try ReceivedReport(from: &r) }) ?? []
    }

    func keep(_ report: ReceivedReport) throws(Failure) {
        var w = WireWriter()
        w.list(receivedReports() + [report]) { $1.encode(into: &$0) }
        try setSecret("reports", w.bytes)
    }
}

extension Profile {
    /// The name this device keeps for `room`, if it knows the room.
    public func roomName(_ room: UInt64) -> String? { keptRoom(room)?.name }

    /// The newest message from `handle` in `room` on this device (for `report <room> <name>`).
    public func latestMessage(from handle: Handle, in room: UInt64) -> StoredMessage? {
        history(room, limit: 200).last { Handle($0.sender)?.key == handle.key }
    }
}
