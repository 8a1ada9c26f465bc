import Klankbord
@testable import KlankbordConsultations
@testable import KlankbordE2E

/// A consultation with answers, as a facilitator's book holds it, for the rules, report and fee tests.
struct ConsultationFixture {
    static let facilitator: UInt64 = 1
    static let deadline: Int64 = 1_000
    static let handles = ["anna", "bo.de-vries", "facilitator"]

    var book = ConsultationBook()
    let posed: PayloadEvent
    let members: Set<UInt64>

    /// `answers[i]` is answered by account 10 + i.
    init(options: [String] = ["Ja", "Nee", "Weet ik niet"], fee: Int64 = 2_500, answers: [ConsultationEvent.Answer]) {
        posed = PayloadEvent(consultation: .posed(.init(askingBody: "Gemeente Leeuwarden", title: "Vergunning, \"nieuw\"",
                                                        text: "Wat vindt je van de regels?\nEn van de intake?", options: options,
                                                        deadline: Self.deadline, feeCents: fee)))
        members = Set([Self.facilitator] + answers.indices.map { 10 + UInt64($0) })
        book.apply(posed, from: Self.facilitator, at: 0, facilitators: [Self.facilitator], members: members)
        for (index, answer) in answers.enumerated() {
            let reference = PayloadEvent.ID.random()
            book.apply(PayloadEvent(consultation: .answered(consultation: posed.id, reference: reference, answer: answer)),
                       from: 10 + UInt64(index), at: 10, facilitators: [Self.facilitator], members: members)
        }
    }

    var id: PayloadEvent.ID { posed.id }
}
