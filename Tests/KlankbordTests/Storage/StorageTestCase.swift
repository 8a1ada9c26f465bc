import Foundation
import XCTest
import Klankbord
@testable import KlankbordStorage

/// Base for storage tests: a fresh temporary directory per test, and `eachDatabase` to run one
/// test body against an in-memory and an on-disk database.
class StorageTestCase: XCTestCase {
    private(set) var directory = URL(fileURLWithPath: "/nonexistent")

    override func setUpWithError() throws {
        try super.setUpWithError()
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("klankbord-storage-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try FileManager.default.removeItem(at: directory)
        try super.tearDownWithError()
    }

    /// A path inside this test's directory.
    func path(_ name: String = "test.sqlite") -> String {
        directory.appendingPathComponent(name).path
    }

    /// Runs `body` once with an in-memory database and once with a fresh file database.
    func eachDatabase(
        file: StaticString = #filePath, line: UInt = #line,
        _ body: (Database) throws -> Void
    ) throws {
        let locations: [(String, Database.Location)] = [
            ("memory", .memory),
            ("file", .file(path("each-\(UUID().uuidString).sqlite"))),
        ]
        for (label, location) in locations {
            let database = try Database(location)
            do {
                try body(database)
            } catch {
                XCTFail("\(label) database: \(error)", file: file, line: line)
            }
        }
    }

    /// Asserts that `body` throws exactly `expected`.
    func assertThrows(
        _ expected: StorageError, file: StaticString = #filePath, line: UInt = #line,
        _ body: () throws -> Void
    ) {
        do {
            try body()
            XCTFail("expected \(expected), nothing was thrown", file: file, line: line)
        } catch let error as StorageError {
            XCTAssertEqual(error, expected, file: file, line: line)
        } catch {
            XCTFail("expected \(expected), got \(error)", file: file, line: line)
        }
    }

    /// The number of rows in `table`.
    func count(_ database: Database, _ table: String) throws -> Int {
        try database.queryOne("SELECT count(*) FROM \(table)") { $0.int(0) } ?? -1
    }
}
