import KlankbordProtocol

/// What a facilitator's device remembers about the reimbursement ledger (docs/LEDGER.md, "On this device"):
/// which room holds it and the head (event count and last hash) it last verified. Both are sealed, so a copy of
/// the profile folder without the passphrase says nothing about the ledger. The events themselves are feature
/// events (`Profile+FeatureEvents`).
extension Profile {
    /// The id of this community's facilitators-only ledger room, if this device made or joined one.
    public var ledgerRoom: UInt64? {
        guard let sealed = setting("ledger.room"), let plain = try? vault.open(sealed, "ledger/room") else { return nil }
        var r = WireReader(plain)
        return try? r.u64()
    }

    /// Remembers the ledger room.
    public func setLedgerRoom(_ room: UInt64) throws(Failure) {
        var w = WireWriter()
        w.u64(room)
        try write("INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                  [.text("ledger.room"), .blob(vault.seal(w.bytes, "ledger/room"))])
    }

    /// The head this device last verified: how many events and the hash of the last one. Only a remembered head
    /// shows that events were cut off the end of the chain.
    public var ledgerHead: (count: UInt64, hash: [UInt8])? {
        guard let sealed = setting("ledger.head"), let plain = try? vault.open(sealed, "ledger/head") else { return nil }
        var r = WireReader(plain)
        guard let count = try? r.u64(), let hash = try? r.fixed(32) else { return nil }
        return (count, hash)
    }

    /// Remembers a verified head; a shorter one never replaces a longer one (the chain only grows), and the same one
    /// is not written again (every ledger command remembers its head; a write that changes nothing costs a sync).
    public func setLedgerHead(count: UInt64, hash: [UInt8]) throws(Failure) {
        if let known = ledgerHead, known.count > count || (known.count == count && known.hash == hash) { return }
        var w = WireWriter()
        w.u64(count)
        w.fixed(hash)
        try write("INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                  [.text("ledger.head"), .blob(vault.seal(w.bytes, "ledger/head"))])
    }
}

extension Profile {
    /// The volunteer-allowance limits this device applies, as `year:monthly cents:yearly cents` items separated by
    /// commas (set with `klankbord ledger allowance`); nil means the built-in default.
    public var ledgerAllowance: String? {
        guard let sealed = setting("ledger.allowance"), let plain = try? vault.open(sealed, "ledger/allowance") else { return nil }
        return String(validating: plain, as: UTF8.self)
    }

    /// Stores the allowance limits (format of `ledgerAllowance`).
    public func setLedgerAllowance(_ text: String) throws(Failure) {
        try write("INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                  [.text("ledger.allowance"), .blob(vault.seal(Array(text.utf8), "ledger/allowance"))])
    }
}
