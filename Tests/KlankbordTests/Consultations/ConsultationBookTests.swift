import Klankbord
@testable import KlankbordConsultations
@testable import KlankbordE2E
import XCTest

/// The reducer counts each member once, in the last form of their answer, whatever the delivery order.
final class ConsultationBookTests: XCTestCase {
    private let facilitator: UInt64 = 1
    private let members: Set<UInt64> = [1, 10, 11, 12, 13]
    private var facilitators: Set<UInt64> { [facilitator] }
    private let deadline: Int64 = 1_000

    private struct Delivery {
        let event: PayloadEvent
        let sender: UInt64
        let at: Int64
    }

    private func pose(options: [String] = ["ja", "nee"]) -> PayloadEvent {
        PayloadEvent(consultation: .posed(.init(askingBody: "Gemeente Leeuwarden", title: "Vergunning", text: "Wat vindt u?",
                                                options: options, deadline: deadline, feeCents: 1_000)))
    }

    private func answer(_ posed: PayloadEvent, option: Int? = nil, text: String = "", change: Bool = false) -> PayloadEvent {
        let answer = ConsultationEvent.Answer(option: option, text: text)
        let reference = try! PayloadEvent.ID(Array(repeating: 7, count: 16))
        return PayloadEvent(consultation: change ? .changed(consultation: posed.id, reference: reference, answer: answer)
                                                 : .answered(consultation: posed.id, reference: reference, answer: answer))
    }

    private func withdraw(_ posed: PayloadEvent) -> PayloadEvent {
        PayloadEvent(consultation: .withdrawn(consultation: posed.id, reference: try! PayloadEvent.ID(Array(repeating: 7, count: 16))))
    }

    /// A scenario: 10 answers then changes, 11 answers then withdraws, 12 answers late, 13 answers and re-answers
    /// after withdrawing, a non-facilitator tries to close early. Two answers count: 10 (changed) and 13.
    private func scenario() -> (PayloadEvent, [Delivery]) {
        let posed = pose()
        let deliveries = [
            Delivery(event: posed, sender: facilitator, at: 0),
            Delivery(event: answer(posed, option: 0, text: "eerst"), sender: 10, at: 100),
            Delivery(event: answer(posed, option: 1, text: "later", change: true), sender: 10, at: 200),
            Delivery(event: answer(posed, option: 0), sender: 11, at: 100),
            Delivery(event: withdraw(posed), sender: 11, at: 300),
            Delivery(event: answer(posed, option: 1), sender: 12, at: deadline + 1),
            Delivery(event: answer(posed, text: "a"), sender: 13, at: 100),
            Delivery(event: withdraw(posed), sender: 13, at: 150),
            Delivery(event: answer(posed, text: "b", change: true), sender: 13, at: 160),
            Delivery(event: PayloadEvent(consultation: .closed(consultation: posed.id)), sender: 10, at: 50),
        ]
        return (posed, deliveries)
    }

    func testChangedAndWithdrawnAnswersCountOnceInTheirLastForm() {
        let (posed, deliveries) = scenario()
        var book = ConsultationBook()
        for delivery in deliveries {
            book.apply(delivery.event, from: delivery.sender, at: delivery.at, facilitators: facilitators, members: members)
        }
        XCTAssertEqual(book.respondentCount(posed.id), 2)
        XCTAssertEqual(book.counted(posed.id).map(\.answer), [.init(option: 1, text: "later"), .init(text: "b")])
        XCTAssertEqual(book.ownAnswer(posed.id, account: 10), .init(answer: .init(option: 1, text: "later"), counted: true))
        XCTAssertEqual(book.ownAnswer(posed.id, account: 11), .init(answer: nil, counted: false))
        XCTAssertEqual(book.ownAnswer(posed.id, account: 12), nil, "a late answer is not kept")
        XCTAssertEqual(book.notAnswered(posed.id, members: members, facilitators: facilitators), [11, 12])
        XCTAssertEqual(book.refusals.map(\.reason), [.late, .notAFacilitator])
    }

    func testRespondentCountIsRightInEveryDeliveryOrderWithDuplicates() {
        var generator = SeededGenerator(seed: 19)
        for _ in 0..<300 {
            let (posed, deliveries) = scenario()
            var shuffled = deliveries + deliveries.filter { _ in Bool.random(using: &generator) }
            shuffled.shuffle(using: &generator)
            var book = ConsultationBook()
            for delivery in shuffled {
                book.apply(delivery.event, from: delivery.sender, at: delivery.at, facilitators: facilitators, members: members)
            }
            XCTAssertEqual(book.respondentCount(posed.id), 2)
            XCTAssertEqual(Set(book.counted(posed.id).map(\.author)), [10, 13])
            XCTAssertEqual(book.counted(posed.id).first { $0.author == 10 }?.answer, .init(option: 1, text: "later"))
        }
    }

