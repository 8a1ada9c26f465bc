import KlankbordE2E

/// The consultations one device knows, reduced from decrypted `consultation.*` events. A pure reducer like
/// `RoomMembership`: it keeps every accepted event and derives counts from the whole set, so the result does not
/// depend on the order events arrive in, and a repeated event changes nothing.
public struct ConsultationBook: Sendable, Equatable {
    /// A consultation as posed.
    public struct Posed: Sendable, Equatable {
        /// The id of the `posed` event, which names the consultation.
        public let id: PayloadEvent.ID
        /// What was asked.
        public let question: ConsultationEvent.Question
        /// The facilitator who posed it.
        public let author: UInt64
        /// When it was posed (seconds since 1970, UTC).
        public let at: Int64
    }

    /// One counted answer.
    public struct Counted: Sendable, Equatable {
        /// The account that answered; only the facilitators' books hold it.
        public let author: UInt64
        /// The opaque reference a follow-up uses.
        public let reference: PayloadEvent.ID
        /// The answer in its last form.
        public let answer: ConsultationEvent.Answer
    }

    /// A member's own answer and whether it counts.
    public struct OwnAnswer: Sendable, Equatable {
        /// The answer in its last form, or nil when it was withdrawn.
        public let answer: ConsultationEvent.Answer?
        /// Whether the answer is counted (sent in time, valid, not withdrawn).
        public let counted: Bool
    }

    /// Why an event was ignored.
    public enum Ignored: Sendable, Equatable {
        /// The body did not decode.
        case malformed
        /// Only a facilitator may send this event.
        case notAFacilitator
        /// The sender is not a member of the room.
        case notAMember
        /// The answer came after the deadline (or the close).
        case late
    }

    /// What `apply` did with an event.
    public enum Outcome: Sendable, Equatable {
        /// The event was new and is kept.
        case applied
        /// The event was already kept.
        case duplicate
        /// The event is not a consultation event.
        case notConsultation
        /// The event was ignored, for the reason given.
        case ignored(Ignored)
    }

    /// An ignored event, reported so a facilitator can see someone tried.
    public struct Refusal: Sendable, Equatable {
        /// The ignored event's id.
        public let event: PayloadEvent.ID
        /// Who sent it.
        public let sender: UInt64
        /// Why it was ignored.
        public let reason: Ignored
    }

    struct Record: Sendable, Equatable {
        let event: PayloadEvent.ID
        let at: Int64
        let reference: PayloadEvent.ID
        /// nil for a withdrawal.
        let answer: ConsultationEvent.Answer?

        /// The later of two records: by time, then by event id bytes, so every device picks the same one.
        func isAfter(_ other: Record) -> Bool {
            at != other.at ? at > other.at : other.event.bytes.lexicographicallyPrecedes(event.bytes)
        }
    }

    /// The consultations posed, by id.
    public private(set) var posed: [PayloadEvent.ID: Posed] = [:]
    /// Events that were ignored, in the order they came.
    public private(set) var refusals: [Refusal] = []
    /// Follow-up questions received, by consultation: the answer reference and the question.
    public private(set) var followUps: [PayloadEvent.ID: [(reference: PayloadEvent.ID, text: String)]] = [:]
    private var answers: [PayloadEvent.ID: [UInt64: [Record]]] = [:]
    private var closes: [PayloadEvent.ID: [UInt64: Int64]] = [:]
    private var seen: Set<PayloadEvent.ID> = []

    /// An empty book.
    public init() {}

    public static func == (lhs: ConsultationBook, rhs: ConsultationBook) -> Bool {
        lhs.posed == rhs.posed && lhs.answers == rhs.answers && lhs.closes == rhs.closes && lhs.seen == rhs.seen
    }

