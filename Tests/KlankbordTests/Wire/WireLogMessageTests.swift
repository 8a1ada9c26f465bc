import XCTest
import Klankbord
@testable import KlankbordProtocol

/// The log messages' limits on the wire (docs/PROTOCOL.md, 0x60, 0x61, 0x83, and `welcome`).
final class WireLogMessageTests: XCTestCase {
    func testALogEntryOverFourKilobytesIsFieldTooLong() {
        let request = WireMessage.request(id: 1, .logAppend(scope: 1, index: 0, entry: Array(repeating: 1, count: Request.maxLogEntryLength + 1)))
        XCTAssertThrowsError(try WireMessage.decode(request.encoded())) { XCTAssertEqual($0 as? WireError, .fieldTooLong) }
        let push = WireMessage.push(.logEntry(scope: 1, LogRecord(index: 0, entry: Array(repeating: 1, count: Request.maxLogEntryLength + 1))))
        XCTAssertThrowsError(try WireMessage.decode(push.encoded())) { XCTAssertEqual($0 as? WireError, .fieldTooLong) }
    }

    func testAWelcomeOverTheLimitIsFieldTooLong() {
        let big = Array(repeating: UInt8(1), count: Request.maxWelcomeLength + 1)
        let request = WireMessage.request(id: 1, .inviteCreate(role: .member, room: 2, uses: 1, expiresInSeconds: 60,
                                                               keyed: KeyedInvite(token: WireSamples.secret, welcome: big)))
        XCTAssertThrowsError(try WireMessage.decode(request.encoded())) { XCTAssertEqual($0 as? WireError, .fieldTooLong) }
        let response = WireMessage.response(id: 1, .redeemed(account: WireSamples.account, room: 2, inviter: nil, welcome: big), type: .redeem)
        XCTAssertThrowsError(try WireMessage.decode(response.encoded())) { XCTAssertEqual($0 as? WireError, .fieldTooLong) }
    }

    func testLogFetchLayoutIsScopeAfterLimit() {
        let bytes = WireMessage.request(id: 1, .logFetch(scope: 0x0102, after: 0x0304, limit: 0x0506)).encoded()
        XCTAssertEqual(bytes, [1, 0x60, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 2, 0, 0, 3, 4, 5, 6])
    }

    func testAKeyedInviteCarriesTheTokenThenTheWelcome() {
        let keyed = KeyedInvite(token: WireSamples.secret, welcome: [9, 9])
        let bytes = WireMessage.request(id: 1, .inviteCreate(role: .member, room: nil, uses: 1, expiresInSeconds: 60, keyed: keyed)).encoded()
        XCTAssertEqual(Array(bytes.suffix(1 + 32 + 1 + 4 + 2)), [1] + WireSamples.secret + [1, 0, 0, 0, 2, 9, 9])
    }

    func testAnInviteWithoutAWelcomeEndsWithAnAbsentFlag() {
        let bytes = WireMessage.request(id: 1, .inviteCreate(role: .member, room: nil, uses: 1, expiresInSeconds: 60)).encoded()
        XCTAssertEqual(Array(bytes.suffix(1)), [0])
        XCTAssertEqual(bytes.count, 6 + 1 + 1 + 2 + 4 + 1)
    }
}
