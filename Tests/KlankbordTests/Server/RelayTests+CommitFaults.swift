import XCTest
import Klankbord
@testable import KlankbordCrypto
@testable import KlankbordProtocol
@testable import KlankbordStorage

/// A batch whose shared COMMIT fails after every write succeeded: each request is either answered from a
/// committed retry or refused. Nothing is acknowledged from the rolled-back transaction.
final class RelayCommitFaultTests: XCTestCase {
    /// Eight senders in one batch, and the whole story checked against the database afterwards.
    private func sendBatch(faults: StorageFaults) throws -> (relay: RelayHarness, room: UInt64, payloads: [[UInt8]], replies: [Reply], reader: TestClient) {
        let relay = try RelayHarness()
        let c = try relay.community()
        let invite = try relay.invite(by: c.facilitator, room: c.room, uses: 8)
        var senders: [TestClient] = []
        for index in 0..<8 { senders.append(try relay.redeem(invite.secret, handle: "lid_\(index)", on: relay.open())) }
        let payloads = (0..<8).map { [0x01, UInt8(0xA0 + $0)] }
        relay.database.faults = faults
        let replies = relay.batch(zip(senders, payloads).map { ($0, .send(room: c.room, clientID: Random.bytes(16), payload: $1)) }
                                  + [(c.facilitator, .fetch(room: c.room, afterSeq: 0, limit: 100))])
        relay.database.faults = StorageFaults()
        return (relay, c.room, payloads, replies, c.facilitator)
    }

    /// Every acknowledged send is stored under the seq it was given; every refused one is not stored.
    private func assertAcknowledgedMeansStored(_ run: (relay: RelayHarness, room: UInt64, payloads: [[UInt8]], replies: [Reply], reader: TestClient),
                                               file: StaticString = #filePath, line: UInt = #line) throws -> (acknowledged: Int, refused: Int) {
        let stored = try run.relay.fetch(run.room, by: run.reader).events
        var acknowledged = 0, refused = 0
        for (payload, reply) in zip(run.payloads, run.replies) {
            switch reply {
            case let .success(.sent(seq, _)):
                acknowledged += 1
                XCTAssertEqual(stored.first { $0.seq == seq }?.payload, payload, "acknowledged as seq \(seq) but not stored", file: file, line: line)
            case .failure(.unavailable):
                refused += 1
                XCTAssertFalse(stored.contains { $0.payload == payload }, "refused but stored", file: file, line: line)
            default:
                XCTFail("unexpected answer \(reply)", file: file, line: line)
            }
        }
        XCTAssertEqual(stored.count, acknowledged, "stored events are exactly the acknowledged ones", file: file, line: line)
        return (acknowledged, refused)
    }

    func testAFailedBatchCommitIsAnsweredFromCommittedRetries() throws {
        let run = try sendBatch(faults: StorageFaults(commits: 1))
        let counts = try assertAcknowledgedMeansStored(run)
        XCTAssertEqual(counts.acknowledged, 8, "each retry commits on its own")
        XCTAssertEqual(try run.relay.count("SELECT count(*) FROM events"), 8)
        // The read in the same batch is answered too, from a committed state.
        guard case .success(.events) = run.replies[8] else { return XCTFail("the fetch was not answered: \(run.replies[8])") }
    }

    func testRetriesThatFailTooAreRefusedAndTheOthersAcknowledged() throws {
        // The batch commit and the first two retries fail.
        let run = try sendBatch(faults: StorageFaults(commits: 3))
        let counts = try assertAcknowledgedMeansStored(run)
        XCTAssertEqual(counts.acknowledged, 6)
        XCTAssertEqual(counts.refused, 2)
        XCTAssertEqual(run.replies[0], .failure(.unavailable))
        XCTAssertEqual(run.replies[1], .failure(.unavailable))
    }

    func testAFailingFsyncRefusesEverySendButReadsAreAnswered() throws {
        let run = try sendBatch(faults: StorageFaults(fsyncs: Int.max))
        let counts = try assertAcknowledgedMeansStored(run)
        XCTAssertEqual(counts.refused, 8)
        guard case let .success(.events(events, _)) = run.replies[8] else { return XCTFail("the fetch was not answered: \(run.replies[8])") }
        XCTAssertTrue(events.isEmpty, "a read never sees writes that were rolled back")
    }

    func testAFailedCommitOfASingleRequestIsRefusedAndNotStored() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        relay.database.faults = StorageFaults(commits: 1)
        XCTAssertEqual(relay.send([1], to: c.room, by: c.member), .failure(.unavailable))
        XCTAssertEqual(try relay.count("SELECT count(*) FROM events"), 0)
        // The client's retry with the same id is then stored once.
        let clientID = Random.bytes(Request.clientIDLength)
        relay.database.faults = StorageFaults(fsyncs: 1)
        XCTAssertEqual(relay.send([0x01, 2], to: c.room, by: c.member, clientID: clientID), .failure(.unavailable))
        XCTAssertEqual(try relay.sentSeq(relay.send([0x01, 2], to: c.room, by: c.member, clientID: clientID)), 1)
        XCTAssertEqual(try relay.fetch(c.room, by: c.facilitator).events.map(\.payload), [[0x01, 2]])
    }

    func testAFailedCheckpointKeepsEveryCommittedEvent() throws {
        let directory = try FileManager.default.url(for: .itemReplacementDirectory, in: .userDomainMask,
                                                    appropriateFor: FileManager.default.temporaryDirectory, create: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("relay.sqlite").path
        do {
            let database = try Database(.file(path))
            try database.execute("CREATE TABLE t(n)")
            try database.transaction { try database.run("INSERT INTO t VALUES (1)") }
            database.faults = StorageFaults(checkpoints: 1)
            XCTAssertThrowsError(try database.checkpoint()) { XCTAssertEqual($0 as? StorageError, .stepFailed(code: 10)) }
            try database.transaction { try database.run("INSERT INTO t VALUES (2)") }
        }
        let reopened = try Database(.file(path))
        XCTAssertEqual(try reopened.queryOne("SELECT group_concat(n) FROM t") { $0.text(0) }, "1,2")
    }
}
