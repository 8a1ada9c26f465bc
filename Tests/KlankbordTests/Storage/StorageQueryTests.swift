import CSQLite
import XCTest
import Klankbord
@testable import KlankbordStorage

final class StorageQueryTests: StorageTestCase {
    private struct Stop: Error {}

    func testQueryReturnsEveryRowInOrder() throws {
        try eachDatabase { db in
            try db.execute("CREATE TABLE t(n INTEGER, s TEXT); INSERT INTO t VALUES (2, 'b'), (1, 'a'), (3, 'c');")
            let rows = try db.query("SELECT n, s FROM t WHERE n >= ? ORDER BY n", [2]) { "\($0.int(0))\($0.text(1))" }
            XCTAssertEqual(rows, ["2b", "3c"])
            XCTAssertEqual(try db.query("SELECT n FROM t WHERE n > 9") { $0.int(0) }, [])
        }
    }

    func testQueryOneReturnsFirstRowOrNil() throws {
        try eachDatabase { db in
            try db.execute("CREATE TABLE t(n INTEGER); INSERT INTO t VALUES (5), (6);")
            XCTAssertEqual(try db.queryOne("SELECT n FROM t ORDER BY n") { $0.int(0) }, 5)
            XCTAssertNil(try db.queryOne("SELECT n FROM t WHERE n = ?", [7]) { $0.int(0) })
            // The statement was reset after stopping early, so it runs again from the start.
            XCTAssertEqual(try db.queryOne("SELECT n FROM t ORDER BY n") { $0.int(0) }, 5)
        }
    }

    func testErrorFromRowClosureIsRethrownAndStatementReusable() throws {
        try eachDatabase { db in
            try db.execute("CREATE TABLE t(n INTEGER); INSERT INTO t VALUES (1), (2);")
            XCTAssertThrowsError(try db.query("SELECT n FROM t") { _ in throw Stop() }) { XCTAssertTrue($0 is Stop) }
            XCTAssertEqual(try db.query("SELECT n FROM t") { $0.int(0) }, [1, 2])
        }
    }

