import XCTest
import Klankbord
@testable import KlankbordConfig
@testable import KlankbordProtocol
@testable import KlankbordServer

/// A room never grows past what one `members` answer (one Noise message) can list. Found by W6: a room of thousands
/// with long handles could no longer be listed, read or written to by anyone ("This message is too long").
final class RelayListableRoomTests: XCTestCase {
    func testARoomIsFullWhenItsMemberListWouldNoLongerFitOneMessage() throws {
        var config = Config()
        config.maxMembersPerRoom = 5_000
        config.redeemsPerMinute = 100_000
        let relay = try RelayHarness(config: config)
        let c = try relay.community()
        // 32 letters of two bytes each (é) and digits: the longest handles there are, about 71 bytes a member.
        let letters = String(repeating: "é", count: 26)
        var joined = 3
        var refused: ErrorCode?
        while refused == nil, joined < 2_000 {
            let (_, secret) = try relay.invite(by: c.facilitator, room: c.room)
            switch relay.request(relay.open(), .redeem(secret: secret, handle: letters + String(format: "%06d", joined))) {
            case .success: joined += 1
            case let .failure(code): refused = code
            }
        }
        XCTAssertEqual(refused, .limitReached, "the room fills up before its list outgrows one message")
        XCTAssertGreaterThan(joined, Relay.membersAlwaysListed, "below that the list always fits")
        guard case let .success(.members(members)) = relay.request(c.facilitator, .members(room: c.room)) else {
            return XCTFail("the full room can still be listed")
        }
        XCTAssertEqual(members.count, joined)
        let answer = WireMessage.response(id: 1, .members(members), type: .members).encoded()
        XCTAssertLessThanOrEqual(answer.count, Noise.Transport.maxPlaintextLength)
        XCTAssertGreaterThan(answer.count, Noise.Transport.maxPlaintextLength - 100, "full means full, not far below it")
    }
}
