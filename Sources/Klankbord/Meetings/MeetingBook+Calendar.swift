#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KlankbordExport
import KlankbordCrypto

/// Meetings as an RFC 5545 calendar file, for a person's own calendar app. The file names people
/// by handle only, and lists attendees only when asked (`attendees: true`).
extension ICalendar {
    /// The calendar for `meetings`. `handles` names accounts; with `attendees` each meeting lists
    /// those who said yes, by handle only (accounts without a known handle are left out).
    public static func document(_ meetings: [MeetingBook.Meeting], handles: [MeetingBook.AccountID: String] = [:],
                                attendees: Bool = false) -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Klankbord//Meetings 1//EN", "CALSCALE:GREGORIAN"]
        lines += amsterdamZone
        for meeting in meetings {
            lines += event(meeting, attendeeHandles: attendees ? handlesSayingYes(meeting, handles) : [])
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined()
    }

    static func event(_ meeting: MeetingBook.Meeting, attendeeHandles: [String]) -> [String] {
        var lines = [
            "BEGIN:VEVENT",
            "UID:\(Hex.encode(meeting.id.bytes))@klankbord",
            "DTSTAMP:\(utc(meeting.changed))",
            dateTime("DTSTART", meeting.slot.start),
            dateTime("DTEND", meeting.slot.end),
            "SEQUENCE:\(meeting.sequence)",
            "STATUS:\(meeting.status == .cancelled ? "CANCELLED" : "CONFIRMED")",
            "SUMMARY:\(escaped(meeting.title))",
            "LOCATION:\(escaped(meeting.place))",
        ]
        for handle in attendeeHandles {
            lines.append("ATTENDEE;CN=\"\(parameterSafe(handle))\":urn:x-klankbord:\(uriSafe(handle))")
        }
        lines.append("END:VEVENT")
        return lines
    }

    private static func handlesSayingYes(_ meeting: MeetingBook.Meeting, _ handles: [MeetingBook.AccountID: String]) -> [String] {
        meeting.rsvps.filter { $0.value == .yes }.compactMap { handles[$0.key] }.sorted()
    }
}
