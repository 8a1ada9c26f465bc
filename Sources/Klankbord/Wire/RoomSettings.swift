/// The rules a facilitator sets for one group room, which the server enforces (docs/SECURITY.md).
///
/// Layout: `slowSeconds u32 · announceOnly bool · disappearSeconds u32`. Zero seconds means "off".
public struct RoomSettings: Sendable, Equatable {
    /// Least time between two messages of one member (facilitators are exempt); 0 = no slow mode.
    public var slowSeconds: UInt32
    /// Only facilitators may post.
    public var announceOnly: Bool
    /// Messages are deleted this long after they were sent, by every client and the server; 0 = kept.
    public var disappearSeconds: UInt32

    /// Longest slow-mode interval: one day.
    public static let maxSlowSeconds: UInt32 = 86_400
    /// Longest disappearing timer: a year (the server's own retention may be shorter; then that is the limit).
    public static let maxDisappearSeconds: UInt32 = 366 * 86_400
    /// A room with no rules.
    public static let open = RoomSettings(slowSeconds: 0, announceOnly: false, disappearSeconds: 0)

    public init(slowSeconds: UInt32, announceOnly: Bool, disappearSeconds: UInt32) {
        self.slowSeconds = slowSeconds
        self.announceOnly = announceOnly
        self.disappearSeconds = disappearSeconds
    }

    /// The 9-byte layout above (also the body of the `room.rules` payload event a facilitator sends into the room).
    public var bytes: [UInt8] {
        var w = WireWriter(capacity: 9)
        encode(into: &w)
        return w.bytes
    }

    /// Reads the 9-byte layout; anything else is `malformed`.
    public init(bytes: [UInt8]) throws(WireError) {
        var r = WireReader(bytes)
        self = try RoomSettings(from: &r)
        try r.finish()
    }

    func encode(into w: inout WireWriter) {
        w.u32(slowSeconds)
        w.bool(announceOnly)
        w.u32(disappearSeconds)
    }

    init(from r: inout WireReader) throws(WireError) {
        slowSeconds = try r.u32()
        announceOnly = try r.bool()
        disappearSeconds = try r.u32()
    }
}
