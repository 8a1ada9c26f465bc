import KlankbordProtocol

extension Messenger {
    /// Like `open`, but an event already in this device's history (another window of the same profile stored it,
    /// or sent it) comes back as the stored message instead of being skipped: that window's sender-key state has
    /// already moved past it, so it could not be decrypted a second time. For live views, which show every message.
    public func openOrRecall(_ events: [EventRecord]) throws -> [StoredMessage] {
        var shown: [StoredMessage] = []
        for event in events {
            // Looking in the history, opening and keeping happen under the database's write lock, so two windows
            // never both try one message key: the second would find it used and keep the message as unreadable.
            shown += try profile.database.transaction { () throws -> [StoredMessage] in
                if let kept = profile.storedMessage(event.room, seq: event.seq) { return [kept] }
                return try open([event])
            }
        }
        return shown
    }
}
