import KlankbordE2E
import KlankbordLocalization

/// The reimbursements a consultation proposes: one per counted answer, to its author, of the fee. Pure; the ledger
/// (another module) decides what to do with them, and nothing is paid automatically.
public enum ConsultationFees {
    /// One proposed reimbursement.
    public struct Proposal: Sendable, Equatable {
        /// The account that answered and is to be paid.
        public let recipient: UInt64
        /// The fee, in euro cents.
        public let amountCents: Int64
        /// What it is for: this consultation.
        public let consultation: PayloadEvent.ID
        /// The consultation's title, for the purpose line.
        public let title: String

        /// The purpose as a person reads it, in `t`'s language.
        public func purpose(_ t: Localizer) -> String {
            t("consult.fee.purpose", ["title": title])
        }
    }

    /// The proposals for `consultation`, one per counted answer (sorted by recipient); none when the fee is 0 or the
    /// consultation is unknown.
    public static func proposals(for consultation: PayloadEvent.ID, in book: ConsultationBook) -> [Proposal] {
        guard let posed = book.posed[consultation], posed.question.feeCents > 0 else { return [] }
        return book.counted(consultation).map { counted in
            Proposal(recipient: counted.author, amountCents: posed.question.feeCents, consultation: consultation, title: posed.question.title)
        }
    }

    /// The sum of `proposals`, in cents.
    public static func total(_ proposals: [Proposal]) -> Int64 {
        proposals.reduce(0) { $0 + $1.amountCents }
    }
}
