import Foundation
import KlankbordLocalization

/// What can go wrong with a consultation, with a stable code and a translated sentence for the person.
public enum ConsultationError: Error, Equatable, Sendable {
    /// The consultation is not known on this device.
    case unknownConsultation
    /// The deadline has passed (or the consultation was closed).
    case answerAfterDeadline
    /// Only members of the room may answer.
    case notAMember
    /// The chosen option is not one of the question's options (`option` counts from 1, as shown).
    case unknownOption(Int)
    /// No option and no words.
    case emptyAnswer
    /// A report is possible only after the deadline, given here in seconds since 1970 (UTC).
    case reportBeforeDeadline(Int64)
    /// Only the facilitator who posed the question may make its report.
    case notYourConsultation
    /// Fewer respondents than the minimum, and the report was not forced.
    case tooFewRespondents(count: Int, minimum: Int)
    /// A forced report needs an explanation.
    case explanationNeeded

    /// The stable code, for logs, JSON output and tests; never shown instead of the sentence.
    public var code: String {
        switch self {
        case .unknownConsultation: "consultation_unknown"
        case .answerAfterDeadline: "consultation_answer_late"
        case .notAMember: "consultation_not_a_member"
        case .unknownOption: "consultation_unknown_option"
        case .emptyAnswer: "consultation_empty_answer"
        case .reportBeforeDeadline: "consultation_report_too_early"
        case .notYourConsultation: "consultation_not_yours"
        case .tooFewRespondents: "consultation_too_few_respondents"
        case .explanationNeeded: "consultation_explanation_needed"
        }
    }

    /// The sentence a person reads, in `t`'s language; times are shown in Europe/Amsterdam.
    public func sentence(_ t: Localizer) -> String {
        switch self {
        case .unknownConsultation: t("consult.error.unknown")
        case .answerAfterDeadline: t("consult.error.answer_late")
        case .notAMember: t("consult.error.not_a_member")
        case .unknownOption(let option): t("consult.error.unknown_option", ["option": String(option)])
        case .emptyAnswer: t("consult.error.empty_answer")
        case .reportBeforeDeadline(let deadline):
            t("consult.error.report_too_early", ["deadline": t.dateTime(Date(timeIntervalSince1970: TimeInterval(deadline)))])
        case .notYourConsultation: t("consult.error.not_yours")
        case .tooFewRespondents(let count, let minimum):
            t("consult.error.too_few", ["count": String(count), "minimum": String(minimum)])
        case .explanationNeeded: t("consult.error.explanation_needed")
        }
    }
}
