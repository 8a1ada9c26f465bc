import XCTest
import Klankbord
@testable import KlankbordStorage

/// The fault switch for commits, fsyncs and checkpoints: a failed commit fails after the writes
/// succeeded, rolls them back and throws; a read-only transaction is not affected; counts run down.
final class StorageFaultTests: StorageTestCase {
    func testAFailedCommitRollsBackWritesThatSucceeded() throws {
        try eachDatabase { db in
            try db.execute("CREATE TABLE t(n)")
            db.faults = StorageFaults(commits: 1)
            var wrote = false
            XCTAssertThrowsError(try db.transaction {
                try db.run("INSERT INTO t VALUES (1)")
                wrote = true
            }) { XCTAssertEqual($0 as? StorageError, .stepFailed(code: 10)) }
            XCTAssertTrue(wrote, "the write itself succeeded")
            XCTAssertFalse(db.isInTransaction)
            XCTAssertEqual(try self.count(db, "t"), 0, "rolled back")
            XCTAssertEqual(db.faults.commits, 0, "one fault used up")
            try db.transaction { try db.run("INSERT INTO t VALUES (2)") }
            XCTAssertEqual(try self.count(db, "t"), 1)
        }
    }

    func testAFailedFsyncIsAnIOErrorAndReadsCommitAsUsual() throws {
        try eachDatabase { db in
            try db.execute("CREATE TABLE t(n); INSERT INTO t VALUES (1);")
            db.faults = StorageFaults(fsyncs: Int.max)
            XCTAssertEqual(try db.transaction { try self.count(db, "t") }, 1, "a transaction that wrote nothing commits")
            for _ in 0..<3 {
                XCTAssertThrowsError(try db.transaction { try db.run("INSERT INTO t VALUES (2)") }) {
                    XCTAssertEqual($0 as? StorageError, .stepFailed(code: 10 | (4 << 8)))
                }
            }
            XCTAssertEqual(db.faults.fsyncs, Int.max, "a permanent fault stays")
            XCTAssertEqual(try self.count(db, "t"), 1)
        }
    }
}
