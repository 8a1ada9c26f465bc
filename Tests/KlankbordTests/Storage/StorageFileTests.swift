import CSQLite
import Foundation
import XCTest
import Klankbord
@testable import KlankbordStorage

final class StorageFileTests: StorageTestCase {
    func testFileDatabaseUsesWALAndChosenDurability() throws {
        let full = try Database(.file(path("full.sqlite")))
        XCTAssertEqual(try full.queryOne("PRAGMA journal_mode") { $0.text(0) }, "wal")
        XCTAssertEqual(try full.queryOne("PRAGMA synchronous") { $0.int(0) }, 2)
        let normal = try Database(.file(path("normal.sqlite")), durability: .normal)
        XCTAssertEqual(try normal.queryOne("PRAGMA synchronous") { $0.int(0) }, 1)
        XCTAssertEqual(try normal.queryOne("PRAGMA busy_timeout") { $0.int(0) }, 5000)
    }

    func testDataSurvivesReopen() throws {
        let file = path()
        do {
            let db = try Database(.file(file))
            try db.execute("CREATE TABLE t(b BLOB)")
            try db.run("INSERT INTO t VALUES (?)", [.blob([1, 2, 3])])
        }
        let reopened = try Database(.file(file))
        XCTAssertEqual(try reopened.query("SELECT b FROM t") { $0.blob(0) }, [[1, 2, 3]])
        XCTAssertEqual(try reopened.queryOne("PRAGMA journal_mode") { $0.text(0) }, "wal")
    }

    func testFilesAreCreatedPrivate() throws {
        let file = path()
        let db = try Database(.file(file))
        try db.execute("CREATE TABLE t(n); INSERT INTO t VALUES (1);")
        for name in [file, file + "-wal", file + "-shm"] {
            let attributes = try FileManager.default.attributesOfItem(atPath: name)
            XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600, name)
        }
    }

    func testReadOnlyFileDatabaseReadsButRefusesWrites() throws {
        let file = path()
        do {
            let db = try Database(.file(file))
            try db.execute("CREATE TABLE t(n); INSERT INTO t VALUES (1);")
        }
        let reader = try Database(.file(file), readOnly: true)
        XCTAssertEqual(try count(reader, "t"), 1)
        assertThrows(.readOnly) { try reader.run("INSERT INTO t VALUES (2)") }
        assertThrows(.readOnly) { try reader.execute("CREATE TABLE u(n)") }
        XCTAssertEqual(try count(reader, "t"), 1)
    }

    func testReadOnlyMemoryDatabaseRefusesWrites() throws {
        let db = try Database(.memory, readOnly: true)
        assertThrows(.readOnly) { try db.execute("CREATE TABLE t(n)") }
    }

    func testOpeningInAMissingDirectoryFails() {
        assertThrows(.openFailed(code: SQLITE_CANTOPEN)) { _ = try Database(.file(path("missing/x.sqlite"))) }
        assertThrows(.openFailed(code: SQLITE_CANTOPEN)) { _ = try Database(.file(path("absent.sqlite")), readOnly: true) }
    }

    func testFileThatIsNotADatabaseIsCorrupt() throws {
        let file = path("garbage.sqlite")
        try Data(repeating: 0x41, count: 8192).write(to: URL(fileURLWithPath: file))
        assertThrows(.corrupt) { _ = try Database(.file(file)) }
        assertThrows(.corrupt) { _ = try Database(.file(file), readOnly: true) }
    }

    func testIntegrityCheckPassesOnHealthyDatabase() throws {
        try eachDatabase { db in
            try db.execute("CREATE TABLE t(n); CREATE INDEX t_n ON t(n); INSERT INTO t VALUES (1), (2);")
            XCTAssertTrue(try db.integrityCheck())
        }
    }

    func testIntegrityCheckFailsOnDamagedPages() throws {
        let file = path()
        do {
            let db = try Database(.file(file))
            try db.execute("PRAGMA journal_mode = DELETE; CREATE TABLE t(n TEXT); CREATE INDEX t_n ON t(n);")
            try db.transaction {
                for n in 0..<500 { try db.run("INSERT INTO t VALUES (?)", [.text("row \(n)")]) }
            }
            try db.execute("PRAGMA journal_mode = DELETE")
        }
        // Scribble over the middle of the file (past the header page) where the b-tree pages live.
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: file))
        let size = try handle.seekToEnd()
        try handle.seek(toOffset: size / 2)
        handle.write(Data(repeating: 0xA5, count: 4096))
        try handle.close()
        let db = try Database(.file(file), readOnly: true)
        XCTAssertFalse(try db.integrityCheck())
    }

    func testCheckpointTruncatesTheLog() throws {
        let file = path()
        let db = try Database(.file(file))
        try db.execute("CREATE TABLE t(n)")
        try db.transaction { for n in 0..<100 { try db.run("INSERT INTO t VALUES (?)", [SQLValue(n)]) } }
        let walSize = { (try FileManager.default.attributesOfItem(atPath: file + "-wal")[.size] as? NSNumber)?.intValue }
        XCTAssertGreaterThan(try walSize() ?? 0, 0)
        try db.checkpoint()
        XCTAssertEqual(try walSize(), 0)
        XCTAssertEqual(try count(db, "t"), 100)
    }

    func testCheckpointOnMemoryDatabaseIsHarmless() throws {
        let db = try Database(.memory)
        try db.checkpoint()
    }
}
