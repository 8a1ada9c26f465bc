import Foundation
import XCTest
import Klankbord
@testable import KlankbordLedger
@testable import KlankbordLocalization

/// The ledger's integer-only Amsterdam calendar agrees with the time-zone database.
final class LedgerDateTests: XCTestCase {
    func testDatesAgreeWithTheTimeZoneDatabaseAcrossClockChangesAndYears() throws {
        guard AmsterdamTime.zone != nil else { throw XCTSkip("no time-zone database") }
        var generator = SeededGenerator(seed: 20)
        // Random instants 2000...2060, plus each hour around the 2027 clock changes and new year.
        var instants = (0..<5_000).map { _ in Int64.random(in: 946_684_800...2_871_763_200, using: &generator) }
        for anchor: Int64 in [1_806_195_600, 1_824_944_400, 1_830_294_000] {
            instants += (-48...48).map { anchor + Int64($0) * 1_800 }
        }
        for seconds in instants {
            let expected = AmsterdamTime(Date(timeIntervalSince1970: TimeInterval(seconds)))
            let date = LedgerDate(amsterdam: seconds)
            XCTAssertEqual([date.year, date.month, date.day], [expected.year, expected.month, expected.day], "\(seconds)")
        }
        // 2027-12-31 23:00 UTC is new year in Amsterdam.
        XCTAssertEqual(LedgerDate(amsterdam: 1_830_294_000).description, "2028-01-01")
        XCTAssertEqual(LedgerDate(amsterdam: 1_830_294_000 - 1).description, "2027-12-31")
        XCTAssertEqual(LedgerDate(amsterdam: 1_830_294_000).quarter, 1)
        XCTAssertEqual(LedgerDate(amsterdam: 1_830_294_000 - 1).quarter, 4)
    }
}
