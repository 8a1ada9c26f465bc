import KlankbordLocalization

/// A rule for a meeting once a quarter, such as "second Tuesday of the quarter's first month".
///
/// The words come from the catalog (`meeting.rule.*`), in Dutch, English and Spanish: the parser
/// accepts exactly what the catalog writes in any of the three languages (case, accents and the
/// apostrophe's shape do not matter), so a translator who fixes a word fixes the parser too.
/// The language stays small on purpose: one weekday, its place in the month, and which month of
/// the quarter.
public struct SeriesRule: Hashable, Sendable {
    /// Which of the month's weekdays: the first to the fourth (always there) or the last.
    public enum Ordinal: Hashable, Sendable, CaseIterable {
        /// The first.
        case first
        /// The second.
        case second
        /// The third.
        case third
        /// The fourth.
        case fourth
        /// The last (the fourth or fifth).
        case last

        var key: L10nKey {
            switch self {
            case .first: L10nKey("meeting.rule.ordinal.first")
            case .second: L10nKey("meeting.rule.ordinal.second")
            case .third: L10nKey("meeting.rule.ordinal.third")
            case .fourth: L10nKey("meeting.rule.ordinal.fourth")
            case .last: L10nKey("meeting.rule.ordinal.last")
            }
        }
    }

    /// Which weekday, as ISO numbers: 1 is Monday, 7 is Sunday.
    public let weekday: Int
    /// Which one of them in the month.
    public let ordinal: Ordinal
    /// Which month of each quarter: 1, 2 or 3 (the last month reads as 3).
    public let monthOfQuarter: Int

    /// A rule from its parts; `weekday` 1...7 and `monthOfQuarter` 1...3 are clamped into range.
    public init(ordinal: Ordinal, weekday: Int, monthOfQuarter: Int) {
        self.ordinal = ordinal
        self.weekday = min(max(weekday, 1), 7)
        self.monthOfQuarter = min(max(monthOfQuarter, 1), 3)
    }

    /// The rule written in `text`, in Dutch, English or Spanish (`unknownRule` otherwise).
    public init(parsing text: String, catalog: Catalog = .shared) throws(MeetingError) {
        let wanted = Self.normalized(text)
        for language in Language.allCases {
            let t = Localizer(language, catalog: catalog)
            for ordinal in Ordinal.allCases {
                for weekday in 1...7 {
                    for month in [Ordinal.first, .second, .third, .last] {
                        let quarterMonth = month == .last ? 3 : (Ordinal.allCases.firstIndex(of: month) ?? 0) + 1
                        let rule = SeriesRule(ordinal: ordinal, weekday: weekday, monthOfQuarter: quarterMonth)
                        if Self.normalized(rule.text(t, monthWord: month)) == wanted {
                            self = rule
                            return
                        }
                    }
                }
            }
        }
        throw .unknownRule(text)
    }

    /// The rule in `t`'s language, such as "tweede dinsdag van de eerste maand van het kwartaal".
    public func text(_ t: Localizer) -> String {
        text(t, monthWord: [Ordinal.first, .second, .third][monthOfQuarter - 1])
    }

    private func text(_ t: Localizer, monthWord: Ordinal) -> String {
        t("meeting.rule.pattern", ["ordinal": t(ordinal.key), "weekday": t(Self.weekdayKeys[weekday - 1]), "month": t(monthWord.key)])
    }

    static let weekdayKeys = [
        L10nKey("meeting.rule.weekday.monday"), L10nKey("meeting.rule.weekday.tuesday"), L10nKey("meeting.rule.weekday.wednesday"),
        L10nKey("meeting.rule.weekday.thursday"), L10nKey("meeting.rule.weekday.friday"), L10nKey("meeting.rule.weekday.saturday"),
        L10nKey("meeting.rule.weekday.sunday"),
    ]

    /// Lower case, accents and the apostrophe's shape folded, single spaces: what a person may type differently.
    static func normalized(_ text: String) -> String {
        let folded = text.lowercased().map { character -> String in
            switch character {
            case "á", "à", "ä": "a"
            case "é", "è", "ë": "e"
            case "í", "ï": "i"
            case "ó", "ö": "o"
            case "ú", "ü": "u"
            case "’", "‘", "`": "'"
            default: String(character)
            }
        }.joined()
        return folded.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The four days of `year` the rule names, one per quarter, as (year, month, day).
    public func days(in year: Int) -> [(year: Int, month: Int, day: Int)] {
        (0..<4).map { quarter in
            let month = quarter * 3 + monthOfQuarter
            return (year, month, day(in: month, of: year))
        }
    }

    private func day(in month: Int, of year: Int) -> Int {
        let length = AmsterdamWallClock.daysIn(month, year)
        switch ordinal {
        case .last:
            let lastWeekday = Self.isoWeekday(year: year, month: month, day: length)
            return length - (lastWeekday - weekday + 7) % 7
        default:
            let firstWeekday = Self.isoWeekday(year: year, month: month, day: 1)
            let index = Ordinal.allCases.firstIndex(of: ordinal) ?? 0
            return 1 + (weekday - firstWeekday + 7) % 7 + 7 * index
        }
    }

    /// The ISO weekday of a date; 1970-01-01 was a Thursday (4).
    static func isoWeekday(year: Int, month: Int, day: Int) -> Int {
        let days = AmsterdamWallClock.utcSeconds(year: year, month: month, day: day) / 86_400
        return Int(((days % 7) + 7 + 3) % 7) + 1
    }
}
