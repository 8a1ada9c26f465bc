import XCTest
import Klankbord
@testable import KlankbordStorage

final class StorageDiskFullTests: StorageTestCase {
    func testRunAndExecuteFailWithDiskFullAndChangeNothing() throws {
        try eachDatabase { db in
            try db.execute("CREATE TABLE t(n)")
            db.failWritesWithDiskFull = true
            assertThrows(.diskFull) { try db.run("INSERT INTO t VALUES (?)", [1]) }
            assertThrows(.diskFull) { try db.execute("INSERT INTO t VALUES (2)") }
            assertThrows(.diskFull) { try db.execute("CREATE TABLE u(n)") }
            assertThrows(.diskFull) { _ = try db.query("INSERT INTO t VALUES (3) RETURNING n") { $0.int(0) } }
            db.failWritesWithDiskFull = false
            XCTAssertEqual(try self.count(db, "t"), 0)
            try db.run("INSERT INTO t VALUES (?)", [1])
            XCTAssertEqual(try self.count(db, "t"), 1)
        }
    }

    func testReadsStillWorkWhileWritesFail() throws {
        try eachDatabase { db in
            try db.execute("CREATE TABLE t(n); INSERT INTO t VALUES (1);")
            db.failWritesWithDiskFull = true
            XCTAssertEqual(try self.count(db, "t"), 1)
            XCTAssertEqual(try db.transaction { try self.count(db, "t") }, 1)
        }
    }

    func testCommitOfATransactionThatWroteFailsAndRollsBack() throws {
        try eachDatabase { db in
            try db.execute("CREATE TABLE t(n)")
            assertThrows(.diskFull) {
                try db.transaction {
                    try db.run("INSERT INTO t VALUES (1)")
                    db.failWritesWithDiskFull = true
                }
            }
            XCTAssertFalse(db.isInTransaction)
            db.failWritesWithDiskFull = false
            XCTAssertEqual(try self.count(db, "t"), 0)
        }
    }

    func testWriteInsideTransactionFailsAndRollsBackEarlierWork() throws {
        try eachDatabase { db in
            try db.execute("CREATE TABLE t(n)")
            assertThrows(.diskFull) {
                try db.transaction {
                    try db.run("INSERT INTO t VALUES (1)")
                    db.failWritesWithDiskFull = true
                    try db.run("INSERT INTO t VALUES (2)")
                }
            }
            db.failWritesWithDiskFull = false
            XCTAssertEqual(try self.count(db, "t"), 0)
        }
    }

    func testMigrationFailingWithDiskFullReportsSQLiteFull() throws {
        try eachDatabase { db in
            try db.migrate([])
            db.failWritesWithDiskFull = true
            assertThrows(.migrationFailed(name: "001", code: 13)) { try db.migrate([Migration(name: "001", sql: "CREATE TABLE t(n)")]) }
        }
    }
}
