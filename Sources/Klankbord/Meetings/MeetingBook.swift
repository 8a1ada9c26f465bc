#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KlankbordE2E
import KlankbordLocalization

/// The meetings and polls of one room, as a pure reducer over decrypted `meeting.*` events.
///
/// The book keeps every accepted event and derives polls and meetings from them in one fixed
/// order (event time, then event id), so every delivery order of the same events, with any
/// duplicates, gives the same state: relays deliver late, twice, or out of order.
/// The facilitator set comes from the signed room log, never from the server.
public struct MeetingBook: Hashable, Sendable {
    /// An account id (the `u64` of the roster and room logs).
    public typealias AccountID = UInt64

    /// One accepted event with who sent it and when.
    struct Entry: Hashable, Sendable {
        let event: MeetingEvent
        let author: AccountID
        let time: Date
    }

    /// What `apply` did with an event.
    public enum Outcome: Hashable, Sendable {
        /// The event is part of the book now.
        case applied
        /// The book already held this event id; nothing changed.
        case duplicate
        /// The event was ignored; facilitators are shown the warning.
        case ignored(MeetingWarning)
    }

    /// Why an event was ignored.
    public enum MeetingWarning: Hashable, Sendable {
        /// `author` sent a `type` event only a facilitator may send.
        case notFacilitator(author: AccountID, type: String)
        /// `author` voted after the poll's answer deadline.
        case voteAfterDeadline(author: AccountID)

        /// The catalog sentence for this warning (`{handle}` and `{type}` are filled by the caller).
        public var key: L10nKey {
            switch self {
            case .notFacilitator: L10nKey("meeting.warning.not_facilitator")
            case .voteAfterDeadline: L10nKey("meeting.warning.vote_after_deadline")
            }
        }
    }

    private(set) var entries: [PayloadEvent.ID: Entry] = [:]

    /// An empty book.
    public init() {}

    /// Takes in `event`, sent by `author` at `time` (the time the sender's envelope carries).
    /// Events only a facilitator may send are ignored when `author` is not in `facilitators`;
    /// a vote after its poll's deadline is ignored (and never counted, whatever the order).
    @discardableResult
    public mutating func apply(_ event: MeetingEvent, from author: AccountID, at time: Date,
                               facilitators: Set<AccountID>) -> Outcome {
        guard entries[event.id] == nil else { return .duplicate }
        if event.body.needsFacilitator, !facilitators.contains(author) {
            return .ignored(.notFacilitator(author: author, type: event.body.type))
        }
        if case .handover(let handed) = event.body {
            // Each passed-on event is checked as if it came itself; ids make a repeat harmless.
            for item in handed where MeetingEvent.Body.handedTypes.contains(item.event.body.type) {
                apply(item.event, from: item.author, at: item.time, facilitators: facilitators)
            }
            return .applied
        }
        if case .vote(let poll, _) = event.body, let deadline = pollDeadline(poll), time > deadline {
            return .ignored(.voteAfterDeadline(author: author))
        }
        entries[event.id] = Entry(event: event, author: author, time: time)
        return .applied
    }

    /// The accepted events in the one order every view is derived in.
    var ordered: [Entry] {
        entries.values.sorted { a, b in
            a.time != b.time ? a.time < b.time : a.event.id.bytes.lexicographicallyPrecedes(b.event.id.bytes)
        }
    }

    private func pollDeadline(_ poll: PayloadEvent.ID) -> Date? {
        guard case .pollProposed(_, _, _, let deadline, _) = entries[poll]?.event.body else { return nil }
        return deadline
    }
}
