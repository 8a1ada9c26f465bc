import KlankbordStorage

extension Profile {
    /// The client's tables. Columns holding message text, handles of others or key material are sealed
    /// by the vault (see `Vault`). From 003 on, rooms, history, waiting events and room keys are found by
    /// vault tags, with ids, senders, times and epochs inside the sealed values (see `Profile+SealedGraph`).
    static let schema: [Migration] = [
        Migration(name: "001-profile", sql: """
            CREATE TABLE settings(key TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID;
            CREATE TABLE secrets(name TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID;
            CREATE TABLE rooms(id INTEGER PRIMARY KEY, kind INTEGER NOT NULL, name BLOB NOT NULL, read_seq INTEGER NOT NULL DEFAULT 0);
            CREATE TABLE messages(
                room INTEGER NOT NULL, seq INTEGER NOT NULL, time INTEGER NOT NULL, sealed BLOB NOT NULL,
                PRIMARY KEY(room, seq)
            ) WITHOUT ROWID;
            CREATE TABLE one_time_prekeys(id INTEGER PRIMARY KEY, sealed BLOB NOT NULL);
            CREATE TABLE sessions(account INTEGER PRIMARY KEY, sealed BLOB NOT NULL);
            CREATE TABLE contacts(account INTEGER PRIMARY KEY, sealed BLOB NOT NULL, verified INTEGER NOT NULL DEFAULT 0, changed INTEGER NOT NULL DEFAULT 0);
            CREATE TABLE my_chains(room INTEGER PRIMARY KEY, epoch INTEGER NOT NULL, sealed BLOB NOT NULL, sent_to BLOB NOT NULL);
            CREATE TABLE receivers(room INTEGER NOT NULL, sender INTEGER NOT NULL, epoch INTEGER NOT NULL, sealed BLOB NOT NULL,
                PRIMARY KEY(room, sender, epoch)) WITHOUT ROWID;
            CREATE TABLE pending(room INTEGER NOT NULL, seq INTEGER NOT NULL, sender INTEGER NOT NULL, time INTEGER NOT NULL, sealed BLOB NOT NULL,
                PRIMARY KEY(room, seq)) WITHOUT ROWID;
            """),
        identityPinsMigration,
        sealedGraphMigration,
        // Held membership and role logs (docs/TRUST.md), one sealed row per log, found by a vault tag.
        Migration(name: "004-logs", sql: """
            CREATE TABLE logs(tag BLOB PRIMARY KEY, sealed BLOB NOT NULL) WITHOUT ROWID;
            """),
        featureEventsMigration,
        featureKindsMigration,
    ]

    /// Runs a statement, mapping any storage failure to `.unusable`.
    func write(_ sql: String, _ values: [SQLValue]) throws(Failure) {
        do {
            try database.run(sql, values)
        } catch {
            throw .unusable
        }
    }

    /// The first row of a query, mapping any storage failure to `.unusable`.
    func readOne<T>(_ sql: String, _ values: [SQLValue], _ row: (Row) -> T) throws(Failure) -> T? {
        do {
            return try database.queryOne(sql, values, row)
        } catch {
            throw .unusable
        }
    }

    /// All rows of a query, mapping any storage failure to `.unusable`.
    func readAll<T>(_ sql: String, _ values: [SQLValue], _ row: (Row) -> T) throws(Failure) -> [T] {
        do {
            return try database.query(sql, values, row)
        } catch {
            throw .unusable
        }
    }

    /// A named secret (sealed).
    func secret(_ name: String) throws(Failure) -> [UInt8]? {
        guard let box = try readOne("SELECT value FROM secrets WHERE name = ?", [.text(name)], { $0.blob(0) }) else { return nil }
        return try vault.open(box, "secret/" + name)
    }

    func setSecret(_ name: String, _ value: [UInt8]) throws(Failure) {
        try write("INSERT INTO secrets(name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value",
                  [.text(name), .blob(vault.seal(value, "secret/" + name))])
    }
}
