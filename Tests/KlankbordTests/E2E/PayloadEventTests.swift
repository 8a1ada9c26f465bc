import XCTest
import Klankbord
@testable import KlankbordE2E

final class PayloadEventTests: XCTestCase {
    func testKnownTypesRoundTrip() throws {
        let target = PayloadEvent.ID.random()
        let contents: [PayloadEvent.Content] = [
            .text("Hallo allemaal, ¿qué tal? 👋"), .text(""),
            .reply(to: target, text: "Ja, ik kom"), .edit(of: target, text: "Ja, ik kom later"), .delete(of: target),
        ]
        for content in contents {
            let event = PayloadEvent(content: content)
            XCTAssertEqual(try PayloadEvent(serialized: event.serialized()), event)
        }
    }

    func testUnknownTypeIsKeptAsUnsupported() throws {
        let raw: [UInt8] = [0, 1, 2, 250, 251]
        let event = PayloadEvent(content: .unsupported(type: "meeting.proposed", raw: raw))
        let decoded = try PayloadEvent(serialized: event.serialized())
        XCTAssertEqual(decoded.content, .unsupported(type: "meeting.proposed", raw: raw))
        XCTAssertEqual(decoded.type, "meeting.proposed")
        XCTAssertEqual(decoded.id, event.id)
        XCTAssertEqual(decoded.serialized(), event.serialized())
    }

    func testLayoutIsCompact() {
        let event = PayloadEvent(content: .text("hi"))
        XCTAssertEqual(event.serialized().count, 1 + 1 + 4 + 16 + 4 + 2)
        XCTAssertEqual(Array(event.serialized().prefix(6)), [1, 4] + bytes("text"))
    }

    func testKnownTypeWithBadBodyIsMalformed() {
        let id = PayloadEvent.ID.random()
        for (type, body) in [("delete", [UInt8](repeating: 1, count: 15)), ("delete", [UInt8](repeating: 1, count: 17)),
                             ("reply", [UInt8](repeating: 1, count: 3)), ("text", [0xC3, 0x28] as [UInt8])] {
            let encoded = PayloadEvent(id: id, content: .unsupported(type: type, raw: body)).serialized()
            XCTAssertThrows(.malformed) { () throws(E2EError) in try PayloadEvent(serialized: encoded) }
        }
    }

    func testInvalidTypeNamesAreMalformed() {
        for type in ["", "Text", "with space", String(repeating: "a", count: 65)] {
            let encoded = PayloadEvent(content: .unsupported(type: type, raw: [])).serialized()
            XCTAssertThrows(.malformed) { () throws(E2EError) in try PayloadEvent(serialized: encoded) }
        }
        XCTAssertTrue(PayloadEvent.isValidTypeName("ledger.entry-signed_v2"))
    }

    func testNewerEnvelopeVersionIsReported() {
        var encoded = PayloadEvent(content: .text("x")).serialized()
        encoded[0] = 2
        XCTAssertThrows(.unsupportedVersion(2)) { () throws(E2EError) in try PayloadEvent(serialized: encoded) }
    }
}
