import KlankbordE2E
import KlankbordProtocol
import KlankbordStorage
import KlankbordTrust

/// Something a person sent under an identity that is held (not yet accepted): kept sealed, opened when
/// the person accepts the new identity, dropped when another identity replaces it.
enum HeldItem: Equatable, Sendable {
    /// A one-to-one message in a direct room.
    case event(EventRecord)
    /// An inbox item (a room key).
    case inbox(InboxItem)

    func serialized() -> [UInt8] {
        var w = WireWriter()
        switch self {
        case let .event(event):
            w.u8(1)
            event.encode(into: &w)
        case let .inbox(item):
            w.u8(2)
            item.encode(into: &w)
        }
        return w.bytes
    }

    init(serialized bytes: [UInt8]) throws(WireError) {
        var r = WireReader(bytes)
        switch try r.u8() {
        case 1: self = .event(try EventRecord(from: &r))
        case 2: self = .inbox(try InboxItem(from: &r))
        case let kind: throw .unknownKind(kind)
        }
        try r.finish()
    }
}

extension Profile {
    /// The identity store and the sessions, keyed by vault tags instead of account ids, so that a profile
    /// read without its passphrase does not show which accounts are contacts. The tables of 001 move over
    /// in `moveLegacyIdentities`, which needs the vault.
    static let identityPinsMigration = Migration(name: "002-identity-pins", sql: """
        ALTER TABLE sessions RENAME TO legacy_sessions;
        ALTER TABLE contacts RENAME TO legacy_contacts;
        CREATE TABLE sessions(tag BLOB PRIMARY KEY, sealed BLOB NOT NULL) WITHOUT ROWID;
        CREATE TABLE pins(tag BLOB PRIMARY KEY, sealed BLOB NOT NULL) WITHOUT ROWID;
        CREATE TABLE held(id INTEGER PRIMARY KEY, pin BLOB NOT NULL, sealed BLOB NOT NULL);
        CREATE INDEX held_by_pin ON held(pin, id);
        """)

    /// The identity this device trusts for `account`, if it knows one.
    public func pin(_ account: UInt64) -> IdentityPin? {
        let tag = vault.tag("pin", account)
        guard let sealed = try? readOne("SELECT sealed FROM pins WHERE tag = ?", [.blob(tag)], { $0.blob(0) }) else { return nil }
        return openPin(sealed, tag: tag)
    }

    package func savePin(_ pin: IdentityPin) throws(Failure) {
        let tag = vault.tag("pin", pin.account)
        try write("INSERT INTO pins(tag, sealed) VALUES (?, ?) ON CONFLICT(tag) DO UPDATE SET sealed = excluded.sealed",
                  [.blob(tag), .blob(vault.seal(pin.serialized(), Profile.pinContext(tag)))])
    }

    /// Every identity this device holds (few: the people it has exchanged messages with).
    public func pins() -> [IdentityPin] {
        let rows = (try? readAll("SELECT tag, sealed FROM pins", []) { ($0.blob(0), $0.blob(1)) }) ?? []
        return rows.compactMap { tag, sealed in openPin(sealed, tag: tag) }
    }

    /// The pins of `accounts` that this device holds, by account, read with a few statements instead of one per
    /// account (a 500-member room's pins are read by every command that syncs its log).
    package func pins(of accounts: [UInt64]) -> [UInt64: IdentityPin] {
        var found: [UInt64: IdentityPin] = [:]
        var start = 0
        while start < accounts.count {
            let part = accounts[start..<min(start + 500, accounts.count)]
            start += part.count
            let marks = Array(repeating: "?", count: part.count).joined(separator: ", ")
            let rows = (try? readAll("SELECT tag, sealed FROM pins WHERE tag IN (\(marks))", part.map { .blob(vault.tag("pin", $0)) }) {
                ($0.blob(0), $0.blob(1))
            }) ?? []
            for (tag, sealed) in rows {
                if let pin = openPin(sealed, tag: tag) { found[pin.account] = pin }
            }
        }
        return found
    }

