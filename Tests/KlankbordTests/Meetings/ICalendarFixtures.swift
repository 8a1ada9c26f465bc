import Foundation
import Klankbord
@testable import KlankbordE2E
@testable import KlankbordMeetings

/// Three meetings for the calendar tests: one plain (winter, with hard text), one moved (summer),
/// one cancelled; built through the reducer as a client would.
enum ICalendarFixtures {
    typealias F = MeetingFixtures

    static let winter = PayloadEvent.ID.fromByte(0xA1)
    static let summer = PayloadEvent.ID.fromByte(0xB2)
    static let cancelled = PayloadEvent.ID.fromByte(0xC3)

    /// Text that needs every escape, and a long place with multi-byte letters that must be folded.
    static let hardTitle = "Klankbord: overleg, agenda; C:\\map\nen vragen"
    static let longPlace = "Café ‘De Wâldpyk’, Ütrechtsestraat 12, Ljouwert — achteringang, bel bij „Xenia” ✓ 🌷🌷🌷 ééé"

    static let handles: [MeetingBook.AccountID: String] = [F.anna: "anna", F.bo: "bo.fryslan", F.cas: "cas_12"]

    static func slot(_ date: String, _ from: String, _ to: String) -> MeetingEvent.Slot {
        (try? MeetingValidation.slot(date: date, from: from, to: to)) ?? MeetingEvent.Slot(start: F.t0, end: F.t0)
    }

    static func book() -> MeetingBook {
        var book = MeetingBook()
        let facilitator = F.facilitator
        func add(_ body: MeetingEvent.Body, id: PayloadEvent.ID = .random(), by author: MeetingBook.AccountID = facilitator,
                 hours: Double) {
            book.apply(MeetingEvent(id: id, body: body), from: author, at: F.at(hours: hours), facilitators: F.facilitators)
        }
        add(.fixed(origin: .direct, title: hardTitle, place: longPlace, slot: slot("2027-01-12", "19:00", "21:00"), feeCents: 2500),
            id: winter, hours: 0)
        add(.fixed(origin: .direct, title: "Zomeroverleg", place: "online", slot: slot("2027-07-13", "19:00", "21:30"), feeCents: 0),
            id: summer, hours: 1)
        add(.rescheduled(meeting: summer, slot: slot("2027-07-14", "10:00", "12:00"), place: nil), hours: 2)
        add(.fixed(origin: .direct, title: "Peer group", place: "Xenia", slot: slot("2027-03-28", "14:00", "16:00"), feeCents: 1000),
            id: cancelled, hours: 3)
        add(.rescheduled(meeting: cancelled, slot: slot("2027-10-31", "14:00", "16:00"), place: nil), hours: 4)
        add(.cancelled(meeting: cancelled), hours: 5)
        add(.rsvp(meeting: winter, answer: .yes), by: F.bo, hours: 6)
        add(.rsvp(meeting: winter, answer: .yes), by: F.anna, hours: 6)
        add(.rsvp(meeting: winter, answer: .no), by: F.cas, hours: 6)
        add(.rsvp(meeting: winter, answer: .yes), by: 99, hours: 6)
        return book
    }
}

extension PayloadEvent.ID {
    /// A 16-byte id of one repeated byte, so golden files stay the same.
    static func fromByte(_ byte: UInt8) -> PayloadEvent.ID {
        (try? PayloadEvent.ID([UInt8](repeating: byte, count: 16))) ?? .random()
    }
}
