import KlankbordE2E

/// The checks a client makes before it sends an answer or makes a report, so the person gets a clear sentence
/// instead of an answer that silently does not count.
public enum ConsultationRules {
    /// Checks an answer by `account` at `now` (seconds since 1970, UTC) against the consultation in `book`.
    /// `members` comes from the signed room log.
    public static func checkAnswer(_ answer: ConsultationEvent.Answer, to consultation: PayloadEvent.ID, in book: ConsultationBook,
                                   by account: UInt64, members: Set<UInt64>, now: Int64) throws(ConsultationError) {
        guard let posed = book.posed[consultation], let deadline = book.deadline(of: consultation) else { throw .unknownConsultation }
        guard members.contains(account) else { throw .notAMember }
        guard now <= deadline else { throw .answerAfterDeadline }
        if let option = answer.option, !posed.question.options.indices.contains(option) { throw .unknownOption(option + 1) }
        guard ConsultationBook.isValid(answer, for: posed.question) else { throw .emptyAnswer }
    }

    /// Checks that `requester` may make the report of `consultation` at `now`; returns the consultation.
    public static func checkReport(of consultation: PayloadEvent.ID, in book: ConsultationBook, by requester: UInt64,
                                   now: Int64) throws(ConsultationError) -> ConsultationBook.Posed {
        guard let posed = book.posed[consultation], let deadline = book.deadline(of: consultation) else { throw .unknownConsultation }
        guard posed.author == requester else { throw .notYourConsultation }
        guard now > deadline else { throw .reportBeforeDeadline(deadline) }
        return posed
    }
}
