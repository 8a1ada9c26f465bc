import KlankbordCrypto
import KlankbordProtocol

/// The server's tables. Migrations are append-only: never edit one that has shipped.
/// Identifiers are AUTOINCREMENT so that an id is never reused: a device that missed a deletion must not
/// mix an old room or account with a new one.
///
/// What each column is for, and why nothing else is kept, is listed in docs/SECURITY.md.
public enum ServerSchema {
    public static let migrations: [Migration] = [
        Migration(name: "001-core", sql: """
            CREATE TABLE accounts(
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                handle TEXT NOT NULL,
                handle_key TEXT NOT NULL UNIQUE,
                role INTEGER NOT NULL,
                device_key BLOB NOT NULL UNIQUE
            );
            CREATE TABLE rooms(
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                kind INTEGER NOT NULL,
                name TEXT NOT NULL,
                last_seq INTEGER NOT NULL DEFAULT 0,
                direct_pair TEXT UNIQUE
            );
            CREATE TABLE members(
                room_id INTEGER NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
                account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                joined_seq INTEGER NOT NULL,
                PRIMARY KEY(room_id, account_id)
            ) WITHOUT ROWID;
            CREATE INDEX members_by_account ON members(account_id, room_id);
            CREATE TABLE invites(
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                secret_hash BLOB NOT NULL UNIQUE,
                role INTEGER NOT NULL,
                room_id INTEGER REFERENCES rooms(id) ON DELETE CASCADE,
                uses_total INTEGER NOT NULL,
                uses_left INTEGER NOT NULL,
                created_at INTEGER NOT NULL,
                expires_at INTEGER NOT NULL,
                revoked INTEGER NOT NULL DEFAULT 0
            );
            CREATE TABLE contact_codes(
                secret_hash BLOB PRIMARY KEY,
                account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                expires_at INTEGER NOT NULL
            ) WITHOUT ROWID;
            CREATE TABLE events(
                room_id INTEGER NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
                seq INTEGER NOT NULL,
                sender_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                time INTEGER NOT NULL,
                client_id BLOB NOT NULL,
                payload BLOB NOT NULL,
                PRIMARY KEY(room_id, seq)
            ) WITHOUT ROWID;
            CREATE UNIQUE INDEX events_by_client_id ON events(room_id, sender_id, client_id);
            CREATE INDEX events_by_sender ON events(sender_id);
            CREATE TABLE inbox(
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                sender_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                time INTEGER NOT NULL,
                payload BLOB NOT NULL
            );
            CREATE INDEX inbox_by_account ON inbox(account_id, id);
            CREATE INDEX inbox_by_sender ON inbox(sender_id);
            """),
        Migration(name: "002-prekeys", sql: """
            CREATE TABLE identities(
                account_id INTEGER PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
                bundle BLOB NOT NULL,
                signed_prekey BLOB NOT NULL
            );
            CREATE TABLE one_time_prekeys(
                account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                key_id INTEGER NOT NULL,
                public BLOB NOT NULL,
                PRIMARY KEY(account_id, key_id)
            ) WITHOUT ROWID;
            """),
        // The look of each handle (`Handle.skeleton`), so that a new handle that can be mistaken for an existing one
        // is refused (`handle_taken`). Where existing handles already look alike, the oldest keeps the skeleton and
        // the later ones keep NULL (a UNIQUE index allows many), so the migration never fails on old data.
        Migration(name: "003-handle-skeleton", sql: """
            ALTER TABLE accounts ADD COLUMN handle_skeleton TEXT;
            CREATE UNIQUE INDEX accounts_by_skeleton ON accounts(handle_skeleton);
            """, backfill: ServerSchema.fillHandleSkeletons),
        // Every redeem of a valid invite spends an attempt, whatever its outcome (see Relay+RedeemAttempts).
        Migration(name: "004-redeem-attempts", sql: """
            CREATE TABLE invite_attempts(
                invite_id INTEGER PRIMARY KEY REFERENCES invites(id) ON DELETE CASCADE,
                spent INTEGER NOT NULL
            );
            """),
        // One-time prekeys one account took of another today (see Relay+Prekeys).
        Migration(name: "004-prekey-draws", sql: """
            CREATE TABLE prekey_draws(
                requester_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                target_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                day INTEGER NOT NULL,
                taken INTEGER NOT NULL,
                PRIMARY KEY(requester_id, target_id)
            ) WITHOUT ROWID;
            CREATE INDEX prekey_draws_by_target ON prekey_draws(target_id);
            """),
        // Who made each invite, so `redeem` can name the inviter and the joining client can check the
        // commitment in the code. NULL for the daemon's operator invites, and after the inviter is deleted.
        Migration(name: "005-invite-inviter", sql: """
            ALTER TABLE invites ADD COLUMN created_by INTEGER REFERENCES accounts(id) ON DELETE SET NULL;
            """),
        // Signed membership and role logs (docs/TRUST.md): opaque entries, the roster in scope 0, a room's in its id,
        // with the account that appended each (so one member cannot fill a log; not a foreign key: entries outlive accounts).
        // Never retention-deleted; a room's log goes with the room. A removal bans re-entry through the room's
        // invites made before it (every invite id up to `through_invite`).
        Migration(name: "006-logs", sql: """
            CREATE TABLE log_entries(
                scope INTEGER NOT NULL,
                idx INTEGER NOT NULL,
                writer INTEGER NOT NULL,
                entry BLOB NOT NULL,
                PRIMARY KEY(scope, idx)
            ) WITHOUT ROWID;
            CREATE INDEX log_entries_by_writer ON log_entries(scope, writer);
            CREATE TRIGGER log_entries_follow_rooms AFTER DELETE ON rooms BEGIN
                DELETE FROM log_entries WHERE scope = OLD.id;
            END;
            ALTER TABLE invites ADD COLUMN welcome BLOB;
            CREATE TABLE room_bans(
                room_id INTEGER NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
                account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                through_invite INTEGER NOT NULL,
                PRIMARY KEY(room_id, account_id)
            ) WITHOUT ROWID;
            """),
        // Safety rules a facilitator sets per group room (issue 24), enforced on send: seconds between one member's
        // messages, only facilitators post, seconds after which events are deleted. `last_sent` is kept only in
        // slow-mode rooms (the events table holds the same times anyway).
        Migration(name: "007-room-rules", sql: """
            ALTER TABLE rooms ADD COLUMN slow_seconds INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE rooms ADD COLUMN announce_only INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE rooms ADD COLUMN disappear_seconds INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE members ADD COLUMN last_sent INTEGER NOT NULL DEFAULT 0;
            """),
        // The restore generation (issue 23): random bytes made here, replaced by every `klankbordd restore`, so
        // a client notices that the server went back to a backup (docs/PROTOCOL.md, `serverInfo`). `restore_seq`
        // is each room's last seq when the last restore put the database back: clients re-read after it.
        Migration(name: "008-restore-generation", sql: """
            CREATE TABLE restore_generation(
                only INTEGER PRIMARY KEY CHECK (only = 1),
                value BLOB NOT NULL
            );
            ALTER TABLE rooms ADD COLUMN restore_seq INTEGER NOT NULL DEFAULT 0;
            """, backfill: ServerSchema.renewGeneration),
        // Freed pages go back to the disk in small steps (`Relay.vacuumStep`) instead of staying in the file. Switching
        // an existing database needs one full VACUUM: it rewrites the whole file once (5.2 s for 466 MB measured, with
        // as much free disk as the file takes, while the daemon starts). VACUUM cannot run in a transaction; both
        // statements are safe to run again.
        Migration(name: "009-incremental-vacuum", sql: """
            PRAGMA auto_vacuum = INCREMENTAL;
            VACUUM;
            """, outsideTransaction: true),
        // A group room a facilitator asked to keep (`roomKeep`, the ledger room): the retention sweep passes it by.
        Migration(name: "010-room-keep-events", sql: """
            ALTER TABLE rooms ADD COLUMN keep_events INTEGER NOT NULL DEFAULT 0;
            """),
    ]

