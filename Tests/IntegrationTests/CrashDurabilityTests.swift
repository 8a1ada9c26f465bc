import Foundation
import Klankbord
@testable import KlankbordClient
@testable import KlankbordCrypto
@testable import KlankbordProtocol
@testable import KlankbordStorage
@testable import KlankbordSystem
import XCTest

/// `kill -9` at random moments while senders are busy: every acknowledged event survives, exactly once,
/// in order, with no gaps; retried sends are not duplicated; the database stays intact.
final class CrashDurabilityTests: XCTestCase {
    /// What one sender saw acknowledged: room, seq and the payload it sent.
    struct Ack: Sendable {
        let room: UInt64
        let seq: UInt64
        let payload: [UInt8]
    }

    /// What the sender threads share: the acknowledgements so far and the stop flag.
    /// (An NSLock rather than Synchronization's Mutex: its futex is invisible to the thread sanitizer,
    /// which then reports a race that is not there. Every access below holds the lock.)
    final class Progress: @unchecked Sendable {
        private let lock = NSLock()
        private var acks: [Ack] = []
        private var stopped = false

        var shouldStop: Bool { lock.withLock { stopped } }
        func stop() { lock.withLock { stopped = true } }
        func record(_ ack: Ack) { lock.withLock { acks.append(ack) } }
        var acknowledged: [Ack] { lock.withLock { acks } }
    }

    func testAcknowledgedEventsSurviveRepeatedKillNine() throws {
        let kills = Int(ProcessInfo.processInfo.environment["KLANKBORD_SOAK_KILLS"] ?? "") ?? 20
        let base = try Products.temporaryDirectory()
        print("crash durability: daemon log in \(base.path)")
        defer { if ProcessInfo.processInfo.environment["KLANKBORD_KEEP_TEST_FILES"] == nil { try? FileManager.default.removeItem(at: base) } }
        let daemon = try DaemonProcess(dataDirectory: base.appendingPathComponent("var"),
                                       arguments: ["--set", "events_per_second=100000", "--set", "event_burst=100000"])
        let address = ServerAddress(host: "127.0.0.1", port: daemon.port)
        let serverKey = try X25519.PrivateKey(secret: KeyFile.load(path: daemon.dataDirectory.path + "/server.key", length: 32)).publicKey

        // An operator, a facilitator with two rooms, and four senders in both rooms.
        func account(_ secret: [UInt8], _ handle: String) throws -> X25519.PrivateKey {
            let key = X25519.PrivateKey()
            let connection = try ClientConnection(address: address, serverKey: serverKey, deviceKey: key)
            _ = try connection.call(.redeem(secret: secret, handle: handle))
            return key
        }
        func secret(_ response: Response) throws -> [UInt8] {
            guard case let .inviteCreated(_, secret, _, _) = response else { throw ClientError.protocolViolation }
            return secret
        }
        let opKey = try account(try XCTUnwrap(InviteCode(parsing: XCTUnwrap(daemon.firstInvite)).secret), "root")
        let op = try ClientConnection(address: address, serverKey: serverKey, deviceKey: opKey)
        let facilitatorKey = try account(try secret(op.call(.inviteCreate(role: .facilitator, room: nil, uses: 1, expiresInSeconds: 3600))), "fien")
        let facilitator = try ClientConnection(address: address, serverKey: serverKey, deviceKey: facilitatorKey)
        var rooms: [UInt64] = []
        for name in ["Noord", "Zuid"] {
            guard case let .room(id, _) = try facilitator.call(.roomCreate(name: name)) else { return XCTFail("no room") }
            rooms.append(id)
        }
        var senderKeys: [X25519.PrivateKey] = []
        let first = try secret(facilitator.call(.inviteCreate(role: .member, room: rooms[0], uses: 10, expiresInSeconds: 3600)))
        let second = try secret(facilitator.call(.inviteCreate(role: .member, room: rooms[1], uses: 10, expiresInSeconds: 3600)))
        for index in 0..<4 {
            let key = try account(first, "sender\(index)")
            _ = try ClientConnection(address: address, serverKey: serverKey, deviceKey: key).call(.redeem(secret: second, handle: ""))
            senderKeys.append(key)
        }

        let progress = Progress()
        let finished = DispatchGroup()
        for (index, key) in senderKeys.enumerated() {
            finished.enter()
            Thread.detachNewThread { [rooms] in
                defer { finished.leave() }
                var counter = 0
                var connection: ClientConnection?
                while !progress.shouldStop {
                    let room = rooms[counter % rooms.count]
                    let payload = [Envelope.senderKey.rawValue] + Array("s\(index)-\(counter)".utf8)
                    let clientID = Random.bytes(Request.clientIDLength)
                    // Retry the same send (same client id) until it is acknowledged: a crash between commit and
                    // answer must not store it twice.
                    while !progress.shouldStop {
                        do {
                            if connection == nil { connection = try ClientConnection(address: address, serverKey: serverKey, deviceKey: key, timeout: 2) }
                            guard case let .sent(seq, _) = try connection?.call(.send(room: room, clientID: clientID, payload: payload)) else { break }
                            progress.record(Ack(room: room, seq: seq, payload: payload))
                            counter += 1
                            break
                        } catch {
                            connection = nil
                            usleep(20_000)
                        }
                    }
                }
            }
        }

        /// Waits (at most 20 s) until the senders have had more than `count` sends acknowledged: the next kill
        /// then lands while sends are in flight, however loaded the machine is.
        func waitForProgress(beyond count: Int) {
            let deadline = Date().addingTimeInterval(20)
            while progress.acknowledged.count <= count && Date() < deadline { usleep(5_000) }
        }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<kills {
            waitForProgress(beyond: progress.acknowledged.count)
            usleep(UInt32.random(in: 0...100_000, using: &generator))
            daemon.kill9()
            let database = try Database(.file(daemon.dataDirectory.path + "/klankbord.db"))
            XCTAssertTrue(try database.integrityCheck(), "the database is damaged after kill -9")
            try daemon.start(port: daemon.port)
        }
        waitForProgress(beyond: progress.acknowledged.count)
        progress.stop()
        finished.wait()

        // Read everything back with a fresh connection of one sender (a member of both rooms).
        let reader = try ClientConnection(address: address, serverKey: serverKey, deviceKey: senderKeys[0])
        let acknowledged = progress.acknowledged
        XCTAssertGreaterThan(acknowledged.count, kills, "the senders made progress between the kills")
        for room in rooms {
            let stored = try reader.events(in: room, after: 0)
            XCTAssertEqual(stored.map(\.seq), Array(1...UInt64(stored.count)), "sequence numbers without gaps")
            XCTAssertEqual(Set(stored.map(\.payload)).count, stored.count, "no event stored twice")
            let bySeq = Dictionary(uniqueKeysWithValues: stored.map { ($0.seq, $0.payload) })
            for ack in acknowledged where ack.room == room {
                XCTAssertEqual(bySeq[ack.seq], ack.payload, "acknowledged event \(ack.seq) in room \(room) is missing or different")
            }
            // Each sender's events appear in the order it sent them.
            for index in 0..<4 {
                let counters = stored.compactMap { event -> Int? in
                    let text = String(decoding: event.payload.dropFirst(), as: UTF8.self)
                    guard text.hasPrefix("s\(index)-") else { return nil }
                    return Int(text.dropFirst("s\(index)-".count))
                }
                XCTAssertEqual(counters, counters.sorted())
            }
        }
        print("crash durability: \(kills) kills survived, \(acknowledged.count) acknowledged events checked")
    }
}