    func testSameInstantChangesPickTheSameAnswerOnEveryDevice() {
        let posed = pose()
        let first = answer(posed, option: 0), second = answer(posed, option: 1, change: true)
        var forward = ConsultationBook(), backward = ConsultationBook()
        for event in [posed, first, second] { forward.apply(event, from: event == posed ? 1 : 10, at: 5, facilitators: facilitators, members: members) }
        for event in [second, first, posed] { backward.apply(event, from: event == posed ? 1 : 10, at: 5, facilitators: facilitators, members: members) }
        XCTAssertEqual(forward.counted(posed.id), backward.counted(posed.id))
        XCTAssertEqual(forward.respondentCount(posed.id), 1)
    }

    func testOnlyFacilitatorsPoseAndOnlyMembersAnswer() {
        var book = ConsultationBook()
        let posed = pose()
        XCTAssertEqual(book.apply(posed, from: 10, at: 0, facilitators: facilitators, members: members), .ignored(.notAFacilitator))
        XCTAssertNil(book.posed[posed.id])
        XCTAssertEqual(book.apply(posed, from: 1, at: 0, facilitators: facilitators, members: members), .applied)
        XCTAssertEqual(book.apply(posed, from: 1, at: 0, facilitators: facilitators, members: members), .duplicate)
        XCTAssertEqual(book.apply(answer(posed, option: 0), from: 99, at: 1, facilitators: facilitators, members: members), .ignored(.notAMember))
        XCTAssertEqual(book.respondentCount(posed.id), 0)
        XCTAssertEqual(book.apply(PayloadEvent(content: .text("hoi")), from: 10, at: 1, facilitators: facilitators, members: members), .notConsultation)
    }

    func testUnknownOptionsAndEmptyAnswersDoNotCount() {
        var book = ConsultationBook()
        let posed = pose()
        book.apply(posed, from: 1, at: 0, facilitators: facilitators, members: members)
        book.apply(answer(posed, option: 5), from: 10, at: 1, facilitators: facilitators, members: members)
        book.apply(answer(posed, text: "  \n"), from: 11, at: 1, facilitators: facilitators, members: members)
        XCTAssertEqual(book.respondentCount(posed.id), 0)
    }

    func testAnEarlyCloseByTheAuthorEndsCounting() {
        var book = ConsultationBook()
        let posed = pose()
        book.apply(posed, from: 1, at: 0, facilitators: facilitators, members: members)
        book.apply(answer(posed, option: 0), from: 10, at: 600, facilitators: facilitators, members: members)
        book.apply(PayloadEvent(consultation: .closed(consultation: posed.id)), from: 1, at: 500, facilitators: facilitators, members: members)
        XCTAssertEqual(book.deadline(of: posed.id), 500)
        XCTAssertEqual(book.respondentCount(posed.id), 0)
    }

    func testTheFacilitatorFindsTheAuthorOfAReference() {
        let (posed, deliveries) = scenario()
        var book = ConsultationBook()
        for delivery in deliveries { book.apply(delivery.event, from: delivery.sender, at: delivery.at, facilitators: facilitators, members: members) }
        let reference = try! PayloadEvent.ID(Array(repeating: 7, count: 16))
        XCTAssertEqual(book.author(of: reference, in: posed.id), 10)
        XCTAssertNil(book.author(of: posed.id, in: posed.id))
    }

    func testOnlyAFacilitatorsFollowUpReachesTheAuthorsBook() {
        let posed = pose()
        let reference = try! PayloadEvent.ID(Array(repeating: 7, count: 16))
        var authorsBook = ConsultationBook()
        authorsBook.apply(posed, from: facilitator, at: 0, facilitators: facilitators, members: members)
        let asked = PayloadEvent(consultation: .followUp(consultation: posed.id, reference: reference, text: "Wat bedoel je precies?"))
        let forged = PayloadEvent(consultation: .followUp(consultation: posed.id, reference: reference, text: "Wie ben jij?"))
        XCTAssertEqual(authorsBook.apply(forged, from: 11, at: 5, facilitators: facilitators, members: members), .ignored(.notAFacilitator))
        XCTAssertEqual(authorsBook.apply(asked, from: facilitator, at: 5, facilitators: facilitators, members: members), .applied)
        XCTAssertEqual(authorsBook.followUps[posed.id]?.map(\.text), ["Wat bedoel je precies?"])
        XCTAssertEqual(authorsBook.followUps[posed.id]?.map(\.reference), [reference])
    }
}
