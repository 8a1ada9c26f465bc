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
    ]
}
