/// What this device knows of another account's identity.
public struct Contact: Sendable, Equatable {
    public var account: UInt64
    public var handle: String
    public var identity: IdentityKeys.PublicBundle
    /// The person compared safety numbers and confirmed them.
    public var verified: Bool
    /// The identity changed since it was first seen (and was not verified again).
    public var changed: Bool
}

extension Profile {
    func session(with account: UInt64) throws(Failure) -> SessionRecord {
        guard let sealed = try readOne("SELECT sealed FROM sessions WHERE account = ?", [.id(account)], { $0.blob(0) }) else { return SessionRecord() }
        do {
            return try SessionRecord(serialized: try vault.open(sealed, "session/\(account)"))
        } catch {
            return SessionRecord()
        }
    }

    func saveSession(_ record: SessionRecord, with account: UInt64) throws(Failure) {
        try write("INSERT INTO sessions(account, sealed) VALUES (?, ?) ON CONFLICT(account) DO UPDATE SET sealed = excluded.sealed",
                  [.id(account), .blob(vault.seal(record.serialized(), "session/\(account)"))])
    }

    public func contact(_ account: UInt64) -> Contact? {
        guard let row = try? readOne("SELECT sealed, verified, changed FROM contacts WHERE account = ?", [.id(account)], { ($0.blob(0), $0.int64(1) != 0, $0.int64(2) != 0) }),
              let plain = try? vault.open(row.0, "contact/\(account)") else { return nil }
        var r = WireReader(plain)
        guard let handle = try? r.string(), let bytes = try? r.data(), let identity = try? IdentityKeys.PublicBundle(serialized: bytes) else { return nil }
        return Contact(account: account, handle: handle, identity: identity, verified: row.1, changed: row.2)
    }

    /// Records the identity seen for `account`. A different identity than before marks the contact as changed and unverified.
    @discardableResult
    func noteIdentity(_ identity: IdentityKeys.PublicBundle, of account: UInt64, handle: String) throws(Failure) -> Contact {
        var contact = contact(account) ?? Contact(account: account, handle: handle, identity: identity, verified: false, changed: false)
        if contact.identity != identity {
            contact.identity = identity
            contact.changed = true
            contact.verified = false
        }
        if !handle.isEmpty { contact.handle = handle }
        try saveContact(contact)
        return contact
    }

    func saveContact(_ contact: Contact) throws(Failure) {
        var w = WireWriter()
        w.string(contact.handle)
        w.data(contact.identity.serialized())
        try write("INSERT INTO contacts(account, sealed, verified, changed) VALUES (?, ?, ?, ?) ON CONFLICT(account) DO UPDATE SET sealed = excluded.sealed, verified = excluded.verified, changed = excluded.changed",
                  [.id(contact.account), .blob(vault.seal(w.bytes, "contact/\(contact.account)")), .integer(contact.verified ? 1 : 0), .integer(contact.changed ? 1 : 0)])
    }
}

extension Profile {
    /// Every contact this device knows (few: the people it has exchanged messages with).
    public func contacts() -> [Contact] {
        let accounts = (try? readAll("SELECT account FROM contacts", []) { UInt64($0.int64(0)) }) ?? []
        return accounts.compactMap(contact)
    }

    /// Marks the contact's current identity as checked by the person (safety numbers compared).
    public func markVerified(_ account: UInt64) throws(Failure) {
        guard var contact = contact(account) else { return }
        contact.verified = true
        contact.changed = false
        try saveContact(contact)
    }
}
