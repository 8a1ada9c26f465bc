import KlankbordCrypto
import KlankbordE2E

/// The anonymised report for the asking body: the question, how many answered, counts per option and the free-text
/// answers in random order with handles removed. It holds no account, no reference and no time of an answer.
public struct ConsultationReport: Sendable, Equatable {
    /// How many answers chose one option.
    public struct OptionCount: Sendable, Equatable {
        /// The option's text.
        public let option: String
        /// How many counted answers chose it.
        public let count: Int
    }

    /// One free-text answer, as the report will show it.
    public struct FreeText: Sendable, Equatable {
        /// The text with group handles removed.
        public let text: String
        /// The personal details found in the original text (before handles were removed).
        public let flags: Set<PersonalDetails.Kind>
        /// Whether the facilitator removed it from the export.
        public fileprivate(set) var redacted: Bool
    }

    /// The default least number of respondents: with fewer, answers can point to people.
    public static let defaultMinimum = 3

    /// Who asked.
    public let askingBody: String
    /// The consultation's title.
    public let title: String
    /// The question.
    public let question: String
    /// How many members' answers count.
    public let respondents: Int
    /// Counts per option, in the question's order; empty for a free-text question.
    public let options: [OptionCount]
    /// The free-text answers in random order.
    public private(set) var answers: [FreeText]
    /// The minimum that applied.
    public let minimum: Int
    /// Why the facilitator made the report with fewer respondents than `minimum`; nil when not forced.
    public let explanation: String?

    /// Makes the report of `consultation` for `requester` at `now` (seconds since 1970, UTC). `handles` are the
    /// group's handles (removed and flagged); `explanation` forces a report below `minimum`; `random` orders the answers.
    public init(consultation: PayloadEvent.ID, in book: ConsultationBook, by requester: UInt64, now: Int64, handles: [String],
                minimum: Int = defaultMinimum, explanation: String? = nil,
                using random: inout some RandomNumberGenerator) throws(ConsultationError) {
        let posed = try ConsultationRules.checkReport(of: consultation, in: book, by: requester, now: now)
        let counted = book.counted(consultation)
        if counted.count < minimum {
            guard let explanation else { throw .tooFewRespondents(count: counted.count, minimum: minimum) }
            guard !explanation.allSatisfy(\.isWhitespace) else { throw .explanationNeeded }
        }
        let details = PersonalDetails(handles: handles)
        let question = posed.question
        askingBody = question.askingBody
        title = question.title
        self.question = question.text
        respondents = counted.count
        options = question.options.indices.map { index in
            OptionCount(option: question.options[index], count: counted.filter { $0.answer.option == index }.count)
        }
        answers = counted.map(\.answer.text).filter { !$0.allSatisfy(\.isWhitespace) }.map { text in
            FreeText(text: details.removingHandles(text), flags: details.kinds(in: text), redacted: false)
        }
        answers.shuffle(using: &random)
        self.minimum = minimum
        self.explanation = counted.count < minimum ? explanation : nil
    }

    /// The same, ordering the answers with libsodium randomness.
    public init(consultation: PayloadEvent.ID, in book: ConsultationBook, by requester: UInt64, now: Int64, handles: [String],
                minimum: Int = defaultMinimum, explanation: String? = nil) throws(ConsultationError) {
        var random = SodiumRandomGenerator()
        try self.init(consultation: consultation, in: book, by: requester, now: now, handles: handles, minimum: minimum,
                      explanation: explanation, using: &random)
    }

    /// The positions of answers with personal details, for the facilitator to read before export.
    public var flagged: [Int] { answers.indices.filter { !answers[$0].flags.isEmpty } }

    /// Leaves the answer at `index` out of the export (it shows as removed); an index out of range does nothing.
    public mutating func redact(_ index: Int) {
        guard answers.indices.contains(index) else { return }
        answers[index].redacted = true
    }
}
