import Klankbord
@testable import KlankbordConsultations
@testable import KlankbordLocalization
import XCTest

/// The report for the municipality: counts, shuffled answers without handles, the minimum rule, flags and redaction.
final class ConsultationReportTests: XCTestCase {
    private let after = ConsultationFixture.deadline + 1
    private let texts = (0..<12).map { "Antwoord nummer \($0) over de regels" }

    private func report(_ fixture: ConsultationFixture, seed: UInt64, minimum: Int = 3, explanation: String? = nil) throws -> ConsultationReport {
        var random = SeededGenerator(seed: seed)
        return try ConsultationReport(consultation: fixture.id, in: fixture.book, by: ConsultationFixture.facilitator, now: after,
                                      handles: ConsultationFixture.handles, minimum: minimum, explanation: explanation, using: &random)
    }

    func testCountsPerOptionAndRespondents() throws {
        let fixture = ConsultationFixture(answers: [.init(option: 0), .init(option: 1, text: "Nee, want"), .init(option: 0), .init(text: "Geen idee")])
        let made = try report(fixture, seed: 1)
        XCTAssertEqual(made.respondents, 4)
        XCTAssertEqual(made.options.map(\.count), [2, 1, 0])
        XCTAssertEqual(Set(made.answers.map(\.text)), ["Nee, want", "Geen idee"])
        XCTAssertTrue(made.rendered(.md, Localizer(.en)).contains("4 people answered."))
        XCTAssertTrue(made.rendered(.txt, Localizer(.nl)).contains("4 mensen hebben geantwoord."))
    }

    func testAnswerOrderDiffersBetweenRunsAndNoAuthorOrderSurvives() throws {
        let fixture = ConsultationFixture(options: [], answers: texts.map { .init(text: $0) })
        let first = try report(fixture, seed: 1).answers.map(\.text)
        let second = try report(fixture, seed: 2).answers.map(\.text)
        let byAuthor = fixture.book.counted(fixture.id).map(\.answer.text)
        XCTAssertEqual(Set(first), Set(texts))
        XCTAssertNotEqual(first, second)
        XCTAssertNotEqual(first, byAuthor)
        XCTAssertNotEqual(second, byAuthor)
        // The default generator is libsodium's: two reports in a row differ too.
        let sodiumFirst = try ConsultationReport(consultation: fixture.id, in: fixture.book, by: 1, now: after, handles: []).answers
        let sodiumSecond = try ConsultationReport(consultation: fixture.id, in: fixture.book, by: 1, now: after, handles: []).answers
        XCTAssertNotEqual(sodiumFirst.map(\.text), sodiumSecond.map(\.text))
    }

    func testNoHandleSurvivesInAnyFormat() throws {
        let fixture = ConsultationFixture(options: [], answers: [
            .init(text: "Vraag het aan @Anna, die weet het."), .init(text: "bo.de-vries en ANNA zeiden hetzelfde"),
            .init(text: "Johanna is geen lid, annabel ook niet."),
        ])
        let made = try report(fixture, seed: 3)
        for format in ConsultationReport.Format.allCases {
            let file = made.rendered(format, Localizer(.nl)).lowercased()
            XCTAssertFalse(file.contains("@anna") || file.contains("bo.de-vries") || file.contains(" anna "), "\(format): \(file)")
            XCTAssertTrue(file.contains("johanna") && file.contains("annabel"), "only whole handles are removed")
        }
        XCTAssertEqual(Set(made.answers.map(\.text)), ["Vraag het aan [\u{2026}], die weet het.", "[\u{2026}] en [\u{2026}] zeiden hetzelfde",
                                                      "Johanna is geen lid, annabel ook niet."])
        XCTAssertFalse(made.rendered(.csv, Localizer(.en)).contains(String(ConsultationFixture.facilitator)))
    }

    func testTooFewRespondentsIsRefusedUnlessForcedWithAReason() throws {
        let fixture = ConsultationFixture(answers: [.init(option: 0), .init(option: 1)])
        XCTAssertThrowsError(try report(fixture, seed: 1)) { XCTAssertEqual($0 as? ConsultationError, .tooFewRespondents(count: 2, minimum: 3)) }
        XCTAssertThrowsError(try report(fixture, seed: 1, explanation: "  ")) { XCTAssertEqual($0 as? ConsultationError, .explanationNeeded) }
        XCTAssertNoThrow(try report(fixture, seed: 1, minimum: 2))
        let forced = try report(fixture, seed: 1, explanation: "De gemeente wil alleen de aantallen.")
        XCTAssertEqual(forced.explanation, "De gemeente wil alleen de aantallen.")
        for format in ConsultationReport.Format.allCases {
            XCTAssertTrue(forced.rendered(format, Localizer(.en)).contains("De gemeente wil alleen de aantallen."), "\(format)")
        }
        XCTAssertNil(try report(ConsultationFixture(answers: [.init(option: 0), .init(option: 0), .init(option: 1)]), seed: 1,
                                explanation: "niet nodig").explanation)
    }

    func testOnlyTheAuthorAfterTheDeadlineGetsAReport() {
        let fixture = ConsultationFixture(answers: [.init(option: 0), .init(option: 1), .init(option: 2)])
        var random = SeededGenerator(seed: 1)
        XCTAssertThrowsError(try ConsultationReport(consultation: fixture.id, in: fixture.book, by: 10, now: after, handles: [], using: &random)) {
            XCTAssertEqual($0 as? ConsultationError, .notYourConsultation)
        }
        XCTAssertThrowsError(try ConsultationReport(consultation: fixture.id, in: fixture.book, by: 1, now: 999, handles: [], using: &random)) {
            XCTAssertEqual($0 as? ConsultationError, .reportBeforeDeadline(ConsultationFixture.deadline))
        }
    }

    func testFlaggedAnswersCanBeRedactedBeforeExport() throws {
        let fixture = ConsultationFixture(options: [], answers: [
            .init(text: "Bel me op 06-12345678."), .init(text: "Mail naar iemand@example.nl"),
            .init(text: "Ik woon aan de Voorstreek 12 in Leeuwarden"), .init(text: "Postcode 8911 AB"),
            .init(text: "Zoals anna al zei"), .init(text: "Gewoon een mening, in 2024 en 2025."),
        ])
        var made = try report(fixture, seed: 4)
        let flags = Dictionary(uniqueKeysWithValues: made.answers.map { ($0.text, $0.flags) })
        XCTAssertEqual(flags["Bel me op 06-12345678."], [.phone])
        XCTAssertEqual(flags["Mail naar iemand@example.nl"], [.email])
        XCTAssertEqual(flags["Ik woon aan de Voorstreek 12 in Leeuwarden"], [.address])
        XCTAssertEqual(flags["Postcode 8911 AB"], [.address])
        XCTAssertEqual(flags["Zoals [\u{2026}] al zei"], [.handle])
        XCTAssertEqual(flags["Gewoon een mening, in 2024 en 2025."], [])
        XCTAssertEqual(made.flagged.count, 5)
        for index in made.flagged { made.redact(index) }
        for format in ConsultationReport.Format.allCases {
            let file = made.rendered(format, Localizer(.en))
            XCTAssertFalse(file.contains("12345678") || file.contains("example.nl") || file.contains("Voorstreek") || file.contains("8911"), "\(format)")
            XCTAssertTrue(file.contains("2024 en 2025"), "\(format)")
            XCTAssertTrue(file.contains(Localizer(.en)("consult.report.redacted")), "\(format)")
        }
        XCTAssertEqual(PersonalDetails.Kind.phone.label(Localizer(.nl)), "noemt een telefoonnummer")
    }
}
