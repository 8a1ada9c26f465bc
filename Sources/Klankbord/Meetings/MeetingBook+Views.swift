#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KlankbordE2E

extension MeetingBook {
    /// An availability poll as the book knows it.
    public struct Poll: Hashable, Sendable {
        /// The poll's id: the id of the event that proposed it.
        public let id: PayloadEvent.ID
        /// What the meeting is about.
        public let title: String
        /// Where, as free text ("Xenia", "online").
        public let place: String
        /// The candidate times.
        public let slots: [MeetingEvent.Slot]
        /// Answers given after this moment do not count.
        public let deadline: Date
        /// Whether votes go only to the facilitators (the room sees published tallies).
        public let anonymous: Bool
        /// Each voter's latest answers that count (empty in a member's book for an anonymous poll).
        public fileprivate(set) var votes: [AccountID: [Int: MeetingEvent.Answer]] = [:]
        /// The latest tally a facilitator published, if any.
        public fileprivate(set) var published: [MeetingEvent.SlotTally]?

        /// Whether answers are still taken at `now`.
        public func isOpen(at now: Date) -> Bool { now <= deadline }

        /// The counts per slot: from the votes this book holds, or else the latest published tally.
        public var tallies: [MeetingEvent.SlotTally] {
            if votes.isEmpty, let published { return published }
            return slots.indices.map { index in
                let answers = votes.values.compactMap { $0[index] }
                return MeetingEvent.SlotTally(slot: index, yes: answers.count { $0 == .yes },
                                              maybe: answers.count { $0 == .maybe }, no: answers.count { $0 == .no })
            }
        }
    }

    /// A fixed meeting as the book knows it.
    public struct Meeting: Hashable, Sendable {
        /// Whether the meeting takes place.
        public enum Status: Hashable, Sendable {
            /// It takes place at `slot`.
            case confirmed
            /// It was cancelled.
            case cancelled
        }

        /// The meeting's id: the id of the event that fixed it (the calendar UID comes from it).
        public let id: PayloadEvent.ID
        /// Where it came from (a poll slot, or created directly).
        public let origin: MeetingEvent.Origin
        /// What the meeting is about.
        public let title: String
        /// Where, as free text.
        public fileprivate(set) var place: String
        /// When it takes place now.
        public fileprivate(set) var slot: MeetingEvent.Slot
        /// The time before the latest move, so a client can show the old and the new time.
        public fileprivate(set) var previousSlot: MeetingEvent.Slot?
        /// Confirmed or cancelled.
        public fileprivate(set) var status: Status = .confirmed
        /// Starts at 0 and goes up by one with each move or cancellation (the calendar SEQUENCE).
        public fileprivate(set) var sequence = 0
        /// When it was last changed (the calendar DTSTAMP).
        public fileprivate(set) var changed: Date
        /// The fee each attendee may claim, in euro cents.
        public let feeCents: Int64
        /// Each member's latest answer.
        public fileprivate(set) var rsvps: [AccountID: MeetingEvent.Answer] = [:]
        /// Who attended, as the facilitator last marked it.
        public fileprivate(set) var attendees: Set<AccountID> = []
    }

    /// Every poll, in the order they were proposed.
    public var polls: [Poll] { derive().polls }

    /// Every meeting, by start time (then id).
    public var meetings: [Meeting] {
        derive().meetings.sorted { a, b in
            a.slot.start != b.slot.start ? a.slot.start < b.slot.start : a.id.bytes.lexicographicallyPrecedes(b.id.bytes)
        }
    }

    /// The meeting with `id`, if the book holds it.
    public func meeting(_ id: PayloadEvent.ID) -> Meeting? {
        derive().meetings.first { $0.id == id }
    }

    /// Folds the events in their fixed order. Events about a poll or meeting the book does not
    /// hold yet wait in `entries` and count as soon as it arrives.
    private func derive() -> (polls: [Poll], meetings: [Meeting]) {
        let ordered = ordered
        var polls: [PayloadEvent.ID: Poll] = [:]
        var pollOrder: [PayloadEvent.ID] = []
        var meetings: [PayloadEvent.ID: Meeting] = [:]
        // Creations first, so a late-delivered but earlier-dated change finds its target.
        for entry in ordered {
            switch entry.event.body {
            case .pollProposed(let title, let place, let slots, let deadline, let anonymous):
                polls[entry.event.id] = Poll(id: entry.event.id, title: title, place: place, slots: slots,
                                             deadline: deadline, anonymous: anonymous)
                pollOrder.append(entry.event.id)
            case .fixed(let origin, let title, let place, let slot, let fee):
                meetings[entry.event.id] = Meeting(id: entry.event.id, origin: origin, title: title, place: place,
                                                   slot: slot, changed: entry.time, feeCents: fee)
            default: break
            }
        }
        for entry in ordered {
            switch entry.event.body {
            case .vote(let poll, let answers):
                guard let deadline = polls[poll]?.deadline, entry.time <= deadline else { continue }
                let count = polls[poll]?.slots.count ?? 0
                polls[poll]?.votes[entry.author] = answers.filter { (0..<count).contains($0.key) }
            case .tallyPublished(let poll, let tallies):
                polls[poll]?.published = tallies
            case .rescheduled(let id, let slot, let place):
                guard var meeting = meetings[id] else { continue }
                if meeting.status == .confirmed {
                    meeting.previousSlot = meeting.slot
                    meeting.slot = slot
                    if let place { meeting.place = place }
                }
                meeting.sequence += 1
                meeting.changed = max(meeting.changed, entry.time)
                meetings[id] = meeting
            case .cancelled(let id):
                guard var meeting = meetings[id] else { continue }
                meeting.status = .cancelled
                meeting.sequence += 1
                meeting.changed = max(meeting.changed, entry.time)
                meetings[id] = meeting
            case .rsvp(let id, let answer):
                meetings[id]?.rsvps[entry.author] = answer
            case .attendance(let id, let attendees):
                meetings[id]?.attendees = attendees
            case .pollProposed, .fixed, .handover:
                break
            }
        }
        return (pollOrder.compactMap { polls[$0] }, Array(meetings.values))
    }
}
