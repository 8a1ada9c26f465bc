#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension MeetingBook {
    /// The handover a facilitator's client sends when someone joins later: the original events of
    /// polls still open and meetings not ended at `now` (proposal, tallies, fixing, moves,
    /// cancellation), never a vote, an answer or attendance. `nil` when there is nothing to pass on.
    public func handover(now: Date) -> MeetingEvent? {
        let openPolls = Set(polls.filter { $0.isOpen(at: now) }.map(\.id))
        let comingMeetings = Set(meetings.filter { $0.slot.end > now }.map(\.id))
        let handed = ordered.filter { entry in
            switch entry.event.body {
            case .pollProposed: openPolls.contains(entry.event.id)
            case .tallyPublished(let poll, _): openPolls.contains(poll)
            case .fixed: comingMeetings.contains(entry.event.id)
            case .rescheduled(let meeting, _, _), .cancelled(let meeting): comingMeetings.contains(meeting)
            case .vote, .rsvp, .attendance, .handover: false
            }
        }.map { MeetingEvent.Handed(event: $0.event, author: $0.author, time: $0.time) }
        return handed.isEmpty ? nil : MeetingEvent(body: .handover(handed))
    }
}
