#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KlankbordLocalization
import KlankbordCrypto

/// What is coming up in a book, and what to remind a person of: pure functions of the book and
/// the time, so the CLI's `agenda` and its one-time reminders are the same everywhere.
public enum MeetingAgenda {
    /// One line of the agenda.
    public enum Item: Hashable, Sendable {
        /// A meeting that has not ended yet (also a cancelled one, so people see it is off).
        case meeting(MeetingBook.Meeting)
        /// A poll that still takes answers.
        case poll(MeetingBook.Poll)

        /// The moment the item is sorted by: a meeting's start, a poll's deadline.
        public var time: Date {
            switch self {
            case .meeting(let meeting): meeting.slot.start
            case .poll(let poll): poll.deadline
            }
        }

        /// The item as a person reads it, times on the Amsterdam clock.
        public func line(_ t: Localizer) -> String {
            switch self {
            case .meeting(let meeting) where meeting.status == .cancelled:
                return t("meeting.agenda.cancelled", ["title": meeting.title, "when": t.dateTime(meeting.slot.start)])
            case .meeting(let meeting):
                let values = ["title": meeting.title, "place": meeting.place, "when": t.dateTime(meeting.slot.start),
                              "end": t.time(meeting.slot.end)]
                guard let old = meeting.previousSlot else { return t("meeting.agenda.meeting", values) }
                return t("meeting.agenda.moved", values.merging(["old": t.dateTime(old.start)]) { new, _ in new })
            case .poll(let poll):
                return t("meeting.agenda.poll", ["title": poll.title, "deadline": t.dateTime(poll.deadline)])
            }
        }
    }

    /// Meetings that have not ended and polls still open at `now`, soonest first.
    public static func items(in book: MeetingBook, now: Date) -> [Item] {
        let meetings = book.meetings.filter { $0.slot.end > now }.map(Item.meeting)
        let polls = book.polls.filter { $0.isOpen(at: now) }.map(Item.poll)
        return (meetings + polls).sorted { $0.time < $1.time }
    }

    /// A reminder to show once.
    public struct Reminder: Hashable, Sendable {
        /// Remember this after showing it, and pass it back in `shown`; a moved meeting gets a new key.
        public let key: String
        /// What it is about.
        public let item: Item

        /// The reminder as a person reads it.
        public func line(_ t: Localizer) -> String {
            switch item {
            case .meeting(let meeting):
                t("meeting.reminder.meeting", ["title": meeting.title, "place": meeting.place, "when": t.dateTime(meeting.slot.start)])
            case .poll(let poll):
                t("meeting.reminder.poll", ["title": poll.title, "deadline": t.dateTime(poll.deadline)])
            }
        }
    }

    /// How far ahead a meeting is mentioned.
    public static let meetingNotice: TimeInterval = 48 * 3600
    /// How far ahead a poll's deadline is mentioned.
    public static let pollNotice: TimeInterval = 24 * 3600

    /// Confirmed meetings starting within 48 hours and polls closing within 24 hours of `now`,
    /// except those whose key is in `shown`.
    public static func reminders(in book: MeetingBook, now: Date, shown: Set<String>) -> [Reminder] {
        let meetings = book.meetings.filter { $0.status == .confirmed && $0.slot.start > now && $0.slot.start <= now + meetingNotice }
            .map { Reminder(key: "meeting:\(Hex.encode($0.id.bytes)):\($0.sequence)", item: .meeting($0)) }
        let polls = book.polls.filter { $0.isOpen(at: now) && $0.deadline <= now + pollNotice }
            .map { Reminder(key: "poll:\(Hex.encode($0.id.bytes))", item: .poll($0)) }
        return (meetings + polls).filter { !shown.contains($0.key) }.sorted { $0.item.time < $1.item.time }
    }
}
