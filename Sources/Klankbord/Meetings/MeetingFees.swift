#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KlankbordE2E
import KlankbordLocalization

/// A proposal that one attendee be paid one meeting's fee, for the reimbursement ledger to take
/// over (its own issue). Money is whole euro cents, never floating point.
public struct FeeProposal: Hashable, Sendable {
    /// The meeting attended; with `account`, the key a ledger uses to take a proposal only once.
    public let meeting: PayloadEvent.ID
    /// Who attended.
    public let account: MeetingBook.AccountID
    /// The fee, in euro cents (above zero).
    public let amountCents: Int64
    /// What the meeting was about.
    public let title: String
    /// When it started.
    public let start: Date

    /// The proposal as a person reads it: "anna: €25.00 for Klankbord (Tue 12 Jan 2027, 19:00)".
    public func line(_ t: Localizer, handle: String) -> String {
        t("meeting.fees.line", ["handle": handle, "amount": t.money(cents: amountCents), "title": title, "when": t.dateTime(start)])
    }
}

/// Attendance turned into fee proposals: a pure function of the book.
public enum MeetingFees {
    /// One proposal per attendee of each meeting that took place (not cancelled) and has a fee,
    /// by meeting start, then account.
    public static func proposals(in book: MeetingBook) -> [FeeProposal] {
        book.meetings.flatMap(proposals(for:))
    }

    /// The proposals for one meeting: none when it was cancelled or has no fee.
    public static func proposals(for meeting: MeetingBook.Meeting) -> [FeeProposal] {
        guard meeting.status == .confirmed, meeting.feeCents > 0 else { return [] }
        return meeting.attendees.sorted().map { account in
            FeeProposal(meeting: meeting.id, account: account, amountCents: meeting.feeCents, title: meeting.title,
                        start: meeting.slot.start)
        }
    }
}
