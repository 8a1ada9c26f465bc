import XCTest
import Klankbord
@testable import KlankbordStorage

final class StorageTransactionTests: StorageTestCase {
    private struct Abort: Error, Equatable {}

    func testTransactionCommitsAndReturnsBodyValue() throws {
        try eachDatabase { db in
            try db.execute("CREATE TABLE t(n)")
            let value = try db.transaction { () throws -> Int in
                try db.run("INSERT INTO t VALUES (1)")
                XCTAssertTrue(db.isInTransaction)
                return 42
            }
            XCTAssertEqual(value, 42)
            XCTAssertFalse(db.isInTransaction)
            XCTAssertEqual(try self.count(db, "t"), 1)
        }
    }

    func testTransactionRollsBackOnThrowAndRethrowsBodyError() throws {
        try eachDatabase { db in
            try db.execute("CREATE TABLE t(n)")
            XCTAssertThrowsError(try db.transaction {
                try db.run("INSERT INTO t VALUES (1)")
                throw Abort()
            }) { XCTAssertEqual($0 as? Abort, Abort()) }
            XCTAssertFalse(db.isInTransaction)
            XCTAssertEqual(try self.count(db, "t"), 0)
        }
    }

    func testDeferredTransactionCommits() throws {
        try eachDatabase { db in
            try db.execute("CREATE TABLE t(n)")
            try db.transaction(immediate: false) { try db.run("INSERT INTO t VALUES (1)") }
            XCTAssertEqual(try self.count(db, "t"), 1)
        }
    }

    func testStorageErrorInsideTransactionRollsBack() throws {
        try eachDatabase { db in
            try db.execute("CREATE TABLE t(n UNIQUE)")
            assertThrows(.constraintViolation(code: SQLiteCode.constraintUnique)) {
                try db.transaction {
                    try db.run("INSERT INTO t VALUES (1)")
                    try db.run("INSERT INTO t VALUES (1)")
                }
            }
            XCTAssertEqual(try self.count(db, "t"), 0)
        }
    }

    func testNestedSavepointRollbackKeepsOuterWork() throws {
        try eachDatabase { db in
            try db.execute("CREATE TABLE t(n)")
            try db.transaction {
                try db.run("INSERT INTO t VALUES (1)")
                XCTAssertThrowsError(try db.savepoint {
                    try db.run("INSERT INTO t VALUES (2)")
                    try db.savepoint { try db.run("INSERT INTO t VALUES (3)") }
                    throw Abort()
                })
                try db.savepoint { try db.run("INSERT INTO t VALUES (4)") }
            }
            XCTAssertEqual(try db.query("SELECT n FROM t ORDER BY n") { $0.int(0) }, [1, 4])
        }
    }

    func testInnerSavepointRollbackKeepsMiddleWork() throws {
        try eachDatabase { db in
            try db.execute("CREATE TABLE t(n)")
            try db.savepoint {
                try db.run("INSERT INTO t VALUES (1)")
                _ = try? db.savepoint {
                    try db.run("INSERT INTO t VALUES (2)")
                    throw Abort()
                }
                try db.run("INSERT INTO t VALUES (3)")
            }
            XCTAssertFalse(db.isInTransaction)
            XCTAssertEqual(try db.query("SELECT n FROM t ORDER BY n") { $0.int(0) }, [1, 3])
        }
    }

    func testSavepointOutsideTransactionRollsBackOnThrow() throws {
        try eachDatabase { db in
            try db.execute("CREATE TABLE t(n)")
            XCTAssertThrowsError(try db.savepoint { try db.run("INSERT INTO t VALUES (1)"); throw Abort() })
            XCTAssertFalse(db.isInTransaction)
            XCTAssertEqual(try self.count(db, "t"), 0)
        }
    }

    func testTransactionsDoNotNest() throws {
        try eachDatabase { db in
            XCTAssertThrowsError(try db.transaction { try db.transaction {} })
            XCTAssertFalse(db.isInTransaction)
        }
    }
}