    func testRunReportsChangesAndLastInsertRowID() throws {
        try eachDatabase { db in
            try db.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, n INTEGER)")
            try db.run("INSERT INTO t(n) VALUES (?)", [10])
            XCTAssertEqual(db.lastInsertRowID, 1)
            try db.run("INSERT INTO t(n) VALUES (?)", [20])
            XCTAssertEqual(db.lastInsertRowID, 2)
            XCTAssertEqual(db.changes, 1)
            try db.run("UPDATE t SET n = n + 1")
            XCTAssertEqual(db.changes, 2)
        }
    }

    func testExecuteRunsAScriptWithCommentsAndEmptyStatements() throws {
        try eachDatabase { db in
            try db.execute("""
                -- schema
                CREATE TABLE a(x);;
                CREATE TABLE b(y); /* trailing comment */
                INSERT INTO a VALUES (1);
                """)
            XCTAssertEqual(try self.count(db, "a"), 1)
            XCTAssertEqual(try self.count(db, "b"), 0)
            try db.execute("")
            try db.execute("  -- nothing\n")
        }
    }

    func testPrepareFailureCarriesSQLAndNoValues() throws {
        try eachDatabase { db in
            assertThrows(.prepareFailed(code: SQLITE_ERROR, sql: "SELEC 1")) { try db.run("SELEC 1") }
            assertThrows(.prepareFailed(code: SQLITE_ERROR, sql: "SELECT * FROM missing")) {
                _ = try db.query("SELECT * FROM missing") { $0.int(0) }
            }
        }
    }

    func testRunRefusesMoreThanOneStatement() throws {
        try eachDatabase { db in
            try db.execute("CREATE TABLE t(n)")
            let sql = "INSERT INTO t VALUES (1); INSERT INTO t VALUES (2)"
            assertThrows(.prepareFailed(code: SQLITE_MISUSE, sql: sql)) { try db.run(sql) }
            try db.run("INSERT INTO t VALUES (1); -- a comment is fine")
            XCTAssertEqual(try self.count(db, "t"), 1)
        }
    }

    func testWrongNumberOfValuesIsRefused() throws {
        try eachDatabase { db in
            try db.execute("CREATE TABLE t(a, b)")
            assertThrows(.stepFailed(code: SQLITE_RANGE)) { try db.run("INSERT INTO t VALUES (?, ?)", [1]) }
            assertThrows(.stepFailed(code: SQLITE_RANGE)) { try db.run("INSERT INTO t VALUES (?, ?)", [1, 2, 3]) }
            try db.run("INSERT INTO t VALUES (?, ?)", [1, 2])
            XCTAssertEqual(try self.count(db, "t"), 1)
        }
    }

    func testStatementCacheReusesOneStatementForManyRuns() throws {
        try eachDatabase { db in
            try db.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, n INTEGER, b BLOB)")
            let before = db.cachedStatementCount
            try db.transaction {
                for n in 0..<10_000 {
                    try db.run("INSERT INTO t(n, b) VALUES (?, ?)", [SQLValue(n), SQLValue([UInt8(n & 0xff)])])
                }
            }
            // The insert plus BEGIN IMMEDIATE and COMMIT: three statements, each prepared once.
            XCTAssertEqual(db.cachedStatementCount, before + 3)
            XCTAssertEqual(try self.count(db, "t"), 10_000)
            XCTAssertEqual(try db.queryOne("SELECT sum(n) FROM t") { $0.int(0) }, 49_995_000)
        }
    }

    func testNestedQueryWithTheSameSQLGetsItsOwnStatement() throws {
        try eachDatabase { db in
            try db.execute("CREATE TABLE t(n INTEGER); INSERT INTO t VALUES (1), (2);")
            let sql = "SELECT n FROM t WHERE n >= ? ORDER BY n"
            let pairs = try db.query(sql, [1]) { outer in
                try db.query(sql, [SQLValue(outer.int(0))]) { inner in [outer.int(0), inner.int(0)] }
            }
            XCTAssertEqual(pairs, [[[1, 1], [1, 2]], [[2, 2]]])
        }
    }

    func testStatementsSurviveSchemaChanges() throws {
        try eachDatabase { db in
            try db.execute("CREATE TABLE t(a)")
            try db.run("INSERT INTO t(a) VALUES (?)", [1])
            try db.execute("ALTER TABLE t ADD COLUMN b DEFAULT 7")
            try db.run("INSERT INTO t(a) VALUES (?)", [1])
            XCTAssertEqual(try db.query("SELECT * FROM t") { $0.columnCount }, [2, 2])
            XCTAssertEqual(try db.query("SELECT b FROM t") { $0.int(0) }, [7, 7])
        }
    }

    func testForeignKeysAreEnforced() throws {
        try eachDatabase { db in
            try db.execute("CREATE TABLE p(id INTEGER PRIMARY KEY); CREATE TABLE c(p INTEGER REFERENCES p(id));")
            XCTAssertEqual(try db.queryOne("PRAGMA foreign_keys") { $0.int(0) }, 1)
            assertThrows(.constraintViolation(code: SQLiteCode.constraintForeignKey)) {
                try db.run("INSERT INTO c VALUES (?)", [99])
            }
        }
    }

    func testBoundValuesAreClearedFromCachedStatementsAfterUse() throws {
        try eachDatabase { db in
            try db.execute("CREATE TABLE t(s TEXT)")
            let sql = "INSERT INTO t VALUES (?)"
            try db.run(sql, ["geheim-b1nd"])
            let expanded = try XCTUnwrap(db.statementCache[sql]).handle
            let text = sqlite3_expanded_sql(expanded).map { pointer in
                defer { sqlite3_free(pointer) }
                return String(cString: pointer)
            }
            XCTAssertEqual(text, "INSERT INTO t VALUES (NULL)")
        }
    }
}