    /// Applies one decrypted event sent by `sender` at `at` (seconds since 1970, UTC, from its envelope), given the
    /// room's facilitators and members now (from the signed room log, never from the server).
    @discardableResult
    public mutating func apply(_ event: PayloadEvent, from sender: UInt64, at: Int64,
                               facilitators: Set<UInt64>, members: Set<UInt64>) -> Outcome {
        let decoded: ConsultationEvent?
        do { decoded = try event.consultation() } catch { return refuse(event.id, sender, .malformed) }
        guard let consultation = decoded else { return .notConsultation }
        guard !seen.contains(event.id) else { return .duplicate }
        if consultation.isFacilitatorOnly, !facilitators.contains(sender) { return refuse(event.id, sender, .notAFacilitator) }
        if !consultation.isFacilitatorOnly, !members.contains(sender) { return refuse(event.id, sender, .notAMember) }
        switch consultation {
        case .posed(let question):
            posed[event.id] = Posed(id: event.id, question: question, author: sender, at: at)
        case .answered(let id, let reference, let answer), .changed(let id, let reference, let answer):
            if let deadline = deadline(of: id), at > deadline { return refuse(event.id, sender, .late) }
            answers[id, default: [:]][sender, default: []].append(Record(event: event.id, at: at, reference: reference, answer: answer))
        case .withdrawn(let id, let reference):
            if let deadline = deadline(of: id), at > deadline { return refuse(event.id, sender, .late) }
            answers[id, default: [:]][sender, default: []].append(Record(event: event.id, at: at, reference: reference, answer: nil))
        case .followUp(let id, let reference, let text):
            followUps[id, default: []].append((reference, text))
        case .closed(let id):
            closes[id, default: [:]][sender] = min(closes[id]?[sender] ?? at, at)
        }
        seen.insert(event.id)
        return .applied
    }

    private mutating func refuse(_ event: PayloadEvent.ID, _ sender: UInt64, _ reason: Ignored) -> Outcome {
        refusals.append(Refusal(event: event, sender: sender, reason: reason))
        return .ignored(reason)
    }

    /// The last moment an answer to `consultation` counts: its deadline, or an earlier close by its author.
    /// Nil while the `posed` event has not arrived.
    public func deadline(of consultation: PayloadEvent.ID) -> Int64? {
        guard let posed = posed[consultation] else { return nil }
        guard let closed = closes[consultation]?[posed.author] else { return posed.question.deadline }
        return min(closed, posed.question.deadline)
    }

    /// Whether `answer` fits the question: a known option or none, and an option or some text.
    static func isValid(_ answer: ConsultationEvent.Answer, for question: ConsultationEvent.Question) -> Bool {
        if let option = answer.option, !question.options.indices.contains(option) { return false }
        return answer.option != nil || !answer.text.allSatisfy(\.isWhitespace)
    }

    /// The last in-time, valid record of `account` (an answer or a withdrawal), if any.
    private func last(_ consultation: PayloadEvent.ID, _ account: UInt64) -> Record? {
        guard let posed = posed[consultation], let deadline = deadline(of: consultation) else { return nil }
        let usable = (answers[consultation]?[account] ?? []).filter { record in
            record.at <= deadline && (record.answer.map { Self.isValid($0, for: posed.question) } ?? true)
        }
        return usable.reduce(nil) { best, record in best.map { record.isAfter($0) ? record : $0 } ?? record }
    }

    /// The counted answers to `consultation`, one per author, sorted by author (never shown in that order).
    public func counted(_ consultation: PayloadEvent.ID) -> [Counted] {
        (answers[consultation] ?? [:]).keys.sorted().compactMap { account in
            guard let record = last(consultation, account), let answer = record.answer else { return nil }
            return Counted(author: account, reference: record.reference, answer: answer)
        }
    }

    /// How many members' answers count.
    public func respondentCount(_ consultation: PayloadEvent.ID) -> Int { counted(consultation).count }

    /// A member's own view: their answer in its last form and whether it counts; nil when they never answered.
    public func ownAnswer(_ consultation: PayloadEvent.ID, account: UInt64) -> OwnAnswer? {
        guard let records = answers[consultation]?[account], !records.isEmpty else { return nil }
        if let record = last(consultation, account) {
            return OwnAnswer(answer: record.answer, counted: record.answer != nil)
        }
        let latest = records.reduce(records[0]) { $1.isAfter($0) ? $1 : $0 }
        return OwnAnswer(answer: latest.answer, counted: false)
    }

    /// A facilitator's view: the members (other than the facilitators) whose answer does not count yet, for one reminder each.
    public func notAnswered(_ consultation: PayloadEvent.ID, members: Set<UInt64>, facilitators: Set<UInt64>) -> [UInt64] {
        let answered = Set(counted(consultation).map(\.author))
        return members.subtracting(facilitators).subtracting(answered).sorted()
    }

    /// The author of the counted answer `reference` (a facilitator's book only), to send a follow-up to them alone.
    public func author(of reference: PayloadEvent.ID, in consultation: PayloadEvent.ID) -> UInt64? {
        counted(consultation).first { $0.reference == reference }?.author
    }
}
