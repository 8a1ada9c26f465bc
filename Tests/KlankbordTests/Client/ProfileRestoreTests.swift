import Foundation
import XCTest
@testable import KlankbordClient
@testable import KlankbordProtocol

/// A device that learns the server went back to a backup moves every cursor back to the restore's cut, the held
/// cursors included: otherwise catching up (the ledger's among others) would never fetch the events that reuse the
/// numbers it passed.
final class ProfileRestoreTests: XCTestCase {
    private var directory = ""

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("kb-restore-\(UUID().uuidString)").path
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func info(_ generation: UInt8, cut: UInt64) -> ServerInfo {
        ServerInfo(generation: Array(repeating: generation, count: 16), serverKey: Array(repeating: 0x11, count: 32),
                   restored: [RoomCursor(room: 7, lastSeq: cut)])
    }

    func testARestoreMovesTheHeldCursorBackToTheCut() throws {
        let profile = try Profile.create(at: directory, passphrase: nil)
        XCTAssertFalse(try profile.adopt(info(1, cut: 0)), "the first generation is only remembered")
        try profile.setHeldSeq(7, 12)
        XCTAssertFalse(try profile.adopt(info(1, cut: 0)), "the same generation changes nothing")
        XCTAssertEqual(profile.heldSeq(7), 12)
        XCTAssertTrue(try profile.adopt(info(2, cut: 5)))
        XCTAssertEqual(profile.heldSeq(7), 5, "steps 6… are fetched again from the restored server")
        try profile.setHeldSeq(7, 9)
        XCTAssertEqual(profile.heldSeq(7), 9, "and the cursor moves forward again from there")
    }
}
