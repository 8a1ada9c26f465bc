import Klankbord
@testable import KlankbordCommands
import XCTest

final class JSONTextTests: XCTestCase {
    /// A hostile server can send any u64 as an id or sequence number: `--json` writes it exactly instead of trapping.
    func testIdsPastInt64AreWrittenExactly() {
        XCTAssertEqual(JSONText.object([("id", .unsigned(UInt64.max)), ("seq", .unsigned(1 << 63))]),
                       "{\"id\":18446744073709551615,\"seq\":9223372036854775808}")
    }
}
