#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KlankbordLocalization

/// The pieces of an RFC 5545 calendar file: the Amsterdam time zone, date-times, escaped text and
/// folded lines. The meetings module writes its events with them (`MeetingBook+Calendar.swift`).
///
/// Times are written on the Amsterdam clock with `TZID=Europe/Amsterdam` and a VTIMEZONE that
/// carries the EU daylight-saving rules, so any app shows the right hour.
public enum ICalendar {
    /// Europe/Amsterdam since 1996: CEST from the last Sunday of March 02:00, CET from the last
    /// Sunday of October 03:00 (local times, as RFC 5545 writes them).
    package static let amsterdamZone = [
        "BEGIN:VTIMEZONE", "TZID:Europe/Amsterdam",
        "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "TZNAME:CEST", "DTSTART:19960331T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
        "BEGIN:STANDARD", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:CET", "DTSTART:19961027T030000",
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
        "END:VTIMEZONE",
    ]

    /// A date-time property on the Amsterdam clock. A time in the hour the clock shows twice (last
    /// Sunday of October) cannot be told apart there, so it is written in UTC instead.
    package static func dateTime(_ name: String, _ date: Date) -> String {
        if isAmbiguous(date) { return "\(name):\(utc(date))" }
        return "\(name);TZID=Europe/Amsterdam:\(local(date))"
    }

    /// Whether the Amsterdam clock shows `date`'s wall time twice: an hour earlier or later it
    /// shows the same minute.
    static func isAmbiguous(_ date: Date) -> Bool {
        let shown = AmsterdamTime(date)
        return [-3600.0, 3600.0].contains { offset in
            let other = AmsterdamTime(date.addingTimeInterval(offset))
            return (other.year, other.month, other.day, other.hour, other.minute)
                == (shown.year, shown.month, shown.day, shown.hour, shown.minute)
        }
    }

    /// `date` as a UTC date-time: 20270112T180000Z.
    package static func utc(_ date: Date) -> String {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let (year, month, day) = CivilCalendar.date(fromDays: days)
        let rest = Int(seconds - days * 86_400)
        return stamp(year, month, day, rest / 3600, rest / 60 % 60, rest % 60) + "Z"
    }

    /// `date` on the Amsterdam clock, without a zone letter: 20270112T190000.
    static func local(_ date: Date) -> String {
        let shown = AmsterdamTime(date)
        let seconds = Int(Int64(date.timeIntervalSince1970.rounded(.down)) % 60 + 60) % 60
        return stamp(shown.year, shown.month, shown.day, shown.hour, shown.minute, seconds)
    }

    private static func stamp(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int) -> String {
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return pad(year, 4) + pad(month, 2) + pad(day, 2) + "T" + pad(hour, 2) + pad(minute, 2) + pad(second, 2)
    }

    /// TEXT escaping (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines; other control
    /// characters are dropped, because the format allows none.
    package static func escaped(_ text: String) -> String {
        var out = ""
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\r": out += "\\n"
            case "\n": if !previousWasCR { out += "\\n" }
            default:
                if scalar.value < 0x20 && scalar != "\t" || scalar.value == 0x7F { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A quoted parameter value may hold anything but control characters and the double quote.
    package static func parameterSafe(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { $0 != "\"" && $0.value >= 0x20 && $0.value != 0x7F }))
    }

    /// Percent-encodes all but letters, digits and `-._~`, so a handle is a valid URI part.
    package static func uriSafe(_ text: String) -> String {
        Array(text.utf8).map { byte -> String in
            let isPlain = (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                || byte == 0x2D || byte == 0x2E || byte == 0x5F || byte == 0x7E
            if isPlain { return String(UnicodeScalar(byte)) }
            let digits = Array("0123456789ABCDEF")
            return "%" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
        }.joined()
    }

    /// One content line, folded so no line is longer than 75 octets (RFC 5545 §3.1), never inside a
    /// UTF-8 sequence; each continuation starts with one space. Ends in CRLF.
    package static func fold(_ line: String) -> String {
        var out = ""
        var used = 0
        for scalar in line.unicodeScalars {
            let size = String(scalar).utf8.count
            if used + size > 75 {
                out += "\r\n "
                used = 1
            }
            out.unicodeScalars.append(scalar)
            used += size
        }
        return out + "\r\n"
    }
}
