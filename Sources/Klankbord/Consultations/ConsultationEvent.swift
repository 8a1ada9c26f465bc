// Bodies of the `consultation.*` payload events (version 1), written with `WireWriter`; layouts in
// docs/CONSULTATIONS.md. A consultation is named by the `PayloadEvent.ID` of its `consultation.posed` event.

import KlankbordE2E
import KlankbordProtocol

/// What a consultation event says: the facilitator's question, a member's answer and its changes, a follow-up, the close.
public enum ConsultationEvent: Hashable, Sendable {
    /// Whether answers go only to the facilitators (the default) or may also be discussed in the room.
    public enum Discussion: UInt8, Hashable, Sendable {
        /// Answers go to the facilitators only, over the pairwise sessions.
        case `private` = 0
        /// Members may also talk about the question in the room; answers still go to the facilitators only.
        case open = 1
    }

    /// A question a facilitator puts to the room.
    public struct Question: Hashable, Sendable {
        /// Who asks, for example "Gemeente Leeuwarden".
        public var askingBody: String
        /// A short title.
        public var title: String
        /// The question itself; may have several lines.
        public var text: String
        /// The multiple-choice options; empty for a free-text question.
        public var options: [String]
        /// The last moment an answer counts, in seconds since 1970 (UTC).
        public var deadline: Int64
        /// Where answers may be discussed.
        public var discussion: Discussion
        /// What each counted answer earns its author, in euro cents (0 or more).
        public var feeCents: Int64

        /// A question; answers are private unless `discussion` says otherwise.
        public init(askingBody: String, title: String, text: String, options: [String] = [], deadline: Int64,
                    discussion: Discussion = .private, feeCents: Int64 = 0) {
            self.askingBody = askingBody
            self.title = title
            self.text = text
            self.options = options
            self.deadline = deadline
            self.discussion = discussion
            self.feeCents = feeCents
        }
    }

    /// A member's answer: an option, free text, or both.
    public struct Answer: Hashable, Sendable {
        /// The index of the chosen option in `Question.options`, if any.
        public var option: Int?
        /// The free text; empty when there is none.
        public var text: String

        /// An answer with an option and/or text.
        public init(option: Int? = nil, text: String = "") {
            self.option = option
            self.text = text
        }
    }

    /// A facilitator poses a question in the room.
    case posed(Question)
    /// A member answers `consultation`; `reference` is a random id the member picks once and keeps for changes.
    case answered(consultation: PayloadEvent.ID, reference: PayloadEvent.ID, answer: Answer)
    /// A member replaces their answer.
    case changed(consultation: PayloadEvent.ID, reference: PayloadEvent.ID, answer: Answer)
    /// A member takes their answer back.
    case withdrawn(consultation: PayloadEvent.ID, reference: PayloadEvent.ID)
    /// A facilitator asks the author of the answer `reference` a follow-up question, in a pairwise session.
    case followUp(consultation: PayloadEvent.ID, reference: PayloadEvent.ID, text: String)
    /// A facilitator closes the consultation before or at its deadline.
    case closed(consultation: PayloadEvent.ID)

    /// The payload type names, one per case.
    public static let typeNames: Set<String> = ["consultation.posed", "consultation.answered", "consultation.changed",
                                                "consultation.withdrawn", "consultation.follow_up", "consultation.closed"]

    /// The type name on the wire.
    public var type: String {
        switch self {
        case .posed: "consultation.posed"
        case .answered: "consultation.answered"
        case .changed: "consultation.changed"
        case .withdrawn: "consultation.withdrawn"
        case .followUp: "consultation.follow_up"
        case .closed: "consultation.closed"
        }
    }

    /// The consultation this event is about, or nil for `posed` (whose own event id names it).
    public var consultation: PayloadEvent.ID? {
        switch self {
        case .posed: nil
        case .answered(let id, _, _), .changed(let id, _, _), .withdrawn(let id, _), .followUp(let id, _, _), .closed(let id): id
        }
    }

