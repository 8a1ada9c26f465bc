import Foundation
import Klankbord
@testable import KlankbordClient
@testable import KlankbordCrypto
@testable import KlankbordProtocol
@testable import KlankbordSystem
import XCTest

/// A flooder is slowed, then disconnected, while others in the same room carry on.
final class AbuseLimitTests: XCTestCase {
    func testFlooderIsRefusedThenDisconnectedWhileOthersCarryOn() throws {
        let base = try Products.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: base) }
        let daemon = try DaemonProcess(dataDirectory: base.appendingPathComponent("var"), arguments: ["--set", "events_per_second=20", "--set", "event_burst=40"])
        let address = ServerAddress(host: "127.0.0.1", port: daemon.port)
        let serverKey = try X25519.PrivateKey(secret: KeyFile.load(path: daemon.dataDirectory.path + "/server.key", length: 32)).publicKey
        func join(_ secret: [UInt8], _ handle: String) throws -> ClientConnection {
            let connection = try ClientConnection(address: address, serverKey: serverKey, deviceKey: X25519.PrivateKey())
            _ = try connection.call(.redeem(secret: secret, handle: handle))
            return connection
        }
        let op = try join(try InviteCode(parsing: XCTUnwrap(daemon.firstInvite)).secret, "root")
        guard case let .inviteCreated(_, facilitatorSecret, _, _) = try op.call(.inviteCreate(role: .facilitator, room: nil, uses: 1, expiresInSeconds: 3600)) else { return XCTFail() }
        let facilitator = try join(facilitatorSecret, "fien")
        guard case let .room(room, _) = try facilitator.call(.roomCreate(name: "Peers")) else { return XCTFail() }
        guard case let .inviteCreated(_, memberSecret, _, _) = try facilitator.call(.inviteCreate(role: .member, room: room, uses: 2, expiresInSeconds: 3600)) else { return XCTFail() }
        let flooder = try join(memberSecret, "flood")
        let calm = try join(memberSecret, "calm")

        var refused = 0
        var disconnected = false
        for _ in 0..<2000 {
            do {
                try flooder.send(payload: [1, 2, 3], to: room)
            } catch .server(.rateLimited) {
                refused += 1
            } catch .cannotReachServer {
                // The server closed the socket: reading found its end.
                disconnected = true
                break
            } catch {
                XCTFail("a flooder is refused with rate_limited or disconnected, not \(error)")
                break
            }
        }
        XCTAssertGreaterThan(refused, 40, "the flooder was told to slow down, a burst of refusals before the close")
        XCTAssertTrue(disconnected, "and then disconnected")
        XCTAssertThrowsError(try flooder.call(.ping), "the socket stays closed") { XCTAssertEqual($0 as? ClientError, .cannotReachServer) }

        // The calm member in the same room is served as usual (its latency is measured in the benchmarks, not here).
        try calm.send(payload: [1, 9], to: room)
        XCTAssertEqual(try calm.call(.ping), .pong)
        XCTAssertTrue(daemon.isRunning)
    }

    func testHandshakesOverTheDaemonWideRateAreRefusedAndServiceGoesOn() throws {
        let base = try Products.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: base) }
        let daemon = try DaemonProcess(dataDirectory: base.appendingPathComponent("var"), arguments: ["--set", "handshakes_per_second=5"])
        let address = ServerAddress(host: "127.0.0.1", port: daemon.port)
        let serverKey = try X25519.PrivateKey(secret: KeyFile.load(path: daemon.dataDirectory.path + "/server.key", length: 32)).publicKey
        var accepted = 0, refused = 0
        for _ in 0..<30 {
            do {
                _ = try ClientConnection(address: address, serverKey: serverKey, deviceKey: X25519.PrivateKey(), timeout: 2)
                accepted += 1
            } catch .handshakeFailed {
                // Closed without an answer to the first handshake message.
                refused += 1
            } catch {
                XCTFail("a refused handshake is closed without a message, not \(error)")
            }
        }
        XCTAssertGreaterThan(accepted, 0)
        XCTAssertGreaterThan(refused, 0, "a burst of handshakes over the rate is cut off")
        // The bucket refills at 5 per second: new handshakes are accepted again within a few seconds.
        var recovered = false
        let deadline = Date().addingTimeInterval(5)
        while !recovered && Date() < deadline {
            recovered = (try? ClientConnection(address: address, serverKey: serverKey, deviceKey: X25519.PrivateKey(), timeout: 2).call(.ping)) == .pong
            if !recovered { usleep(50_000) }
        }
        XCTAssertTrue(recovered, "the rate allows new handshakes again")
        XCTAssertTrue(daemon.isRunning)
    }
}
