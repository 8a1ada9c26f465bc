import KlankbordE2E
import KlankbordProtocol

/// A `meeting.*`, `consultation.*` or `ledger.*` event this device opened or sent, as the feature
/// reducers read it. Such events are not chat lines: they are kept apart from the history.
public struct FeatureEvent: Sendable, Equatable {
    /// The room the event belongs to (for a private event: the room it was sent about).
    public var room: UInt64
    /// The account that sent it. For a room event the sender's chain key proves it; for a private
    /// event the 1:1 session with that account's pinned identity does.
    public var sender: UInt64
    /// The sender's handle as this device knows it.
    public var senderHandle: String
    /// When it was sent (seconds since 1970, UTC; the server's clock for room events, the sender's for
    /// private ones).
    public var time: Int64
    /// The room's sequence number, or nil for a private event (sent to a few people, not the room).
    public var seq: UInt64?
    /// The decrypted event.
    public var event: PayloadEvent

    public init(room: UInt64, sender: UInt64, senderHandle: String, time: Int64, seq: UInt64?, event: PayloadEvent) {
        self.room = room
        self.sender = sender
        self.senderHandle = senderHandle
        self.time = time
        self.seq = seq
        self.event = event
    }

    /// Whether only some people received it (through their 1:1 sessions), not the whole room.
    public var isPrivate: Bool { seq == nil }

    /// The type prefixes of feature events.
    public static let prefixes = ["meeting.", "consultation.", "ledger."]

    /// Whether a payload of type `type` is a feature event rather than a chat line.
    public static func isFeature(_ type: String) -> Bool {
        prefixes.contains { type.hasPrefix($0) }
    }
}

/// A private feature event inside a 1:1 session message in the inbox: the control byte, then the
/// room it is about (u64) and the serialized `PayloadEvent`.
struct PrivateEventControl {
    let room: UInt64
    let event: PayloadEvent

    func serialized() -> [UInt8] {
        var w = WireWriter(prefix: [ControlMessage.privateEvent.rawValue])
        w.u64(room)
        w.data(event.serialized())
        return w.bytes
    }

    /// Reads a control message; nil unless it is a well-formed private event.
    init?(_ plaintext: [UInt8]) {
        guard plaintext.first == ControlMessage.privateEvent.rawValue else { return nil }
        var r = WireReader(Array(plaintext.dropFirst()))
        guard let room = try? r.u64(), let bytes = try? r.data(limit: E2ELimits.maxMessageLength + 4096),
              (try? r.finish()) != nil, let event = try? PayloadEvent(serialized: bytes),
              FeatureEvent.isFeature(event.type) else { return nil }
        self.room = room
        self.event = event
    }

    init(room: UInt64, event: PayloadEvent) {
        self.room = room
        self.event = event
    }
}
