#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Checks a person's input before any event is made, so a mistake changes nothing.
public enum MeetingValidation {
    /// The fewest and most slots a poll may offer.
    public static let slotRange = 2...10

    /// A slot on `date` from `from` to `to` (Amsterdam wall clock, typed by a person).
    public static func slot(date: String, from: String, to: String, number: Int = 1) throws(MeetingError) -> MeetingEvent.Slot {
        let start = try AmsterdamWallClock(date: date, time: from).instant()
        let end = try AmsterdamWallClock(date: date, time: to).instant()
        let slot = MeetingEvent.Slot(start: start, end: end)
        try check(slot, number: number)
        return slot
    }

    /// Throws unless `slot` ends after it starts.
    public static func check(_ slot: MeetingEvent.Slot, number: Int = 1) throws(MeetingError) {
        guard slot.end > slot.start else { throw .slotEndsBeforeStart(slot: number) }
    }

    /// Throws unless a poll of `slots` closing at `deadline` may be proposed at `now`.
    public static func poll(slots: [MeetingEvent.Slot], deadline: Date, now: Date) throws(MeetingError) {
        guard slots.count <= slotRange.upperBound else { throw .tooManySlots(count: slots.count) }
        guard slots.count >= slotRange.lowerBound else { throw .tooFewSlots(count: slots.count) }
        for (index, slot) in slots.enumerated() { try check(slot, number: index + 1) }
        guard deadline > now else { throw .deadlineInPast }
    }

    /// Throws unless a vote on `poll` may be cast at `now`.
    public static func vote(on poll: MeetingBook.Poll, now: Date) throws(MeetingError) {
        guard poll.isOpen(at: now) else { throw .pollClosed }
    }

    /// Throws unless `author` is one of `facilitators` (from the signed room log).
    public static func facilitator(_ author: MeetingBook.AccountID, in facilitators: Set<MeetingBook.AccountID>) throws(MeetingError) {
        guard facilitators.contains(author) else { throw .notFacilitator }
    }

    /// Throws when a fee is below zero.
    public static func fee(cents: Int64) throws(MeetingError) {
        guard cents >= 0 else { throw .negativeFee }
    }
}
