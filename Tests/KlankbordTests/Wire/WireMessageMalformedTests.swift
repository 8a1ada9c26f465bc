import XCTest
import Klankbord
@testable import KlankbordProtocol

/// Bytes that are not a valid message are refused with the right `WireError`, and never crash the decoder.
final class WireMessageMalformedTests: XCTestCase {
    private func assertDecodeFails(_ bytes: [UInt8], payloadLimit: Int = 65535, with expected: WireError,
                                   _ message: String = "", file: StaticString = #filePath, line: UInt = #line) {
        do {
            let decoded = try WireMessage.decode(bytes, payloadLimit: payloadLimit)
            XCTFail("decoded \(decoded), expected \(expected) \(message)", file: file, line: line)
        } catch {
            XCTAssertEqual(error, expected, message, file: file, line: line)
        }
    }

    func testEveryPrefixOfEveryMessageIsTruncated() {
        for message in WireSamples.messages {
            let bytes = message.encoded()
            for length in 0..<bytes.count {
                assertDecodeFails(Array(bytes.prefix(length)), with: .truncated, "\(message) cut to \(length) of \(bytes.count)")
            }
        }
    }

    func testTrailingBytesAfterAnyMessageAreRejected() {
        for message in WireSamples.messages {
            assertDecodeFails(message.encoded() + [0], with: .trailingBytes, "\(message)")
            assertDecodeFails(message.encoded() + message.encoded(), with: .trailingBytes, "\(message) twice")
        }
    }

    func testUnknownKindIsRejectedWithItsByte() {
        for kind: UInt8 in [0, 5, 0x7f, 0xff] {
            assertDecodeFails([kind, MessageType.ping.rawValue, 0, 0, 0, 1], with: .unknownKind(kind))
        }
    }

    func testUnknownTypeIsRejectedWithItsByteForEveryKind() {
        let known = Set(MessageType.allCases.map(\.rawValue))
        for type in UInt8.min...UInt8.max where !known.contains(type) {
            for kind in [WireMessage.Kind.request, .response, .error, .push] {
                assertDecodeFails([kind.rawValue, type, 0, 0, 0, 1], with: .unknownType(type), "kind \(kind) type \(type)")
            }
        }
    }

    func testAPushTypeCannotBeARequestOrResponse() {
        for type in WireSamples.pushTypes {
            assertDecodeFails([WireMessage.Kind.request.rawValue, type.rawValue, 0, 0, 0, 1], with: .unknownType(type.rawValue))
            assertDecodeFails([WireMessage.Kind.response.rawValue, type.rawValue, 0, 0, 0, 1], with: .unknownType(type.rawValue))
        }
    }

    func testARequestTypeCannotBeAPush() {
        for type in MessageType.allCases where !WireSamples.pushTypes.contains(type) {
            assertDecodeFails([WireMessage.Kind.push.rawValue, type.rawValue], with: .unknownType(type.rawValue))
        }
    }

    func testSendPayloadOverTheLimitIsFieldTooLong() throws {
        let atLimit = WireMessage.request(id: 1, .send(room: 1, clientID: WireSamples.clientID, payload: Array(repeating: 1, count: 100)))
        XCTAssertEqual(try WireMessage.decode(atLimit.encoded(), payloadLimit: 100), atLimit)
        let over = WireMessage.request(id: 1, .send(room: 1, clientID: WireSamples.clientID, payload: Array(repeating: 1, count: 101)))
        assertDecodeFails(over.encoded(), payloadLimit: 100, with: .fieldTooLong)
    }

    func testInboxPayloadOverTheLimitIsFieldTooLong() throws {
        let over = WireMessage.request(id: 1, .inboxPut(recipient: 2, payload: Array(repeating: 1, count: 101)))
        assertDecodeFails(over.encoded(), payloadLimit: 100, with: .fieldTooLong)
        XCTAssertNoThrow(try WireMessage.decode(over.encoded(), payloadLimit: 101))
    }

