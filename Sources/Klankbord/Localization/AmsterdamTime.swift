#if canImport(FoundationEssentials)
import FoundationEssentials
import FoundationInternationalization
#else
import Foundation
#endif

/// Wall-clock time in Europe/Amsterdam, the one time zone Klankbord shows and accepts.
///
/// The time-zone database does the work. Should it be missing, the EU summer-time rule
/// (in force since 1996) stands in, so a date is never shown in the wrong hour or not at all.
public struct AmsterdamTime: Equatable, Sendable {
    /// The year, such as 2027.
    public let year: Int
    /// The month, 1 (January) to 12.
    public let month: Int
    /// The day of the month, 1 to 31.
    public let day: Int
    /// The ISO weekday: 1 is Monday, 7 is Sunday (the numbering of the `date.weekday.N` keys).
    public let weekday: Int
    /// The hour, 0 to 23.
    public let hour: Int
    /// The minute, 0 to 59.
    public let minute: Int

    /// The Amsterdam wall-clock time of `date`.
    public init(_ date: Date) {
        self.init(date, timeZone: AmsterdamTime.zone ?? AmsterdamTime.euRuleZone(at: date))
    }

    /// The wall-clock time of `date` in `timeZone`; `init(_:)` passes Amsterdam.
    init(_ date: Date, timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .weekday, .hour, .minute], from: date)
        year = parts.year ?? 1970
        month = parts.month ?? 1
        day = parts.day ?? 1
        // Foundation counts weekdays from Sunday = 1; ISO counts from Monday = 1.
        weekday = ((parts.weekday ?? 1) + 5) % 7 + 1
        hour = parts.hour ?? 0
        minute = parts.minute ?? 0
    }

    /// The Europe/Amsterdam zone from the time-zone database, or `nil` if the database is absent.
    static let zone = TimeZone(identifier: "Europe/Amsterdam")

    /// A fixed-offset zone for `date` under the EU rule: CEST (UTC+2) from the last Sunday of
    /// March 01:00 UTC until the last Sunday of October 01:00 UTC, CET (UTC+1) otherwise.
    static func euRuleZone(at date: Date) -> TimeZone {
        let fallback = TimeZone(secondsFromGMT: 0) ?? .gmt
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = fallback
        let year = utc.component(.year, from: date)
        let summer = date >= lastSunday(of: 3, in: year, utc) && date < lastSunday(of: 10, in: year, utc)
        return TimeZone(secondsFromGMT: summer ? 7200 : 3600) ?? fallback
    }

    /// 01:00 UTC on the last Sunday of `month` in `year`: the moment EU clocks change.
    private static func lastSunday(of month: Int, in year: Int, _ utc: Calendar) -> Date {
        let firstOfNext = DateComponents(year: month == 12 ? year + 1 : year, month: month % 12 + 1, day: 1, hour: 1)
        guard let next = utc.date(from: firstOfNext) else { return .distantPast }
        // Weekday of the last day of `month` (Sunday = 1); step back to its Sunday.
        let lastDay = next.addingTimeInterval(-86_400)
        let back = utc.component(.weekday, from: lastDay) - 1
        return lastDay.addingTimeInterval(-86_400 * Double(back))
    }
}
