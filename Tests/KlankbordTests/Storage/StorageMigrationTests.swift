import CSQLite
import XCTest
import Klankbord
@testable import KlankbordStorage

final class StorageMigrationTests: StorageTestCase {
    private let first = Migration(name: "001-rooms", sql: "CREATE TABLE rooms(id INTEGER PRIMARY KEY, name TEXT);")
    private let second = Migration(name: "002-events", sql: """
        CREATE TABLE events(room INTEGER REFERENCES rooms(id), seq INTEGER);
        CREATE INDEX events_room ON events(room, seq);
        """)
    private let third = Migration(name: "003-seed", sql: "INSERT INTO rooms(name) VALUES ('lobby');")

    private func applied(_ db: Database) throws -> [String] {
        try db.query("SELECT name FROM schema_migrations ORDER BY rowid") { $0.text(0) }
    }

    func testMigrationsApplyInOrderOnce() throws {
        try eachDatabase { db in
            try db.migrate([first, second, third])
            XCTAssertEqual(try applied(db), ["001-rooms", "002-events", "003-seed"])
            XCTAssertEqual(try self.count(db, "rooms"), 1)
            let appliedAt = try db.queryOne("SELECT min(applied_at) FROM schema_migrations") { $0.int64(0) } ?? 0
            XCTAssertGreaterThan(appliedAt, 1_700_000_000)
        }
    }

    func testRerunningIsANoOp() throws {
        try eachDatabase { db in
            try db.migrate([first, second, third])
            try db.migrate([first, second, third])
            XCTAssertEqual(try applied(db), ["001-rooms", "002-events", "003-seed"])
            XCTAssertEqual(try self.count(db, "rooms"), 1)
        }
    }

    func testLaterMigrationsApplyOnTopOfEarlierOnes() throws {
        try eachDatabase { db in
            try db.migrate([first])
            try db.migrate([first, second, third])
            XCTAssertEqual(try applied(db), ["001-rooms", "002-events", "003-seed"])
        }
    }

    func testUnknownAppliedMigrationIsRefused() throws {
        try eachDatabase { db in
            try db.migrate([first, second])
            assertThrows(.migrationFailed(name: "002-events", code: SQLITE_SCHEMA)) { try db.migrate([first, third]) }
            XCTAssertEqual(try self.count(db, "rooms"), 0, "nothing after the refusal may run")
        }
    }

    func testFailingMigrationRollsBackAndReportsItsName() throws {
        let broken = Migration(name: "003-broken", sql: """
            CREATE TABLE partial(x);
            INSERT INTO rooms(name) VALUES ('x');
            INSERT INTO no_such_table VALUES (1);
            """)
        try eachDatabase { db in
            assertThrows(.migrationFailed(name: "003-broken", code: SQLITE_ERROR)) { try db.migrate([first, second, broken, third]) }
            XCTAssertEqual(try applied(db), ["001-rooms", "002-events"])
            XCTAssertNil(try db.queryOne("SELECT 1 FROM sqlite_schema WHERE name = 'partial'") { $0.int(0) })
            XCTAssertEqual(try self.count(db, "rooms"), 0)
            XCTAssertFalse(db.isInTransaction)
        }
    }

    func testConstraintFailureInMigrationKeepsItsCode() throws {
        let duplicate = Migration(name: "003-dup", sql: "INSERT INTO rooms(id) VALUES (1); INSERT INTO rooms(id) VALUES (1);")
        try eachDatabase { db in
            assertThrows(.migrationFailed(name: "003-dup", code: SQLiteCode.constraintPrimaryKey)) { try db.migrate([first, duplicate]) }
            XCTAssertEqual(try self.count(db, "rooms"), 0)
        }
    }

    func testDuplicateNamesAreRefused() throws {
        try eachDatabase { db in
            assertThrows(.migrationFailed(name: "001-rooms", code: SQLITE_MISUSE)) { try db.migrate([first, first]) }
        }
    }

    func testEmptyListOnFreshDatabaseCreatesOnlyTheLedger() throws {
        try eachDatabase { db in
            try db.migrate([])
            XCTAssertEqual(try applied(db), [])
        }
    }

    func testReadOnlyDatabaseThatIsUpToDateMigratesWithoutWriting() throws {
        let file = path()
        do {
            try Database(.file(file)).migrate([first])
        }
        let reader = try Database(.file(file), readOnly: true)
        try reader.migrate([first])
        assertThrows(.migrationFailed(name: "002-events", code: SQLITE_READONLY)) { try reader.migrate([first, second]) }
    }
}
