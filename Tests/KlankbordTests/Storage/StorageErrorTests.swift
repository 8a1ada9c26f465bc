import CSQLite
import XCTest
import Klankbord
@testable import KlankbordStorage

final class StorageErrorTests: StorageTestCase {
    func testUniqueViolationMapsToConstraintViolation() throws {
        try eachDatabase { db in
            try db.execute("CREATE TABLE t(handle TEXT UNIQUE NOT NULL)")
            try db.run("INSERT INTO t VALUES (?)", ["anna"])
            assertThrows(.constraintViolation(code: SQLiteCode.constraintUnique)) { try db.run("INSERT INTO t VALUES (?)", ["anna"]) }
            do {
                try db.run("INSERT INTO t VALUES (?)", ["anna"])
            } catch let error as StorageError {
                XCTAssertTrue(error.isUniquenessViolation)
            }
            XCTAssertFalse(StorageError.constraintViolation(code: SQLiteCode.constraintNotNull).isUniquenessViolation)
            assertThrows(.constraintViolation(code: SQLiteCode.constraintNotNull)) { try db.run("INSERT INTO t VALUES (?)", [nil]) }
        }
    }

    func testErrorsNeverContainBoundValues() throws {
        let secret = "geheim-7f3a9c"
        try eachDatabase { db in
            try db.execute("CREATE TABLE t(s TEXT PRIMARY KEY)")
            try db.run("INSERT INTO t VALUES (?)", [.text(secret)])
            do {
                try db.run("INSERT INTO t VALUES (?)", [.text(secret)])
                XCTFail("expected a constraint violation")
            } catch {
                XCTAssertFalse(String(describing: error).contains(secret))
                XCTAssertFalse(String(reflecting: error).contains(secret))
                XCTAssertFalse("\(error.localizedDescription)".contains(secret))
            }
        }
    }

    func testResultCodesMapToCases() {
        XCTAssertEqual(StorageError(code: SQLITE_BUSY, during: .step), .busy)
        XCTAssertEqual(StorageError(code: SQLITE_BUSY | (2 << 8), during: .step), .busy)
        XCTAssertEqual(StorageError(code: SQLITE_LOCKED, during: .step), .busy)
        XCTAssertEqual(StorageError(code: SQLITE_FULL, during: .step), .diskFull)
        XCTAssertEqual(StorageError(code: SQLITE_READONLY, during: .step), .readOnly)
        XCTAssertEqual(StorageError(code: SQLITE_READONLY | (4 << 8), during: .step), .readOnly)
        XCTAssertEqual(StorageError(code: SQLITE_CORRUPT, during: .step), .corrupt)
        XCTAssertEqual(StorageError(code: SQLITE_NOTADB, during: .prepare(sql: "x")), .corrupt)
        XCTAssertEqual(StorageError(code: SQLiteCode.constraintCheck, during: .step), .constraintViolation(code: SQLiteCode.constraintCheck))
        XCTAssertEqual(StorageError(code: SQLITE_IOERR | (4 << 8), during: .step), .stepFailed(code: SQLITE_IOERR | (4 << 8)))
        XCTAssertEqual(StorageError(code: SQLITE_CANTOPEN, during: .open), .openFailed(code: SQLITE_CANTOPEN))
        XCTAssertEqual(StorageError(code: SQLITE_ERROR, during: .prepare(sql: "x")), .prepareFailed(code: SQLITE_ERROR, sql: "x"))
    }

    func testResultCodeOfEachCase() {
        XCTAssertEqual(StorageError.diskFull.resultCode, SQLITE_FULL)
        XCTAssertEqual(StorageError.busy.resultCode, SQLITE_BUSY)
        XCTAssertEqual(StorageError.readOnly.resultCode, SQLITE_READONLY)
        XCTAssertEqual(StorageError.corrupt.resultCode, SQLITE_CORRUPT)
        XCTAssertEqual(StorageError.typeMismatch(column: 2).resultCode, SQLITE_MISMATCH)
        XCTAssertEqual(StorageError.migrationFailed(name: "m", code: 19).resultCode, 19)
    }

    func testLockHeldByAnotherConnectionIsBusy() throws {
        let file = path()
        let writer = try Database(.file(file))
        let other = try Database(.file(file))
        try writer.execute("CREATE TABLE t(n)")
        try other.execute("PRAGMA busy_timeout = 0")
        try writer.transaction {
            try writer.run("INSERT INTO t VALUES (1)")
            assertThrows(.busy) { try other.transaction { try other.run("INSERT INTO t VALUES (2)") } }
            XCTAssertFalse(other.isInTransaction)
        }
        XCTAssertEqual(try count(other, "t"), 1)
    }
}