    /// Gives the database a new random restore generation (the migration's backfill).
    public static func renewGeneration(_ database: Database) throws(StorageError) {
        try database.run("INSERT INTO restore_generation(only, value) VALUES (1, ?) ON CONFLICT(only) DO UPDATE SET value = excluded.value",
                         [.blob(Random.bytes(ServerInfo.generationLength))])
    }

    /// What `klankbordd restore` does to the copy it puts back: a new generation, and every room's cut at its last seq.
    public static func markRestored(_ database: Database) throws {
        try database.transaction {
            try renewGeneration(database)
            try database.run("UPDATE rooms SET restore_seq = last_seq")
        }
    }

    /// The database's restore generation.
    public static func generation(_ database: Database) throws(StorageError) -> [UInt8] {
        guard let value = try database.readOne("SELECT value FROM restore_generation WHERE only = 1", [], { $0.blob(0) }),
              value.count == ServerInfo.generationLength else { throw .corrupt }
        return value
    }

    /// Sets `handle_skeleton` for every account, oldest first, leaving NULL where an older handle has the same look.
    static func fillHandleSkeletons(_ database: Database) throws {
        let accounts = try database.query("SELECT id, handle FROM accounts ORDER BY id") { ($0.int64(0), $0.text(1)) }
        var seen = Set<String>()
        for (id, handle) in accounts {
            let skeleton = Handle.skeleton(of: handle)
            guard seen.insert(skeleton).inserted else { continue }
            try database.run("UPDATE accounts SET handle_skeleton = ? WHERE id = ?", [.text(skeleton), .integer(id)])
        }
    }
}
