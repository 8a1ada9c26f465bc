import Klankbord
@testable import KlankbordConsultations
@testable import KlankbordE2E
@testable import KlankbordLocalization
import XCTest

/// Each counted answer proposes its fee to its author; withdrawn and late answers propose nothing.
final class ConsultationFeesTests: XCTestCase {
    func testEachCountedAnswerProposesTheFeeToItsAuthor() {
        var fixture = ConsultationFixture(fee: 2_500, answers: [.init(option: 0), .init(option: 1), .init(option: 2)])
        fixture.book.apply(PayloadEvent(consultation: .withdrawn(consultation: fixture.id, reference: .random())), from: 11, at: 20,
                           facilitators: [1], members: fixture.members)
        let proposals = ConsultationFees.proposals(for: fixture.id, in: fixture.book)
        XCTAssertEqual(proposals.map(\.recipient), [10, 12])
        XCTAssertTrue(proposals.allSatisfy { $0.amountCents == 2_500 && $0.consultation == fixture.id })
        XCTAssertEqual(ConsultationFees.total(proposals), 5_000)
        XCTAssertEqual(proposals.first?.purpose(Localizer(.nl)), "Vergoeding voor je antwoord: Vergunning, \"nieuw\"")
    }

    func testAFreeConsultationProposesNothing() {
        let fixture = ConsultationFixture(fee: 0, answers: [.init(option: 0), .init(option: 1)])
        XCTAssertEqual(ConsultationFees.proposals(for: fixture.id, in: fixture.book), [])
        XCTAssertEqual(ConsultationFees.proposals(for: .random(), in: fixture.book), [])
    }
}
