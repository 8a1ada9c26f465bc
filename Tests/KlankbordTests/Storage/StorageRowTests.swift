import XCTest
import Klankbord
@testable import KlankbordStorage

final class StorageRowTests: StorageTestCase {
    func testNonOptionalAccessorsOnNullGiveSQLiteDefaults() throws {
        try eachDatabase { db in
            let row = try db.queryOne("SELECT NULL") { ($0.int64(0), $0.int(0), $0.text(0), $0.blob(0), $0.double(0)) }
            XCTAssertEqual(row?.0, 0)
            XCTAssertEqual(row?.1, 0)
            XCTAssertEqual(row?.2, "")
            XCTAssertEqual(row?.3, [])
            XCTAssertEqual(row?.4, 0)
        }
    }

    func testOptionalAccessorsOnNullGiveNil() throws {
        try eachDatabase { db in
            let row = try db.queryOne("SELECT NULL") {
                ($0.optionalInt64(0), $0.optionalText(0), $0.optionalBlob(0), $0.isNull(0), $0.value(0))
            }
            XCTAssertNil(row?.0 ?? nil)
            XCTAssertNil(row?.1 ?? nil)
            XCTAssertNil(row?.2 ?? nil)
            XCTAssertEqual(row?.3, true)
            XCTAssertEqual(row?.4, SQLValue.null)
        }
    }

    func testOptionalAccessorsOnValuesGiveValues() throws {
        try eachDatabase { db in
            let row = try db.queryOne("SELECT 0, 'x', x'00'") { ($0.optionalInt64(0), $0.optionalText(1), $0.optionalBlob(2), $0.isNull(0)) }
            XCTAssertEqual(row?.0, 0)
            XCTAssertEqual(row?.1, "x")
            XCTAssertEqual(row?.2, [0])
            XCTAssertEqual(row?.3, false)
        }
    }

    func testColumnsFromANullableTableColumn() throws {
        try eachDatabase { db in
            try db.execute("CREATE TABLE t(a INTEGER, b TEXT, c BLOB)")
            try db.run("INSERT INTO t VALUES (?, ?, ?)", [SQLValue(Int64?.none), SQLValue(String?.none), SQLValue([UInt8]?.none)])
            let row = try db.queryOne("SELECT a, b, c FROM t") { ($0.isNull(0), $0.isNull(1), $0.isNull(2)) }
            XCTAssertEqual(row?.0, true)
            XCTAssertEqual(row?.1, true)
            XCTAssertEqual(row?.2, true)
        }
    }
}
