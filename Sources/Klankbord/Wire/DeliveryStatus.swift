/// What became of one item of an `inboxPutMany`: each item is delivered or refused on its own, so one
/// member's full inbox never stops the others from getting theirs. One byte on the wire.
public enum DeliveryStatus: UInt8, Sendable, CaseIterable {
    /// Stored in the recipient's inbox.
    case delivered = 0
    /// The recipient already has `max_inbox_per_device` items waiting; try again later.
    case limitReached = 1
    /// The recipient shares no room with the sender, or does not exist.
    case handleUnknown = 2
}
