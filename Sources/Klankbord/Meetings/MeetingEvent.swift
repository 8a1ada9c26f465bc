#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KlankbordE2E

/// A decrypted `meeting.*` room or 1:1 event: what a facilitator or member said about a poll or a
/// meeting. It travels inside a `PayloadEvent` as an `.unsupported(type:raw:)` content (the
/// envelope keeps unknown types, so older clients pass these on); the bytes are in
/// `MeetingEvent+Wire.swift` and docs/FEATURES.md, "Meetings".
///
/// The time and place of a meeting are sensitive for the people who meet: they only ever travel
/// end-to-end encrypted, never in anything the server can read.
public struct MeetingEvent: Hashable, Sendable {
    /// The event's id: the `PayloadEvent` id. A poll's and a meeting's id is the id of the event
    /// that created it.
    public let id: PayloadEvent.ID
    /// What the event says.
    public let body: Body

    /// An event with `body` under `id` (a new random id unless given).
    public init(id: PayloadEvent.ID = .random(), body: Body) {
        self.id = id
        self.body = body
    }

    /// A candidate time for a meeting: UTC instants, entered and shown in Europe/Amsterdam.
    public struct Slot: Hashable, Sendable {
        /// When the meeting would start.
        public let start: Date
        /// When it would end; after `start`.
        public let end: Date

        /// A slot from `start` to `end` (whole seconds; checked by `MeetingValidation`).
        public init(start: Date, end: Date) {
            self.start = start
            self.end = end
        }
    }

    /// A member's answer for one poll slot, or to a meeting invitation.
    public enum Answer: UInt8, Hashable, Sendable, CaseIterable {
        /// I can / I will come.
        case yes = 1
        /// Perhaps.
        case maybe = 2
        /// I cannot / I will not come.
        case no = 3
    }

    /// The counts of one slot's answers, as a facilitator's client publishes them.
    public struct SlotTally: Hashable, Sendable {
        /// The slot's index in the poll (0 based).
        public let slot: Int
        /// How many answered yes.
        public let yes: Int
        /// How many answered maybe.
        public let maybe: Int
        /// How many answered no.
        public let no: Int

        /// A tally for `slot`.
        public init(slot: Int, yes: Int, maybe: Int, no: Int) {
            self.slot = slot
            self.yes = yes
            self.maybe = maybe
            self.no = no
        }
    }

    /// An earlier event passed on in a handover, with who sent it and when.
    public struct Handed: Hashable, Sendable {
        /// The original event (never a handover itself).
        public let event: MeetingEvent
        /// Its original author.
        public let author: UInt64
        /// Its original time.
        public let time: Date

        /// An event to pass on.
        public init(event: MeetingEvent, author: UInt64, time: Date) {
            self.event = event
            self.author = author
            self.time = time
        }
    }

    /// Where a fixed meeting comes from.
    public enum Origin: Hashable, Sendable {
        /// Created directly, with no poll.
        case direct
        /// Chosen from slot `slot` of poll `poll`.
        case poll(PayloadEvent.ID, slot: Int)
    }

    /// The kinds of meeting events, each with its own type name on the wire.
    public enum Body: Hashable, Sendable {
        /// `meeting.poll`: a facilitator proposes 2 to 10 slots with an answer deadline.
        case pollProposed(title: String, place: String, slots: [Slot], deadline: Date, anonymous: Bool)
        /// `meeting.vote`: a member's answers per slot (slot index → answer); a later vote replaces an earlier one.
        case vote(poll: PayloadEvent.ID, answers: [Int: Answer])
        /// `meeting.tally`: a facilitator publishes the counts of an (anonymous) poll.
        case tallyPublished(poll: PayloadEvent.ID, tallies: [SlotTally])
        /// `meeting.fixed`: a facilitator fixes a meeting, with the fee each attendee may claim (euro cents).
        case fixed(origin: Origin, title: String, place: String, slot: Slot, feeCents: Int64)
        /// `meeting.moved`: a facilitator gives a meeting a new time (and place, when given).
        case rescheduled(meeting: PayloadEvent.ID, slot: Slot, place: String?)
        /// `meeting.cancelled`: a facilitator cancels a meeting.
        case cancelled(meeting: PayloadEvent.ID)
        /// `meeting.rsvp`: a member says whether they will come.
        case rsvp(meeting: PayloadEvent.ID, answer: Answer)
        /// `meeting.attended`: a facilitator marks who attended (the whole list; a later one replaces it).
        case attendance(meeting: PayloadEvent.ID, attendees: Set<UInt64>)
        /// `meeting.handover`: a facilitator's client passes open polls and coming meetings (never
        /// votes, answers or attendance) to members who joined later, as the original events.
        case handover([Handed])

        /// The payload type name on the wire.
        public var type: String {
            switch self {
            case .pollProposed: "meeting.poll"
            case .vote: "meeting.vote"
            case .tallyPublished: "meeting.tally"
            case .fixed: "meeting.fixed"
            case .rescheduled: "meeting.moved"
            case .cancelled: "meeting.cancelled"
            case .rsvp: "meeting.rsvp"
            case .attendance: "meeting.attended"
            case .handover: "meeting.handover"
            }
        }

        /// Whether only a facilitator may send this event (every other author is ignored).
        public var needsFacilitator: Bool {
            switch self {
            case .vote, .rsvp: false
            case .pollProposed, .tallyPublished, .fixed, .rescheduled, .cancelled, .attendance, .handover: true
            }
        }
    }
}
