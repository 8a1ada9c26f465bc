#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KlankbordE2E

extension MeetingBook {
    /// A vote on `poll` at `now`: `answers` maps slot numbers as people count them (1 based) to
    /// answers. Checked first, so a mistake sends nothing.
    public func voting(on poll: PayloadEvent.ID, answers: [Int: MeetingEvent.Answer], now: Date) throws(MeetingError) -> MeetingEvent {
        guard let found = polls.first(where: { $0.id == poll }) else { throw .unknownPoll }
        try MeetingValidation.vote(on: found, now: now)
        var byIndex: [Int: MeetingEvent.Answer] = [:]
        for (number, answer) in answers {
            guard (1...found.slots.count).contains(number) else { throw .unknownSlot(count: found.slots.count) }
            byIndex[number - 1] = answer
        }
        return MeetingEvent(body: .vote(poll: poll, answers: byIndex))
    }

    /// The `meeting.fixed` event for slot `number` (1 based) of `poll`, with its title and place.
    public func fixing(poll: PayloadEvent.ID, slot number: Int, feeCents: Int64) throws(MeetingError) -> MeetingEvent {
        guard let found = polls.first(where: { $0.id == poll }) else { throw .unknownPoll }
        guard (1...found.slots.count).contains(number) else { throw .unknownSlot(count: found.slots.count) }
        try MeetingValidation.fee(cents: feeCents)
        return MeetingEvent(body: .fixed(origin: .poll(poll, slot: number - 1), title: found.title, place: found.place,
                                         slot: found.slots[number - 1], feeCents: feeCents))
    }
}
