import XCTest
import Klankbord
@testable import KlankbordStorage

final class StorageSQLValueTests: StorageTestCase {
    func testEveryValueTypeRoundTrips() throws {
        let values: [SQLValue] = [
            .integer(0), .integer(Int64.max), .integer(Int64.min), .integer(-42),
            .real(3.25), .real(-0.5), .real(1e300),
            .text("hallo"), .text(""), .text("Fryslân ñ 🙂"), .text("a\u{0}b"),
            .blob([0, 1, 2, 255]), .blob([]), .blob([0]),
            .null,
        ]
        try eachDatabase { db in
            try db.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, v)")
            for value in values {
                try db.run("INSERT INTO t(v) VALUES (?)", [value])
            }
            let read = try db.query("SELECT v FROM t ORDER BY id") { $0.value(0) }
            XCTAssertEqual(read, values)
        }
    }

    func testEmptyBlobIsStoredAsBlobNotNull() throws {
        try eachDatabase { db in
            let row = try db.queryOne("SELECT typeof(?), length(?)", [.blob([]), .blob([])]) {
                ($0.text(0), $0.int(1))
            }
            XCTAssertEqual(row?.0, "blob")
            XCTAssertEqual(row?.1, 0)
            let bytes = try db.queryOne("SELECT ?", [.blob([])]) { ($0.blob(0), $0.optionalBlob(0), $0.isNull(0)) }
            XCTAssertEqual(bytes?.0, [])
            XCTAssertEqual(bytes?.1, [])
            XCTAssertEqual(bytes?.2, false)
        }
    }

    func testEmptyStringIsStoredAsTextNotNull() throws {
        try eachDatabase { db in
            let row = try db.queryOne("SELECT typeof(?), ?", [.text(""), .text("")]) { ($0.text(0), $0.optionalText(1)) }
            XCTAssertEqual(row?.0, "text")
            XCTAssertEqual(row?.1, "")
        }
    }

    func testTypedAccessorsReadWhatWasBound() throws {
        try eachDatabase { db in
            let row = try db.queryOne("SELECT ?, ?, ?, ?, ?", [SQLValue(7), SQLValue(Int64(-8)), SQLValue("t"), SQLValue([9, 10]), SQLValue(1.5)]) {
                ($0.int(0), $0.int64(1), $0.text(2), $0.blob(3), $0.double(4), $0.columnCount)
            }
            XCTAssertEqual(row?.0, 7)
            XCTAssertEqual(row?.1, -8)
            XCTAssertEqual(row?.2, "t")
            XCTAssertEqual(row?.3, [9, 10])
            XCTAssertEqual(row?.4, 1.5)
            XCTAssertEqual(row?.5, 5)
        }
    }

    func testInitializersAndLiterals() {
        XCTAssertEqual(SQLValue(5), .integer(5))
        XCTAssertEqual(SQLValue(Int64(6)), .integer(6))
        XCTAssertEqual(SQLValue("x"), .text("x"))
        XCTAssertEqual(SQLValue([1, 2] as [UInt8]), .blob([1, 2]))
        XCTAssertEqual(SQLValue(2.5), .real(2.5))
        XCTAssertEqual(SQLValue(true), .integer(1))
        XCTAssertEqual(SQLValue(Int64?.none), .null)
        XCTAssertEqual(SQLValue(String?.none), .null)
        XCTAssertEqual(SQLValue([UInt8]?.none), .null)
        XCTAssertEqual(SQLValue(Int64?.some(3)), .integer(3))
        XCTAssertEqual(SQLValue(String?.some("y")), .text("y"))
        XCTAssertEqual(SQLValue([UInt8]?.some([])), .blob([]))
        let literals: [SQLValue] = [1, 2.5, "s", false, nil]
        XCTAssertEqual(literals, [.integer(1), .real(2.5), .text("s"), .integer(0), .null])
    }
}
