import XCTest
import Klankbord
@testable import KlankbordLocalization

final class LocalizerFormatTests: XCTestCase {
    private let en = Localizer(.en)
    private let nl = Localizer(.nl)
    private let es = Localizer(.es)

    /// A moment given in UTC, so the expected Amsterdam time is worked out by hand.
    private func utc(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int = 0) throws -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try XCTUnwrap(TimeZone(identifier: "UTC"))
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        return try XCTUnwrap(calendar.date(from: components))
    }

    // MARK: Date and time

    func testDateTimeInWinterIsCET() throws {
        let date = try utc(2027, 1, 14, 18, 0)
        XCTAssertEqual(en.dateTime(date), "Thu 14 Jan 2027, 19:00")
        XCTAssertEqual(nl.dateTime(date), "do 14 jan 2027, 19:00")
        XCTAssertEqual(es.dateTime(date), "jueves 14 ene 2027, 19:00")
        XCTAssertEqual(en.time(date), "19:00")
    }

    func testDateTimeInSummerIsCEST() throws {
        let date = try utc(2027, 7, 5, 7, 5)
        XCTAssertEqual(en.dateTime(date), "Mon 5 Jul 2027, 09:05")
        XCTAssertEqual(nl.dateTime(date), "ma 5 jul 2027, 09:05")
        XCTAssertEqual(es.dateTime(date), "lunes 5 jul 2027, 09:05")
    }

    func testDateTimeCrossesMidnightAndYearInAmsterdam() throws {
        let date = try utc(2027, 12, 31, 23, 30)
        XCTAssertEqual(en.dateTime(date), "Sat 1 Jan 2028, 00:30")
        XCTAssertEqual(nl.dateTime(date), "za 1 jan 2028, 00:30")
        XCTAssertEqual(es.dateTime(date), "sábado 1 ene 2028, 00:30")
    }

    func testSundayIsWeekdaySeven() throws {
        let date = try utc(2027, 3, 28, 12, 0)
        XCTAssertEqual(AmsterdamTime(date).weekday, 7)
        XCTAssertEqual(en.dateTime(date), "Sun 28 Mar 2027, 14:00")
        XCTAssertEqual(nl.dateTime(date), "zo 28 mrt 2027, 14:00")
        XCTAssertEqual(es.dateTime(date), "domingo 28 mar 2027, 14:00")
    }

    func testClocksGoForwardOnLastSundayOfMarch() throws {
        // 28 March 2027, 01:00 UTC: 02:00 CET becomes 03:00 CEST.
        XCTAssertEqual(en.time(try utc(2027, 3, 28, 0, 59, 59)), "01:59")
        XCTAssertEqual(en.time(try utc(2027, 3, 28, 1, 0)), "03:00")
        XCTAssertEqual(nl.dateTime(try utc(2027, 3, 28, 1, 0)), "zo 28 mrt 2027, 03:00")
        XCTAssertEqual(en.time(try utc(2027, 3, 27, 1, 0)), "02:00", "the Saturday before is still CET")
    }

    func testClocksGoBackOnLastSundayOfOctober() throws {
        // 31 October 2027, 01:00 UTC: 03:00 CEST becomes 02:00 CET, so 02:xx happens twice.
        XCTAssertEqual(en.time(try utc(2027, 10, 31, 0, 30)), "02:30")
        XCTAssertEqual(en.time(try utc(2027, 10, 31, 0, 59, 59)), "02:59")
        XCTAssertEqual(en.time(try utc(2027, 10, 31, 1, 0)), "02:00")
        XCTAssertEqual(en.time(try utc(2027, 10, 31, 1, 30)), "02:30")
        XCTAssertEqual(es.dateTime(try utc(2027, 10, 31, 2, 0)), "domingo 31 oct 2027, 03:00")
    }

    func testEURuleFallbackAgreesWithTheTimeZoneDatabase() throws {
        let zone = try XCTUnwrap(AmsterdamTime.zone, "tzdata should know Europe/Amsterdam")
        for year in 2000...2040 {
            for month in [1, 3, 7, 10] {
                for day in 1...31 where month == 3 || month == 10 || day == 15 {
                    for hour in [0, 1, 2] {
                        let date = try utc(year, month, day, hour, 30)
                        XCTAssertEqual(
                            AmsterdamTime.euRuleZone(at: date).secondsFromGMT(for: date),
                            zone.secondsFromGMT(for: date),
                            "\(year)-\(month)-\(day) \(hour):30 UTC"
                        )
                    }
                }
            }
        }
    }

    // MARK: Money

    func testMoneyInEachLanguage() {
        let cases: [(Int64, String, String)] = [
            (2500, "€25.00", "€ 25,00"),
            (-2500, "-€25.00", "€ -25,00"),
            (125_000, "€1,250.00", "€ 1.250,00"),
            (0, "€0.00", "€ 0,00"),
            (5, "€0.05", "€ 0,05"),
            (-5, "-€0.05", "€ -0,05"),
            (99_999, "€999.99", "€ 999,99"),
            (100_000, "€1,000.00", "€ 1.000,00"),
            (123_456_789, "€1,234,567.89", "€ 1.234.567,89"),
            (Int64.max, "€92,233,720,368,547,758.07", "€ 92.233.720.368.547.758,07"),
            (Int64.min, "-€92,233,720,368,547,758.08", "€ -92.233.720.368.547.758,08"),
        ]
        for (cents, english, continental) in cases {
            XCTAssertEqual(en.money(cents: cents), english)
            XCTAssertEqual(nl.money(cents: cents), continental)
            XCTAssertEqual(es.money(cents: cents), continental)
        }
    }

    // MARK: Plural

    func testPluralInEachLanguage() {
        XCTAssertEqual(en.plural("unread.summary", count: 1), "1 new message")
        XCTAssertEqual(en.plural("unread.summary", count: 0), "0 new messages")
        XCTAssertEqual(en.plural("unread.summary", count: 2), "2 new messages")
        XCTAssertEqual(nl.plural("unread.summary", count: 1), "1 nieuw bericht")
        XCTAssertEqual(nl.plural("unread.summary", count: 12), "12 nieuwe berichten")
        XCTAssertEqual(es.plural("unread.summary", count: 1), "1 mensaje nuevo")
        XCTAssertEqual(es.plural("unread.summary", count: 0), "0 mensajes nuevos")
    }

    func testPluralRules() {
        for language in Language.allCases {
            let rule = PluralRule.rule(for: language)
            XCTAssertEqual(rule(1), .one)
            XCTAssertEqual(rule(-1), .one)
            XCTAssertEqual(rule(0), .other)
            XCTAssertEqual(rule(2), .other)
            XCTAssertEqual(rule(21), .other)
            XCTAssertEqual(rule(Int.min), .other)
        }
    }
}
