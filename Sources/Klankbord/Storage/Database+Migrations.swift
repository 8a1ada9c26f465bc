import CSQLite

extension Database {
    /// Applies the migrations not yet recorded, in list order, each in its own immediate transaction.
    ///
    /// Applied names are recorded in `schema_migrations(name, applied_at)`, so running the same
    /// list again does nothing. Throws `migrationFailed` (and changes nothing further) when a
    /// migration fails — its own changes are rolled back — when the list names a migration twice
    /// (`SQLITE_MISUSE`), or when the database records a migration the list lacks, meaning its
    /// schema is newer than this binary (`SQLITE_SCHEMA`).
    public func migrate(_ migrations: [Migration]) throws(StorageError) {
        var known = Set<String>()
        for migration in migrations where !known.insert(migration.name).inserted {
            throw .migrationFailed(name: migration.name, code: SQLITE_MISUSE)
        }
        // Created only when missing, so an up-to-date read-only database passes without writing.
        let ledger = "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'"
        let hasLedger = try readOne(ledger) { _ in true } ?? false
        if !hasLedger {
            try execute("CREATE TABLE schema_migrations(name TEXT PRIMARY KEY, applied_at INTEGER)")
        }
        let applied = try appliedMigrationNames()
        if let unknown = applied.sorted().first(where: { !known.contains($0) }) {
            throw .migrationFailed(name: unknown, code: SQLITE_SCHEMA)
        }
        for migration in migrations where !applied.contains(migration.name) {
            try apply(migration)
        }
    }

    /// The names recorded in `schema_migrations`.
    package func appliedMigrationNames() throws(StorageError) -> Set<String> {
        Set(try readAll("SELECT name FROM schema_migrations") { $0.text(0) })
    }

    private func apply(_ migration: Migration) throws(StorageError) {
        do {
            if migration.outsideTransaction { try execute(migration.sql) }
            try transaction {
                // Another process may have applied it since the names were read.
                let done = try readOne("SELECT 1 FROM schema_migrations WHERE name = ?", [.text(migration.name)]) { _ in true }
                guard done == nil else { return }
                if !migration.outsideTransaction { try execute(migration.sql) }
                try migration.backfill?(self)
                try run(
                    "INSERT INTO schema_migrations(name, applied_at) VALUES (?, CAST(strftime('%s', 'now') AS INTEGER))",
                    [.text(migration.name)])
            }
        } catch let error as StorageError {
            throw .migrationFailed(name: migration.name, code: error.resultCode)
        } catch {
            throw .migrationFailed(name: migration.name, code: SQLITE_ERROR)
        }
    }
}
