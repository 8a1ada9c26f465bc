extension Messenger {
    /// Like `open`, but an event already in this device's history (another window of the same profile stored it,
    /// or sent it) comes back as the stored message instead of being skipped: that window's sender-key state has
    /// already moved past it, so it could not be decrypted a second time. For live views, which show every message.
    public func openOrRecall(_ events: [EventRecord]) throws -> [StoredMessage] {
        var shown: [StoredMessage] = []
        for event in events {
            if let kept = profile.storedMessage(event.room, seq: event.seq) {
                shown.append(kept)
            } else {
                shown += try open([event])
            }
        }
        return shown
    }
}
