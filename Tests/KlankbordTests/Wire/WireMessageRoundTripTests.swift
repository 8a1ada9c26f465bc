import XCTest
import Klankbord
@testable import KlankbordProtocol

/// Every message a client or server can send comes back unchanged after encoding and decoding.
final class WireMessageRoundTripTests: XCTestCase {
    func testEveryRequestTypeHasASample() {
        let covered = Set(WireSamples.requests.map(\.type))
        for type in MessageType.allCases where !WireSamples.pushTypes.contains(type) {
            XCTAssertTrue(covered.contains(type), "no request sample for \(type)")
        }
    }

    func testEveryRequestTypeAndEveryResponseCaseHasAResponseSample() {
        let types = Set(WireSamples.responses.map(\.1))
        for type in MessageType.allCases where !WireSamples.pushTypes.contains(type) {
            XCTAssertTrue(types.contains(type), "no response sample for \(type)")
        }
        XCTAssertEqual(Set(WireSamples.responses.map { WireSamples.caseName($0.0) }).count, WireSamples.responseCaseCount)
    }

    func testEveryPushTypeAndMembershipChangeHasASample() {
        XCTAssertEqual(Set(WireSamples.pushes.map(\.type)), WireSamples.pushTypes)
        let changes = WireSamples.pushes.compactMap { push -> MembershipChange? in
            if case let .membership(_, _, _, change) = push { return change }
            return nil
        }
        XCTAssertEqual(Set(changes), Set(MembershipChange.allCases))
    }

    func testEveryRequestRoundTrips() throws {
        for (index, request) in WireSamples.requests.enumerated() {
            let message = WireMessage.request(id: UInt32(index) * 1000 + 1, request)
            XCTAssertEqual(try WireMessage.decode(message.encoded()), message)
        }
    }

    func testRequestHeaderIsKindTypeAndBigEndianID() {
        let bytes = WireMessage.request(id: 0x0102_0304, .ping).encoded()
        XCTAssertEqual(bytes, [1, MessageType.ping.rawValue, 1, 2, 3, 4])
    }

    func testEveryResponseRoundTripsWhenDecodedByItsRequestType() throws {
        for (response, type) in WireSamples.responses {
            let message = WireMessage.response(id: 0xdead_beef, response, type: type)
            XCTAssertEqual(try WireMessage.decode(message.encoded()), message, "\(type)")
        }
    }

    func testInboxPutManyIsAnsweredWithOneStatusBytePerItemInRequestOrder() throws {
        let bytes = WireMessage.response(id: 7, .deliveries([.delivered, .limitReached, .handleUnknown, .delivered]), type: .inboxPutMany).encoded()
        XCTAssertEqual(bytes, [WireMessage.Kind.response.rawValue, MessageType.inboxPutMany.rawValue, 0, 0, 0, 7, 0, 4, 0, 1, 2, 0])
    }

    func testEveryPushRoundTripsWithATwoByteHeader() throws {
        for push in WireSamples.pushes {
            let bytes = WireMessage.push(push).encoded()
            XCTAssertEqual(Array(bytes.prefix(2)), [WireMessage.Kind.push.rawValue, push.type.rawValue])
            XCTAssertEqual(try WireMessage.decode(bytes), .push(push))
        }
    }

    func testEveryErrorCodeRoundTripsAsItsStableText() throws {
        for message in WireSamples.errors {
            let bytes = message.encoded()
            XCTAssertEqual(try WireMessage.decode(bytes), message)
            guard case let .error(_, code, _) = message else { return XCTFail("not an error sample") }
            XCTAssertEqual(Array(bytes.suffix(code.rawValue.utf8.count)), Array(code.rawValue.utf8))
        }
    }

    func testAnErrorCodeFromANewerServerDecodesAsUnavailable() throws {
        var w = WireWriter()
        w.u8(WireMessage.Kind.error.rawValue)
        w.u8(MessageType.send.rawValue)
        w.u32(9)
        w.string("quota_of_the_future")
        XCTAssertEqual(try WireMessage.decode(w.bytes), .error(id: 9, .unavailable, type: .send))
    }

    func testLargePayloadsUpToTheLimitRoundTrip() throws {
        let payload = (0..<60_000).map { UInt8(truncatingIfNeeded: $0) }
        let send = WireMessage.request(id: 1, .send(room: 1, clientID: WireSamples.clientID, payload: payload))
        XCTAssertEqual(try WireMessage.decode(send.encoded(), payloadLimit: 60_000), send)
        let push = WireMessage.push(.event(EventRecord(room: 1, seq: 1, senderID: 1, senderHandle: "Ana", time: 0, payload: payload)))
        XCTAssertEqual(try WireMessage.decode(push.encoded()), push)
    }
}
