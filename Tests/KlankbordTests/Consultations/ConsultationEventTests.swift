import Klankbord
@testable import KlankbordConsultations
@testable import KlankbordE2E
import XCTest

/// Consultation events survive the payload envelope byte for byte, and bad bodies are refused.
final class ConsultationEventTests: XCTestCase {
    private let consultation = try! PayloadEvent.ID(Array(repeating: 1, count: 16))
    private let reference = try! PayloadEvent.ID(Array(repeating: 2, count: 16))

    private var samples: [ConsultationEvent] {
        [
            .posed(.init(askingBody: "Gemeente Leeuwarden", title: "Vergunning", text: "Regel 1\nRegel 2", options: ["ja", "nee"],
                         deadline: 1_800_000_000, discussion: .open, feeCents: 2_500)),
            .posed(.init(askingBody: "Gemeente Sneek", title: "Intake", text: "Wat vindt u?", deadline: -5)),
            .answered(consultation: consultation, reference: reference, answer: .init(option: 1, text: "liever niet")),
            .changed(consultation: consultation, reference: reference, answer: .init(text: "toch wel")),
            .withdrawn(consultation: consultation, reference: reference),
            .followUp(consultation: consultation, reference: reference, text: "Kunt u meer vertellen?"),
            .closed(consultation: consultation),
        ]
    }

    func testEveryEventRoundTripsThroughThePayloadEnvelope() throws {
        for sample in samples {
            let payload = PayloadEvent(consultation: sample)
            let decoded = try PayloadEvent(serialized: payload.serialized())
            XCTAssertEqual(decoded.type, sample.type)
            XCTAssertTrue(ConsultationEvent.typeNames.contains(sample.type))
            XCTAssertEqual(try decoded.consultation(), sample)
        }
    }

    func testClosedBodyIsTheConsultationIdAlone() {
        XCTAssertEqual(ConsultationEvent.closed(consultation: consultation).body, consultation.bytes)
    }

    func testAnswerBodyLayoutMatchesTheDocument() {
        let body = ConsultationEvent.answered(consultation: consultation, reference: reference, answer: .init(option: 258, text: "ok")).body
        XCTAssertEqual(body, consultation.bytes + reference.bytes + [1, 0x01, 0x02, 0x00, 0x02] + Array("ok".utf8))
    }

    func testPlainTextIsNotAConsultation() throws {
        XCTAssertNil(try PayloadEvent(content: .text("hallo")).consultation())
    }

    func testBadBodiesAreRefused() {
        let posed = ConsultationEvent.posed(.init(askingBody: "a", title: "b", text: "c", deadline: 1, feeCents: 1)).body
        var negativeFee = posed
        negativeFee.replaceSubrange(negativeFee.count - 8..<negativeFee.count, with: [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF])
        XCTAssertThrowsError(try ConsultationEvent(type: "consultation.posed", body: negativeFee))
        var badDiscussion = posed
        badDiscussion[badDiscussion.count - 9] = 2
        XCTAssertThrowsError(try ConsultationEvent(type: "consultation.posed", body: badDiscussion))
        XCTAssertThrowsError(try ConsultationEvent(type: "consultation.posed", body: posed + [0]))
        XCTAssertThrowsError(try ConsultationEvent(type: "consultation.closed", body: Array(consultation.bytes.prefix(15))))
    }
}
