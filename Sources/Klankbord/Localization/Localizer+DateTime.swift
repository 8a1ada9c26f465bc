#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension Localizer {
    /// Date and time in Europe/Amsterdam: en "Thu 14 Jan 2027, 19:00", nl "do 14 jan 2027, 19:00",
    /// es "jue 14 ene 2027, 19:00". The order and the names come from the catalog
    /// (`date.date_time`, `date.weekday.N` with 1 = Monday, `date.month.N`), so translators can fix them.
    public func dateTime(_ date: Date) -> String {
        let t = self
        let local = AmsterdamTime(date)
        return t("date.date_time", [
            "weekday": t("date.weekday.\(local.weekday)"),
            "day": String(local.day),
            "month": t("date.month.\(local.month)"),
            "year": String(local.year),
            "time": Localizer.clock(local),
        ])
    }

    /// The time of day in Europe/Amsterdam on the 24-hour clock, such as "19:00" or "09:05".
    public func time(_ date: Date) -> String {
        Localizer.clock(AmsterdamTime(date))
    }

    private static func clock(_ local: AmsterdamTime) -> String {
        twoDigits(local.hour) + ":" + twoDigits(local.minute)
    }

    private static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : String(value)
    }
}
