import KlankbordLocalization

/// What is wrong with a meeting, poll, vote or series a person entered. Each case has a stable
/// code (for `--json` and logs) and a catalog sentence; nothing the person entered beyond what
/// the sentence names is kept.
public enum MeetingError: Error, Equatable, Sendable {
    /// Slot number `slot` (1 based) ends before, or when, it starts.
    case slotEndsBeforeStart(slot: Int)
    /// The answer deadline is not in the future.
    case deadlineInPast
    /// A poll has more than 10 slots (`count`).
    case tooManySlots(count: Int)
    /// A poll has fewer than 2 slots (`count`).
    case tooFewSlots(count: Int)
    /// `text` is not a date in a known format (2027-01-12 or 12-01-2027).
    case unknownDateFormat(String)
    /// `text` is not a time of day in a known format (19:00).
    case unknownTimeFormat(String)
    /// The Amsterdam clock skips this time (the last Sunday of March, 02:00–03:00).
    case timeDoesNotExist(date: String, time: String)
    /// The Amsterdam clock shows this time twice (the last Sunday of October, 02:00–03:00).
    case timeExistsTwice(date: String, time: String)
    /// The poll's deadline has passed: votes are closed.
    case pollClosed
    /// Only a facilitator of the room may do this.
    case notFacilitator
    /// `text` is not a series rule this version understands.
    case unknownRule(String)
    /// The fee is below zero.
    case negativeFee
    /// The book holds no such poll (or meeting).
    case unknownPoll
    /// A poll has slots 1 to `count`; another number was given.
    case unknownSlot(count: Int)

    /// A stable code that never changes with the wording.
    public var code: String {
        switch self {
        case .slotEndsBeforeStart: "meeting.slot_order"
        case .deadlineInPast: "meeting.deadline_past"
        case .tooManySlots: "meeting.too_many_slots"
        case .tooFewSlots: "meeting.too_few_slots"
        case .unknownDateFormat: "meeting.date_format"
        case .unknownTimeFormat: "meeting.time_format"
        case .timeDoesNotExist: "meeting.time_skipped"
        case .timeExistsTwice: "meeting.time_twice"
        case .pollClosed: "meeting.poll_closed"
        case .notFacilitator: "meeting.not_facilitator"
        case .unknownRule: "meeting.rule_unknown"
        case .negativeFee: "meeting.fee_negative"
        case .unknownPoll: "meeting.poll_unknown"
        case .unknownSlot: "meeting.slot_unknown"
        }
    }

    /// The catalog sentence a person reads.
    public var key: L10nKey {
        switch self {
        case .slotEndsBeforeStart: L10nKey("meeting.error.slot_order")
        case .deadlineInPast: L10nKey("meeting.error.deadline_past")
        case .tooManySlots: L10nKey("meeting.error.too_many_slots")
        case .tooFewSlots: L10nKey("meeting.error.too_few_slots")
        case .unknownDateFormat: L10nKey("meeting.error.date_format")
        case .unknownTimeFormat: L10nKey("meeting.error.time_format")
        case .timeDoesNotExist: L10nKey("meeting.error.time_skipped")
        case .timeExistsTwice: L10nKey("meeting.error.time_twice")
        case .pollClosed: L10nKey("meeting.error.poll_closed")
        case .notFacilitator: L10nKey("meeting.error.not_facilitator")
        case .unknownRule: L10nKey("meeting.error.rule_unknown")
        case .negativeFee: L10nKey("meeting.error.fee_negative")
        case .unknownPoll: L10nKey("meeting.error.poll_unknown")
        case .unknownSlot: L10nKey("meeting.error.slot_unknown")
        }
    }

    /// The values for the sentence's `{placeholders}`.
    public var arguments: [String: String] {
        switch self {
        case .slotEndsBeforeStart(let slot): ["slot": String(slot)]
        case .tooManySlots(let count), .tooFewSlots(let count), .unknownSlot(let count): ["count": String(count)]
        case .unknownDateFormat(let text), .unknownTimeFormat(let text), .unknownRule(let text): ["text": text]
        case .timeDoesNotExist(let date, let time), .timeExistsTwice(let date, let time): ["date": date, "time": time]
        case .deadlineInPast, .pollClosed, .notFacilitator, .negativeFee, .unknownPoll: [:]
        }
    }

    /// The sentence in `t`'s language.
    public func text(_ t: Localizer) -> String {
        t(key, arguments)
    }
}
