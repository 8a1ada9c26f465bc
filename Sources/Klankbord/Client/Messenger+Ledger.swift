import KlankbordTrust

extension Messenger {
    /// `catchUp` for the ledger room: the events after the last one this device holds (`catchUpEvents`), so a ledger
    /// of thousands of steps is not fetched again by every command. The read cursor does not move: `read` still
    /// shows chat lines as new.
    public func catchUpLedger(_ room: UInt64) throws {
        try processInbox()
        try catchUpEvents(room)
    }
}
