import XCTest
import Klankbord
@testable import KlankbordClient
@testable import KlankbordProtocol

/// The sealed room row grew a trailing field (how many log entries were shown); rows written before it still open.
final class KeptRoomLayoutTests: XCTestCase {
    func testARowWithoutTheShownCountOpensWithZeroAndTheCountRoundTrips() throws {
        var old = WireWriter()
        old.u64(12)
        old.u8(RoomKind.group.rawValue)
        old.string("Peers")
        old.u64(40)
        let opened = try XCTUnwrap(KeptRoom(opening: old.bytes))
        XCTAssertEqual(opened, KeptRoom(id: 12, kind: .group, name: "Peers", readSeq: 40))
        XCTAssertEqual(opened.logShown, 0)

        var room = opened
        room.logShown = 7
        XCTAssertEqual(KeptRoom(opening: room.sealedBytes())?.logShown, 7)
    }
}
