import Foundation
import Klankbord
@testable import KlankbordE2E
@testable import KlankbordMeetings

/// Shared accounts, times and events for the meeting tests.
enum MeetingFixtures {
    static let facilitator: MeetingBook.AccountID = 1
    static let anna: MeetingBook.AccountID = 11
    static let bo: MeetingBook.AccountID = 12
    static let cas: MeetingBook.AccountID = 13
    static let facilitators: Set<MeetingBook.AccountID> = [facilitator]

    /// 2027-01-01 12:00 UTC.
    static let t0 = Date(timeIntervalSince1970: 1_798_804_800)

    static func at(hours: Double) -> Date { t0.addingTimeInterval(hours * 3600) }

    static func id(_ n: UInt8) -> PayloadEvent.ID {
        // swiftlint-free test helper: a 16-byte id that is easy to recognise.
        (try? PayloadEvent.ID([UInt8](repeating: n, count: 16))) ?? .random()
    }

    static func slot(startHours: Double, length: Double = 2) -> MeetingEvent.Slot {
        MeetingEvent.Slot(start: at(hours: startHours), end: at(hours: startHours + length))
    }

    static let pollID = id(1)
    static let meetingID = id(2)

    static func poll(anonymous: Bool = false, deadlineHours: Double = 48) -> MeetingEvent {
        MeetingEvent(id: pollID, body: .pollProposed(title: "Klankbord overleg", place: "Xenia, Leeuwarden",
                                                     slots: [slot(startHours: 100), slot(startHours: 124), slot(startHours: 148)],
                                                     deadline: at(hours: deadlineHours), anonymous: anonymous))
    }

    static func fixed() -> MeetingEvent {
        MeetingEvent(id: meetingID, body: .fixed(origin: .poll(pollID, slot: 1), title: "Klankbord overleg",
                                                 place: "Xenia, Leeuwarden", slot: slot(startHours: 124), feeCents: 2500))
    }
}