    func testAHugeDeclaredPayloadLengthIsFieldTooLongNotAnAllocation() {
        var w = WireWriter()
        w.u8(WireMessage.Kind.request.rawValue)
        w.u8(MessageType.send.rawValue)
        w.u32(1)
        w.u64(1)
        w.fixed(WireSamples.clientID)
        w.u32(.max)
        assertDecodeFails(w.bytes, with: .fieldTooLong)
    }

    func testUnknownEnumeratedValuesAreInvalidValue() {
        var role = WireWriter()
        role.u8(WireMessage.Kind.request.rawValue)
        role.u8(MessageType.inviteCreate.rawValue)
        role.u32(1)
        role.u8(9)
        role.u8(0)
        role.u16(1)
        role.u32(60)
        assertDecodeFails(role.bytes, with: .invalidValue, "role 9")

        var change = WireMessage.push(.membership(room: 1, accountID: 2, handle: "Ana", change: .joined)).encoded()
        change[change.count - 1] = 4
        assertDecodeFails(change, with: .invalidValue, "membership change 4")

        var more = WireMessage.response(id: 1, .events([], more: true), type: .fetch).encoded()
        more[more.count - 1] = 2
        assertDecodeFails(more, with: .invalidValue, "bool 2")

        var kind = WireMessage.response(id: 1, .rooms([RoomSummary(id: 1, kind: .group, name: "a", lastSeq: 0, memberCount: 1)]), type: .rooms).encoded()
        kind[6 + 2 + 8] = 3
        assertDecodeFails(kind, with: .invalidValue, "room kind 3")

        var status = WireMessage.response(id: 1, .deliveries([.delivered]), type: .inboxPutMany).encoded()
        status[status.count - 1] = 3
        assertDecodeFails(status, with: .invalidValue, "delivery status 3")
    }

    func testTextThatIsNotUTF8IsInvalidText() {
        var w = WireWriter()
        w.u8(WireMessage.Kind.request.rawValue)
        w.u8(MessageType.roomCreate.rawValue)
        w.u32(1)
        w.u16(2)
        w.fixed([0xc3, 0x28])
        assertDecodeFails(w.bytes, with: .invalidText)
    }

    func testRandomBytesNeverCrashTheDecoder() {
        var random = SeededGenerator(seed: 0x6b6c_616e_6b62_6f72)
        let kinds: [UInt8] = [1, 2, 3, 4]
        let types = MessageType.allCases.map(\.rawValue)
        var decoded = 0
        for round in 0..<5000 {
            var bytes = random.bytes(Int.random(in: 0...80, using: &random))
            // Most rounds get a valid header, so the body decoders are reached too.
            if round % 4 != 0, bytes.count >= 2 {
                bytes[0] = kinds.randomElement(using: &random) ?? 1
                bytes[1] = types.randomElement(using: &random) ?? 1
            }
            if let message = try? WireMessage.decode(bytes, payloadLimit: 64) {
                decoded += 1
                XCTAssertEqual(try WireMessage.decode(message.encoded(), payloadLimit: 64), message, "round \(round)")
            }
        }
        // Some random bodies are valid (empty requests, `pong`, `done`): proof that the header bias works.
        XCTAssertGreaterThan(decoded, 0)
    }

    func testDamagedCopiesOfRealMessagesNeverCrashTheDecoder() {
        var random = SeededGenerator(seed: 7447)
        for message in WireSamples.messages {
            let original = message.encoded()
            for _ in 0..<40 {
                var bytes = original
                for _ in 0..<Int.random(in: 1...4, using: &random) {
                    let index = Int.random(in: 0..<bytes.count, using: &random)
                    bytes[index] = UInt8.random(in: 0...255, using: &random)
                }
                if let decoded = try? WireMessage.decode(bytes) {
                    XCTAssertEqual(try WireMessage.decode(decoded.encoded()), decoded)
                }
            }
        }
    }
}
