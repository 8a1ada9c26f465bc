import Foundation
import XCTest
import Klankbord
@testable import KlankbordConfig
@testable import KlankbordCrypto
@testable import KlankbordServer
@testable import KlankbordStorage

/// Incremental vacuum (issue 23): after retention removes many messages, housekeeping gives the freed pages back
/// to the disk in small steps with sends answered between them, so the database file does not keep its largest size.
final class RelayVacuumTests: XCTestCase {
    private let log = Log(level: .error)

    private func fileSize(_ path: String) -> Int64 {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.int64Value ?? -1
    }

    func testAfterRetentionTheFileShrinksInStepsWhileSendsGoOn() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vacuum-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("klankbord.db").path
        var config = Config()
        config.retentionDays = 1
        let relay = try RelayHarness(config: config, location: .file(path))
        XCTAssertEqual(try relay.database.readOne("PRAGMA auto_vacuum") { $0.int64(0) }, 2, "INCREMENTAL")
        let c = try relay.community()
        let payload = [0x01] + [UInt8](repeating: 0x5A, count: 2000)

        func sendMessages(_ count: Int) {
            for _ in 0..<(count / 100) {
                let replies = relay.batch((0..<100).map { _ in (c.member, .send(room: c.room, clientID: Random.bytes(16), payload: payload)) })
                XCTAssertTrue(replies.allSatisfy { $0.code == nil })
            }
        }
        /// A day later: retention, then the vacuum in steps with a send answered between every two; the file size after.
        func nextDay() throws -> (pass: Relay.VacuumPass, steps: Int, size: Int64) {
            relay.clock.advance(by: 86_401)
            relay.relay.maintain(log: log)
            var pass = relay.relay.beginVacuum()
            var steps = 0
            while !pass.finished {
                relay.relay.vacuumStep(&pass, log: log)
                steps += 1
                XCTAssertGreaterThan(try relay.sentSeq(relay.send([0x01, 0xEE], to: c.room, by: c.member)), 0)
            }
            try relay.database.checkpoint()
            XCTAssertEqual(try relay.database.readOne("PRAGMA freelist_count") { $0.int64(0) }, 0, "every free page went back")
            return (pass, steps, fileSize(path))
        }

        // A busy day: 1500 messages of 2 kB.
        sendMessages(1500)
        try relay.database.checkpoint()
        let busy = fileSize(path)
        XCTAssertGreaterThan(busy, 3_000_000)
        // A day later retention removes them: the pages go back to the disk in steps of at most 128 pages.
        let after = try nextDay()
        XCTAssertGreaterThan(after.pass.reclaimedBytes, 2_500_000)
        XCTAssertGreaterThan(after.steps, 5)
        XCTAssertLessThan(after.size, busy / 4, "the file gave the busy day's space back")
        // Quieter days after it: the file stays near one day's worth and does not keep growing.
        var sizes: [Int64] = []
        for _ in 0..<3 {
            sendMessages(300)
            sizes.append(try nextDay().size)
        }
        XCTAssertLessThan(sizes.max() ?? .max, busy / 4, "\(sizes)")
        XCTAssertLessThanOrEqual(sizes[2], sizes[0] + 64 * 1024, "\(sizes)")
    }
}
