import Klankbord
@testable import KlankbordConsultations
@testable import KlankbordLocalization
import XCTest

/// Bad input gets a typed error with a stable code and a sentence in every language.
final class ConsultationRulesTests: XCTestCase {
    private let fixture = ConsultationFixture(answers: [.init(option: 0)])

    private func check(_ answer: ConsultationEvent.Answer, by account: UInt64 = 10, now: Int64 = 500) throws {
        try ConsultationRules.checkAnswer(answer, to: fixture.id, in: fixture.book, by: account, members: fixture.members, now: now)
    }

    private func error(_ body: () throws -> Void) -> ConsultationError? {
        do { try body() } catch let error as ConsultationError { return error } catch { return nil }
        return nil
    }

    func testGoodAnswersPass() throws {
        try check(.init(option: 2))
        try check(.init(text: "Liever niet."))
        try check(.init(option: 0, text: "Ja, maar"), now: ConsultationFixture.deadline)
    }

    func testEachBadAnswerHasItsError() {
        XCTAssertEqual(error { try check(.init(option: 0), now: ConsultationFixture.deadline + 1) }, .answerAfterDeadline)
        XCTAssertEqual(error { try check(.init(option: 0), by: 99) }, .notAMember)
        XCTAssertEqual(error { try check(.init(option: 3)) }, .unknownOption(4))
        XCTAssertEqual(error { try check(.init(text: " \n\t")) }, .emptyAnswer)
        XCTAssertEqual(error {
            try ConsultationRules.checkAnswer(.init(option: 0), to: .random(), in: fixture.book, by: 10, members: fixture.members, now: 1)
        }, .unknownConsultation)
    }

    func testReportRules() {
        XCTAssertEqual(error { _ = try ConsultationRules.checkReport(of: fixture.id, in: fixture.book, by: 1, now: ConsultationFixture.deadline) },
                       .reportBeforeDeadline(ConsultationFixture.deadline))
        XCTAssertEqual(error { _ = try ConsultationRules.checkReport(of: fixture.id, in: fixture.book, by: 10, now: 5_000) }, .notYourConsultation)
        XCTAssertNoThrow(try ConsultationRules.checkReport(of: fixture.id, in: fixture.book, by: 1, now: ConsultationFixture.deadline + 1))
    }

    func testEveryErrorHasAStableCodeAndATranslatedSentence() {
        let errors: [ConsultationError] = [.unknownConsultation, .answerAfterDeadline, .notAMember, .unknownOption(4), .emptyAnswer,
                                           .reportBeforeDeadline(1_780_000_000), .notYourConsultation,
                                           .tooFewRespondents(count: 2, minimum: 3), .explanationNeeded]
        XCTAssertEqual(Set(errors.map(\.code)).count, errors.count)
        XCTAssertTrue(errors.allSatisfy { $0.code.hasPrefix("consultation_") })
        for language in [Language.en, .nl, .es] {
            let t = Localizer(language)
            let sentences = errors.map { $0.sentence(t) }
            XCTAssertEqual(Set(sentences).count, errors.count, "\(language)")
            for sentence in sentences {
                XCTAssertFalse(sentence.hasPrefix("consult."), "\(language): \(sentence)")
                XCTAssertFalse(sentence.contains("{"), "\(language): \(sentence)")
            }
        }
        XCTAssertTrue(ConsultationError.unknownOption(4).sentence(Localizer(.nl)).hasPrefix("4 "))
        XCTAssertTrue(ConsultationError.tooFewRespondents(count: 2, minimum: 3).sentence(Localizer(.en)).contains("at least 3"))
    }
}
