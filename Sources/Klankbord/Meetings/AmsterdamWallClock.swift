#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KlankbordLocalization

/// A date and time on the Amsterdam wall clock, as a person types it, turned into one UTC instant.
///
/// Around the clock changes a wall time can be skipped (last Sunday of March, 02:00–03:00) or
/// shown twice (last Sunday of October, 02:00–03:00). Guessing would put people at the door an
/// hour early or late, so both are errors the person can fix.
public struct AmsterdamWallClock: Hashable, Sendable {
    /// The year, such as 2027.
    public let year: Int
    /// The month, 1 to 12.
    public let month: Int
    /// The day of the month.
    public let day: Int
    /// The hour, 0 to 23.
    public let hour: Int
    /// The minute, 0 to 59.
    public let minute: Int

    /// A wall-clock time from its parts (checked by `instant()`).
    public init(year: Int, month: Int, day: Int, hour: Int, minute: Int) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
    }

    /// A date typed as `2027-01-12` or `12-01-2027` (also with `/` or `.`), at `time` typed as `19:00`.
    public init(date: String, time: String) throws(MeetingError) {
        let (year, month, day) = try Self.parseDate(date)
        let (hour, minute) = try Self.parseTime(time)
        self.init(year: year, month: month, day: day, hour: hour, minute: minute)
    }

    /// The one UTC instant this wall time names in Europe/Amsterdam.
    public func instant() throws(MeetingError) -> Date {
        // Amsterdam is UTC+1 or UTC+2: try both, keep those the clock really shows.
        let naive = Self.utcSeconds(year: year, month: month, day: day) + Int64(hour * 3600 + minute * 60)
        let matches = [3600, 7200].map { Date(timeIntervalSince1970: TimeInterval(naive - Int64($0))) }.filter { candidate in
            let shown = AmsterdamTime(candidate)
            return shown.year == year && shown.month == month && shown.day == day && shown.hour == hour && shown.minute == minute
        }
        switch matches.count {
        case 1: return matches[0]
        case 0: throw .timeDoesNotExist(date: dateText, time: timeText)
        default: throw .timeExistsTwice(date: dateText, time: timeText)
        }
    }

    /// The date as the program writes it back: 2027-01-12.
    public var dateText: String { "\(year)-\(Self.two(month))-\(Self.two(day))" }

    /// The time as the program writes it back: 19:00.
    public var timeText: String { "\(Self.two(hour)):\(Self.two(minute))" }

    static func parseDate(_ text: String) throws(MeetingError) -> (Int, Int, Int) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(whereSeparator: { "-/.".contains($0) }).map(String.init)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let a = Int(parts[0]), let b = Int(parts[1]), let c = Int(parts[2]) else { throw .unknownDateFormat(text) }
        let (year, month, day) = parts[0].count == 4 ? (a, b, c) : parts[2].count == 4 ? (c, b, a) : (0, 0, 0)
        guard (1970...9999).contains(year), (1...12).contains(month), (1...daysIn(month, year)).contains(day) else {
            throw .unknownDateFormat(text)
        }
        return (year, month, day)
    }

    static func parseTime(_ text: String) throws(MeetingError) -> (Int, Int) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].count == 2, (1...2).contains(parts[0].count),
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let hour = Int(parts[0]), let minute = Int(parts[1]), (0...23).contains(hour), (0...59).contains(minute) else {
            throw .unknownTimeFormat(text)
        }
        return (hour, minute)
    }

    static func daysIn(_ month: Int, _ year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Seconds from 1970-01-01 to 00:00 UTC of the date (days from civil, Howard Hinnant's algorithm).
    static func utcSeconds(year: Int, month: Int, day: Int) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return Int64(era * 146_097 + doe - 719_468) * 86_400
    }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
}
