import KlankbordTrust

extension Messenger {
    /// `catchUp` for the ledger room, from the ledger cursor instead of the read cursor: fetches only the events after
    /// the last one this device already holds, opens them, and moves the cursor over every event now held (kept as a
    /// feature event or history line, own, or waiting for its key). An event held back for another reason (an identity
    /// to accept first) stops the cursor there, so it is fetched again next time. Events waiting for their key are
    /// tried again first. The read cursor does not move: `read` still shows chat lines as new.
    public func catchUpLedger(_ room: UInt64) throws {
        try processInbox()
        _ = try retryPending(room)
        let start = max(profile.readSeq(room), profile.ledgerCursor(room))
        let events = try connection.events(in: room, after: start)
        _ = try openOrRecall(events.filter { $0.senderID != account.id })
        let pending = Set(profile.pendingEvents(room).map(\.seq))
        var reached = start
        for event in events {
            let held = event.senderID == account.id || pending.contains(event.seq) || profile.holdsFeatureEvent(room, seq: event.seq)
                || profile.storedMessage(room, seq: event.seq) != nil
            guard held else { break }
            reached = event.seq
        }
        try profile.setLedgerCursor(room, reached)
    }
}