    /// Whether only a facilitator may send this event.
    public var isFacilitatorOnly: Bool {
        switch self {
        case .posed, .followUp, .closed: true
        case .answered, .changed, .withdrawn: false
        }
    }

    /// Whether this event travels only over the pairwise sessions (to the facilitators, or to one answer's author), never the room.
    public var isPairwiseOnly: Bool {
        switch self {
        case .posed, .closed: false
        case .answered, .changed, .withdrawn, .followUp: true
        }
    }

    /// The body bytes (docs/CONSULTATIONS.md).
    public var body: [UInt8] {
        var writer = WireWriter()
        switch self {
        case .posed(let question):
            writer.string(question.askingBody)
            writer.string(question.title)
            writer.string(question.text)
            writer.list(question.options) { $0.string($1) }
            writer.i64(question.deadline)
            writer.u8(question.discussion.rawValue)
            writer.i64(question.feeCents)
        case .answered(let id, let reference, let answer), .changed(let id, let reference, let answer):
            writer.fixed(id.bytes)
            writer.fixed(reference.bytes)
            writer.optional(answer.option) { $0.u16(UInt16(truncatingIfNeeded: $1)) }
            writer.string(answer.text)
        case .withdrawn(let id, let reference):
            writer.fixed(id.bytes)
            writer.fixed(reference.bytes)
        case .followUp(let id, let reference, let text):
            writer.fixed(id.bytes)
            writer.fixed(reference.bytes)
            writer.string(text)
        case .closed(let id):
            writer.fixed(id.bytes)
        }
        return writer.bytes
    }

    /// Decodes a body of type `type`; nil for a type that is not a consultation type.
    /// Throws `WireError` for a bad body (a negative fee, an unknown discussion byte, trailing bytes).
    public init?(type: String, body: [UInt8]) throws(WireError) {
        var reader = WireReader(body)
        func id() throws(WireError) -> PayloadEvent.ID {
            guard let id = try? PayloadEvent.ID(try reader.fixed(PayloadEvent.ID.length)) else { throw .truncated }
            return id
        }
        func answer() throws(WireError) -> Answer {
            let option = try reader.optional { reader throws(WireError) in Int(try reader.u16()) }
            return Answer(option: option, text: try reader.string())
        }
        switch type {
        case "consultation.posed":
            let asking = try reader.string(), title = try reader.string(), text = try reader.string()
            let options = try reader.list { reader throws(WireError) in try reader.string() }
            let deadline = try reader.i64()
            guard let discussion = Discussion(rawValue: try reader.u8()) else { throw .invalidValue }
            let fee = try reader.i64()
            guard fee >= 0 else { throw .invalidValue }
            self = .posed(Question(askingBody: asking, title: title, text: text, options: options, deadline: deadline,
                                   discussion: discussion, feeCents: fee))
        case "consultation.answered": self = .answered(consultation: try id(), reference: try id(), answer: try answer())
        case "consultation.changed": self = .changed(consultation: try id(), reference: try id(), answer: try answer())
        case "consultation.withdrawn": self = .withdrawn(consultation: try id(), reference: try id())
        case "consultation.follow_up": self = .followUp(consultation: try id(), reference: try id(), text: try reader.string())
        case "consultation.closed": self = .closed(consultation: try id())
        default: return nil
        }
        try reader.finish()
    }
}

extension PayloadEvent {
    /// A payload event carrying `consultation` (kept as `.unsupported` content, which writes its type and body as given).
    public init(id: ID = .random(), consultation: ConsultationEvent) {
        self.init(id: id, content: .unsupported(type: consultation.type, raw: consultation.body))
    }

    /// The consultation event this payload carries: nil when it is not one, throws `WireError` for a bad body.
    public func consultation() throws(WireError) -> ConsultationEvent? {
        guard case .unsupported(let type, let raw) = content else { return nil }
        return try ConsultationEvent(type: type, body: raw)
    }
}
