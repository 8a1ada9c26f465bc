#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The four meetings of a year that a `SeriesRule` names. Each is an ordinary `meeting.fixed`
/// event with its own id, so each can be moved or cancelled on its own later.
public enum QuarterlySeries {
    /// The four `meeting.fixed` events of `year` under `rule`, from `time` ("19:00-21:00",
    /// Amsterdam clock), in date order.
    public static func meetings(year: Int, rule: SeriesRule, time: String, title: String, place: String,
                                feeCents: Int64) throws(MeetingError) -> [MeetingEvent] {
        try MeetingValidation.fee(cents: feeCents)
        let (from, to) = try timeRange(time)
        var events: [MeetingEvent] = []
        for (index, date) in rule.days(in: year).enumerated() {
            let day = "\(date.year)-\(date.month)-\(date.day)"
            let slot = try MeetingValidation.slot(date: day, from: from, to: to, number: index + 1)
            events.append(MeetingEvent(body: .fixed(origin: .direct, title: title, place: place, slot: slot, feeCents: feeCents)))
        }
        return events
    }

    /// "19:00-21:00" as its two times (`unknownTimeFormat` otherwise).
    public static func timeRange(_ text: String) throws(MeetingError) -> (String, String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2 else { throw .unknownTimeFormat(text) }
        _ = try AmsterdamWallClock.parseTime(parts[0])
        _ = try AmsterdamWallClock.parseTime(parts[1])
        return (parts[0], parts[1])
    }
}
