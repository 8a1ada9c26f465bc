import KlankbordLocalization

/// A calendar date in Europe/Amsterdam, worked out from UTC seconds with integer arithmetic only.
///
/// The ledger must not touch floating point (Foundation's date type counts seconds in a floating-point number), so this
/// applies the EU summer-time rule (in force since 1996) itself: CEST (UTC+2) from the last Sunday of March
/// 01:00 UTC until the last Sunday of October 01:00 UTC, CET (UTC+1) otherwise. `LedgerDateTests` checks it
/// against the time-zone database.
public struct LedgerDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The year, such as 2027.
    public let year: Int
    /// The month, 1 to 12.
    public let month: Int
    /// The day of the month, 1 to 31.
    public let day: Int

    /// A date from its parts (not checked).
    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The Amsterdam calendar date of `seconds` since 1970 UTC.
    public init(amsterdam seconds: Int64) {
        let utcYear = Self.civil(fromDays: Self.floorDivide(seconds, 86_400)).year
        let summerStart = Self.lastSunday(month: 3, year: utcYear) * 86_400 + 3_600
        let summerEnd = Self.lastSunday(month: 10, year: utcYear) * 86_400 + 3_600
        let offset: Int64 = seconds >= summerStart && seconds < summerEnd ? 7_200 : 3_600
        self = Self.civil(fromDays: Self.floorDivide(seconds + offset, 86_400))
    }

    /// The quarter of the year, 1 to 4.
    public var quarter: Int { (month - 1) / 3 + 1 }

    /// ISO 8601, "2027-03-15": the form exports use.
    public var description: String {
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        return "\(year)-\(two(month))-\(two(day))"
    }

    /// Earlier dates first.
    public static func < (lhs: LedgerDate, rhs: LedgerDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return value % divisor < 0 ? quotient - 1 : quotient
    }

    /// Days since 1970-01-01 of a civil date.
    static func days(year: Int, month: Int, day: Int) -> Int64 {
        CivilCalendar.days(year: year, month: month, day: day)
    }

    /// The civil date of a day count since 1970-01-01 (the inverse of `days`).
    static func civil(fromDays count: Int64) -> LedgerDate {
        let (year, month, day) = CivilCalendar.date(fromDays: count)
        return LedgerDate(year: year, month: month, day: day)
    }

    /// The day count of the last Sunday of `month` in `year`.
    private static func lastSunday(month: Int, year: Int) -> Int64 {
        let lastDay = days(year: month == 12 ? year + 1 : year, month: month % 12 + 1, day: 1) - 1
        // 1970-01-01 was a Thursday: (days + 4) mod 7 is 0 on a Sunday.
        let weekday = ((lastDay + 4) % 7 + 7) % 7
        return lastDay - weekday
    }
}
