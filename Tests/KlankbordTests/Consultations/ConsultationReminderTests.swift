import Klankbord
@testable import KlankbordConsultations
@testable import KlankbordE2E
import XCTest

/// The reminder event's bytes, and the short codes people type for consultations and answers.
final class ConsultationReminderTests: XCTestCase {
    private func id(_ bytes: [UInt8]) throws -> PayloadEvent.ID {
        try PayloadEvent.ID(bytes + Array(repeating: 0, count: 16 - bytes.count))
    }

    func testAReminderHasTheDocumentedBytesAndReadsBack() throws {
        let consultation = try id([0xab, 0xcd])
        let reminder = ConsultationReminder(consultation: consultation, recipient: 0x0102_0304_0506_0708)
        let payload = reminder.payload
        guard case let .unsupported(type, raw) = payload.content else { return XCTFail("not a feature payload") }
        XCTAssertEqual(type, "consultation.reminded")
        XCTAssertEqual(raw, consultation.bytes + [1, 2, 3, 4, 5, 6, 7, 8])
        XCTAssertEqual(ConsultationReminder(try PayloadEvent(serialized: payload.serialized())), reminder)
    }

    func testABadReminderBodyIsNoReminderAndNoConsultationEvent() throws {
        for raw in [[UInt8](repeating: 1, count: 23), [UInt8](repeating: 1, count: 25)] {
            XCTAssertNil(ConsultationReminder(PayloadEvent(content: .unsupported(type: ConsultationReminder.type, raw: raw))), "\(raw.count) bytes")
        }
        let other = PayloadEvent(content: .unsupported(type: "consultation.closed", raw: Array(repeating: 1, count: 24)))
        XCTAssertNil(ConsultationReminder(other))
        // The book passes reminders by: they change no count.
        var book = ConsultationBook()
        let outcome = book.apply(ConsultationReminder(consultation: try id([1]), recipient: 7).payload, from: 1, at: 0, facilitators: [1], members: [1, 7])
        XCTAssertEqual(outcome, .notConsultation)
    }

    func testCodesAreTheFirstEightHexDigitsAndMatchAnyLongEnoughPrefix() throws {
        let consultation = try id([0x13, 0x0c, 0x9d, 0x34, 0xff])
        XCTAssertEqual(consultation.code, "130c9d34")
        XCTAssertTrue(consultation.matches(code: "130C"))
        XCTAssertTrue(consultation.matches(code: "130c9d34ff"))
        XCTAssertFalse(consultation.matches(code: "130"), "too short to name one question")
        XCTAssertFalse(consultation.matches(code: "130d"))
    }
}
