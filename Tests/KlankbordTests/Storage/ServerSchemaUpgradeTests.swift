import CSQLite
import XCTest
import Klankbord
@testable import KlankbordConfig
@testable import KlankbordServer
@testable import KlankbordStorage

/// Upgrades: a database made by any earlier version (every prefix of `ServerSchema.migrations`, with
/// rows in it) comes up to date when the daemon opens it, and keeps its rows. The list is read from
/// `ServerSchema.migrations`, so each new migration is tested from every older schema without editing this file.
final class ServerSchemaUpgradeTests: StorageTestCase {
    /// Rows in the tables every schema since 001 has: two accounts, a room with both in it, an event,
    /// an invite, a contact code and a waiting key message; and an identity once 002 made its table.
    private func seed(_ db: Database) throws {
        try db.run("INSERT INTO accounts(id, handle, handle_key, role, device_key) VALUES (1, 'anna', 'anna', 0, x'01'), (2, 'fien', 'fien', 2, x'02')")
        try db.run("INSERT INTO rooms(id, kind, name, last_seq) VALUES (1, 0, 'Peers', 1)")
        try db.run("INSERT INTO members(room_id, account_id, joined_seq) VALUES (1, 1, 0), (1, 2, 0)")
        try db.run("INSERT INTO events(room_id, seq, sender_id, time, client_id, payload) VALUES (1, 1, 1, 1700000000, x'0a', x'cafe')")
        try db.run("INSERT INTO invites(secret_hash, role, room_id, uses_total, uses_left, created_at, expires_at) VALUES (x'aa', 0, 1, 3, 2, 1700000000, 4000000000)")
        try db.run("INSERT INTO contact_codes(secret_hash, account_id, expires_at) VALUES (x'bb', 2, 4000000000)")
        try db.run("INSERT INTO inbox(account_id, sender_id, time, payload) VALUES (1, 2, 1700000000, x'beef')")
        let hasIdentities = try db.queryOne("SELECT 1 FROM sqlite_schema WHERE name = 'identities'") { _ in true } ?? false
        if hasIdentities {
            try db.run("INSERT INTO identities(account_id, bundle, signed_prekey) VALUES (1, x'b1', x'5b')")
        }
    }

    /// Table and column names, which every path to the newest schema must end with.
    private func shape(_ db: Database) throws -> [String] {
        let tables = try db.query("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name") { $0.text(0) }
        return try tables.flatMap { table in
            try db.query("SELECT name FROM pragma_table_info(?) ORDER BY name", [.text(table)]) { "\(table).\($0.text(0))" }
        }
    }

    func testEveryEarlierSchemaWithRowsUpgradesToTheNewestAndKeepsItsRows() throws {
        let all = ServerSchema.migrations
        XCTAssertGreaterThanOrEqual(all.count, 2)
        let fresh = try Database(.file(path("fresh.sqlite")))
        try fresh.migrate(all)
        let newest = try shape(fresh)
        for length in 1..<all.count {
            let older = Array(all.prefix(length))
            let file = path("from-\(length).sqlite")
            do {
                let db = try Database(.file(file))
                try db.migrate(older)
                try seed(db)
            }
            // Opened again as the daemon does: the Relay brings the schema up to date.
            let db = try Database(.file(file))
            XCTAssertNoThrow(try Relay(database: db, config: Config(), clock: { 1_700_000_100 }),
                             "upgrading from \(older.last?.name ?? "") failed")
            let applied = try db.query("SELECT name FROM schema_migrations ORDER BY rowid") { $0.text(0) }
            XCTAssertEqual(applied, all.map(\.name), "from \(older.last?.name ?? "")")
            XCTAssertTrue(try db.integrityCheck())
            XCTAssertEqual(try db.query("PRAGMA foreign_key_check") { $0.text(0) }, [], "from \(older.last?.name ?? "")")
            XCTAssertEqual(try shape(db), newest, "from \(older.last?.name ?? "")")
            // 009-incremental-vacuum switched the existing file (the full VACUUM it needs ran outside a transaction).
            XCTAssertEqual(try db.queryOne("PRAGMA auto_vacuum") { $0.int64(0) }, 2, "auto_vacuum INCREMENTAL after upgrading from \(older.last?.name ?? "")")
            XCTAssertEqual(try db.queryOne("SELECT count(*) FROM restore_generation") { $0.int64(0) }, 1, "one restore generation")
            let payload = try db.queryOne("SELECT payload FROM events WHERE room_id = 1 AND seq = 1") { $0.blob(0) }
            XCTAssertEqual(payload, [0xca, 0xfe], "the stored message is lost after upgrading from \(older.last?.name ?? "")")
            for (table, rows) in [("accounts", 2), ("members", 2), ("invites", 1), ("contact_codes", 1), ("inbox", 1)] {
                XCTAssertEqual(try db.queryOne("SELECT count(*) FROM \(table)") { $0.int64(0) }, Int64(rows), "\(table) after upgrading from \(older.last?.name ?? "")")
            }
        }
    }

    func testADatabaseFromANewerVersionIsRecognisedAsSuch() throws {
        let db = try Database(.file(path()))
        try db.migrate(ServerSchema.migrations)
        try db.run("INSERT INTO schema_migrations(name, applied_at) VALUES ('999-from-the-future', 0)")
        XCTAssertThrowsError(try db.migrate(ServerSchema.migrations)) { error in
            XCTAssertTrue((error as? StorageError)?.meansNewerSchema ?? false, "\(error)")
        }
        XCTAssertFalse(StorageError.migrationFailed(name: "003-x", code: SQLITE_CONSTRAINT).meansNewerSchema)
    }
}
