import XCTest
import Klankbord
@testable import KlankbordCommands
@testable import KlankbordProtocol

/// `#room`, `@person`, a bare name and `id:12`: a reference never silently picks the wrong conversation.
final class RoomReferenceTests: XCTestCase {
    private let peers = RoomSummary(id: 1, kind: .group, name: "Peers", lastSeq: 0, memberCount: 4)
    private let hulplijnGroup = RoomSummary(id: 2, kind: .group, name: "Hulplijn", lastSeq: 0, memberCount: 3)
    private let hulplijnThread = RoomSummary(id: 3, kind: .direct, name: "Hulplijn", lastSeq: 0, memberCount: 2)
    private let two = RoomSummary(id: 4, kind: .direct, name: "anna", lastSeq: 0, memberCount: 2)
    private var rooms: [RoomSummary] { [peers, hulplijnGroup, hulplijnThread, two] }

    func testTheSignsSayWhatIsMeant() {
        XCTAssertEqual(RoomReference("#Peers"), .group("Peers"))
        XCTAssertEqual(RoomReference("@anna"), .person("anna"))
        XCTAssertEqual(RoomReference("Peers"), .word("Peers"))
        XCTAssertEqual(RoomReference("id:12"), .id(12))
        XCTAssertEqual(RoomReference("12"), .word("12"))
        XCTAssertEqual(RoomReference("id:x"), .word("id:x"))
        XCTAssertEqual(RoomReference(" #Zoe\u{0308} "), .group("Zoë"), "trimmed and in NFC")
    }

    func testANameThatIsBothARoomAndAPersonIsAmbiguousAlone() {
        XCTAssertEqual(RoomReference("Hulplijn").match(in: rooms), .ambiguous)
        XCTAssertEqual(RoomReference("hulplijn").match(in: rooms), .ambiguous)
        XCTAssertEqual(RoomReference("#Hulplijn").match(in: rooms), .room(hulplijnGroup))
        XCTAssertEqual(RoomReference("@Hulplijn").match(in: rooms), .room(hulplijnThread))
    }

    func testAUniqueBareNameWorks() {
        XCTAssertEqual(RoomReference("peers").match(in: rooms), .room(peers))
        XCTAssertEqual(RoomReference("Anna").match(in: rooms), .room(two))
        XCTAssertEqual(RoomReference("#anna").match(in: rooms), .unknown, "# is only for group rooms")
        XCTAssertEqual(RoomReference("@Peers").match(in: rooms), .noThread, "@ is only for people")
    }

    func testANumberIsANameNeverAThreadID() {
        XCTAssertEqual(RoomReference("4").match(in: rooms), .unknown)
        XCTAssertEqual(RoomReference("#4").match(in: rooms), .unknown)
        XCTAssertEqual(RoomReference("id:4").match(in: rooms), .room(two))
        let named = RoomSummary(id: 9, kind: .group, name: "4", lastSeq: 0, memberCount: 2)
        XCTAssertEqual(RoomReference("4").match(in: rooms + [named]), .room(named))
    }

    func testTwoGroupsWithOneNameAskForTheNumber() {
        let other = RoomSummary(id: 7, kind: .group, name: "PEERS", lastSeq: 0, memberCount: 2)
        XCTAssertEqual(RoomReference("Peers").match(in: rooms + [other]), .sameName([1, 7]))
        XCTAssertEqual(RoomReference("#peers").match(in: rooms + [other]), .sameName([1, 7]))
    }

    func testRoomsAreListedTheWayTheyAreWritten() {
        XCTAssertEqual(RoomReference.written(peers), "#Peers")
        XCTAssertEqual(RoomReference.written(two), "@anna")
        XCTAssertEqual(RoomReference.written(RoomSummary(id: 1, kind: .group, name: "a\nb", lastSeq: 0, memberCount: 1)), "#a^Jb")
    }
}