    /// The pin sealed under `tag`. The associated data names the tag (listing pins cannot know the account
    /// first), and the account inside must give that same tag, so a pin moved to another row does not open.
    private func openPin(_ sealed: [UInt8], tag: [UInt8]) -> IdentityPin? {
        guard let plain = try? vault.open(sealed, Profile.pinContext(tag)),
              let pin = try? IdentityPin(serialized: plain, sealedByThisDevice: true), vault.tag("pin", pin.account) == tag else { return nil }
        return pin
    }

    private static func pinContext(_ tag: [UInt8]) -> String {
        "pin/" + tag.map { String($0, radix: 16) }.joined(separator: ".")
    }

    /// Marks the pinned identity as compared face to face.
    public func markVerified(_ account: UInt64) throws(Failure) {
        guard var pin = pin(account) else { return }
        pin.verified = true
        try savePin(pin)
    }

    func session(with account: UInt64) throws(Failure) -> SessionRecord {
        guard let sealed = try readOne("SELECT sealed FROM sessions WHERE tag = ?", [.blob(vault.tag("session", account))], { $0.blob(0) }) else {
            return SessionRecord()
        }
        do {
            return try SessionRecord(serialized: try vault.open(sealed, "session/\(account)"))
        } catch {
            return SessionRecord()
        }
    }

    func saveSession(_ record: SessionRecord, with account: UInt64) throws(Failure) {
        try write("INSERT INTO sessions(tag, sealed) VALUES (?, ?) ON CONFLICT(tag) DO UPDATE SET sealed = excluded.sealed",
                  [.blob(vault.tag("session", account)), .blob(vault.seal(record.serialized(), "session/\(account)"))])
    }

    /// Keeps `item`, sent under the held identity of `account`.
    func hold(_ item: HeldItem, from account: UInt64) throws(Failure) {
        try write("INSERT INTO held(pin, sealed) VALUES (?, ?)",
                  [.blob(vault.tag("pin", account)), .blob(vault.seal(item.serialized(), "held/\(account)"))])
    }

    /// What `account` sent under its held identity, oldest first.
    func heldItems(from account: UInt64) -> [HeldItem] {
        let rows = (try? readAll("SELECT sealed FROM held WHERE pin = ? ORDER BY id", [.blob(vault.tag("pin", account))]) { $0.blob(0) }) ?? []
        return rows.compactMap { sealed in
            guard let plain = try? vault.open(sealed, "held/\(account)") else { return nil }
            return try? HeldItem(serialized: plain)
        }
    }

    func dropHeldItems(from account: UInt64) throws(Failure) {
        try write("DELETE FROM held WHERE pin = ?", [.blob(vault.tag("pin", account))])
    }
}

extension Profile {
    /// Moves the sessions and contacts of migration 001 (keyed by account id) to the tagged tables, once.
    /// A contact's identity becomes a first-use pin; whether the person verified it is kept.
    func moveLegacyIdentities() throws(Failure) {
        let exists = try readOne("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'legacy_contacts'", []) { _ in true } ?? false
        guard exists else { return }
        let sessions = try readAll("SELECT account, sealed FROM legacy_sessions", []) { (UInt64(bitPattern: $0.int64(0)), $0.blob(1)) }
        let contacts = try readAll("SELECT account, sealed, verified FROM legacy_contacts", []) { (UInt64(bitPattern: $0.int64(0)), $0.blob(1), $0.int64(2) != 0) }
        do {
            try database.transaction {
                for (account, sealed) in sessions {
                    // Same associated data as before: only the key column changes.
                    try database.run("INSERT OR REPLACE INTO sessions(tag, sealed) VALUES (?, ?)", [.blob(vault.tag("session", account)), .blob(sealed)])
                }
                for (account, sealed, verified) in contacts {
                    guard let plain = try? vault.open(sealed, "contact/\(account)") else { continue }
                    var r = WireReader(plain)
                    guard let handle = try? r.string(), let bytes = try? r.data(), let identity = try? IdentityKeys.PublicBundle(serialized: bytes) else { continue }
                    try savePin(IdentityPin(account: account, handle: handle, identity: identity, source: .server, verified: verified))
                }
                try database.execute("DROP TABLE legacy_sessions; DROP TABLE legacy_contacts;")
            }
        } catch {
            throw .unusable
        }
    }
}
