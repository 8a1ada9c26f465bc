import KlankbordLocalization

/// Lengths of time as a person types them (`30s`, `5m`, `2h`, `7d`, or plain seconds) and as they are shown.
enum DurationText {
    /// Seconds for `text`; nil for anything else, also for zero and negative times ("off" is its own word).
    static func seconds(_ text: String) -> UInt32? {
        let units: [Character: UInt64] = ["s": 1, "m": 60, "h": 3_600, "d": 86_400]
        var digits = Substring(text.lowercased())
        var unit: UInt64 = 1
        if let last = digits.last, let factor = units[last] {
            unit = factor
            digits = digits.dropLast()
        }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), let number = UInt64(digits), number > 0 else { return nil }
        let (total, overflow) = number.multipliedReportingOverflow(by: unit)
        guard !overflow, total <= UInt64(UInt32.max) else { return nil }
        return UInt32(total)
    }

    /// `seconds` in the largest whole unit: "90 seconds", "5 minutes", "2 hours", "7 days".
    static func shown(_ seconds: UInt32, _ t: Localizer) -> String {
        let value = Int(seconds)
        if value % 86_400 == 0 { return t.plural("duration.days", count: value / 86_400) }
        if value % 3_600 == 0 { return t.plural("duration.hours", count: value / 3_600) }
        if value % 60 == 0 { return t.plural("duration.minutes", count: value / 60) }
        return t.plural("duration.seconds", count: value)
    }
}
