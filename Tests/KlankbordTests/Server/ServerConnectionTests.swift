import XCTest
import Klankbord
@testable import KlankbordCrypto
@testable import KlankbordProtocol
@testable import KlankbordServer

/// The server's per-connection state machine, fed by a real Noise initiator, checked on its actions.
final class ServerConnectionTests: XCTestCase {
    private let serverKey = X25519.PrivateKey()
    private let deviceKey = X25519.PrivateKey()

    private func initiator(serverKey: X25519.PublicKey? = nil, prologue: [UInt8] = Noise.prologue) -> Noise.HandshakeState {
        Noise.HandshakeState(initiatorWithStatic: deviceKey, remoteStatic: serverKey ?? self.serverKey.publicKey, prologue: prologue)
    }

    /// The Noise message inside a framed `.sendRaw`, after checking its length prefix.
    private func unframe(_ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) -> [UInt8] {
        XCTAssertGreaterThanOrEqual(bytes.count, 2, file: file, line: line)
        XCTAssertEqual(Int(bytes[0]) << 8 | Int(bytes[1]), bytes.count - 2, "length prefix", file: file, line: line)
        return Array(bytes.dropFirst(2))
    }

    /// A finished handshake: the server's state machine and the client's transport.
    private func established(payloadLimit: Int = Noise.maxMessageLength) throws -> (ServerConnection, Noise.Transport) {
        var server = ServerConnection(serverKey: serverKey, payloadLimit: payloadLimit)
        var client = initiator()
        let actions = server.receive(try client.writeMessage(payload: [WireMessage.version]))
        guard actions.count == 2, case let .sendRaw(reply) = actions[0] else { throw Unexpected("handshake answered \(actions)") }
        XCTAssertEqual(try client.readMessage(unframe(reply)), [WireMessage.version, HandshakeStatus.ok])
        return (server, try client.split())
    }

    func testGoodHandshakeRepliesAndOpensWithTheDeviceKey() throws {
        var server = ServerConnection(serverKey: serverKey)
        var client = initiator()
        XCTAssertFalse(server.isEstablished)
        let actions = server.receive(try client.writeMessage(payload: [WireMessage.version]))
        XCTAssertEqual(actions.count, 2)
        guard case let .sendRaw(reply)? = actions.first else { return XCTFail("no reply: \(actions)") }
        XCTAssertEqual(actions.last, .opened(deviceKey: deviceKey.publicKey.bytes))
        XCTAssertEqual(try client.readMessage(unframe(reply)), [WireMessage.version, HandshakeStatus.ok])
        XCTAssertTrue(server.isEstablished)
        XCTAssertTrue(client.isComplete)
    }

    func testUnsupportedVersionGetsStatusOneAndClose() throws {
        for payload: [UInt8] in [[2], [0], [], [WireMessage.version &+ 1, 0]] {
            var server = ServerConnection(serverKey: serverKey)
            var client = initiator()
            let actions = server.receive(try client.writeMessage(payload: payload))
            guard actions.count == 2, case let .sendRaw(reply) = actions[0] else { return XCTFail("answered \(actions)") }
            XCTAssertEqual(actions[1], .close)
            XCTAssertEqual(try client.readMessage(unframe(reply)), [WireMessage.version, HandshakeStatus.unsupportedVersion], "\(payload)")
            XCTAssertFalse(server.isEstablished)
            XCTAssertEqual(server.receive(Random.bytes(40)), [], "a closed connection ignores what follows")
        }
    }

    func testGarbageFirstMessageCloses() throws {
        var random = SeededGenerator(seed: 1)
        for length in [0, 1, 3, 47, 95, 96, 200] {
            var server = ServerConnection(serverKey: serverKey)
            XCTAssertEqual(server.receive(random.bytes(length)), [.close], "\(length) random bytes")
            XCTAssertFalse(server.isEstablished)
        }
    }

    func testHandshakeForAnotherServerOrProtocolVersionCloses() throws {
        var wrongServer = initiator(serverKey: X25519.PrivateKey().publicKey)
        var server = ServerConnection(serverKey: serverKey)
        XCTAssertEqual(server.receive(try wrongServer.writeMessage(payload: [WireMessage.version])), [.close])

        var wrongPrologue = initiator(prologue: Array("klankbord/2".utf8))
        server = ServerConnection(serverKey: serverKey)
        XCTAssertEqual(server.receive(try wrongPrologue.writeMessage(payload: [WireMessage.version])), [.close])
    }

    func testEncryptedRequestBecomesARequest() throws {
        var (server, client) = try established()
        for (id, request) in [(UInt32(1), Request.ping), (2, .whoami), (0xffff_ffff, .send(room: 3, clientID: Random.bytes(16), payload: [1, 2]))] {
            XCTAssertEqual(server.receive(try client.encrypt(WireMessage.request(id: id, request).encoded())), [.request(id: id, request)])
        }
    }

    func testServerSealsMessagesTheClientCanRead() throws {
        var (server, client) = try established()
        let message = WireMessage.response(id: 9, .pong, type: .ping).encoded()
        var output: [UInt8] = []
        XCTAssertTrue(server.seal(message, into: &output))
        XCTAssertTrue(server.seal(message, into: &output))
        let first = 2 + message.count + 16
        XCTAssertEqual(output.count, 2 * first)
        XCTAssertEqual(try client.decrypt(unframe(Array(output.prefix(first)))), message)
        XCTAssertEqual(try client.decrypt(unframe(Array(output.suffix(from: first)))), message)
    }

    func testAnswersOwedStillSealAfterATamperedMessage() throws {
        var (server, client) = try established()
        var tampered = try client.encrypt(WireMessage.request(id: 1, .ping).encoded())
        tampered[3] ^= 0x01
        XCTAssertEqual(server.receive(tampered), [.close])
        let answer = WireMessage.response(id: 7, .pong, type: .ping).encoded()
        var output: [UInt8] = []
        XCTAssertTrue(server.seal(answer, into: &output), "an answer owed before the close still goes out")
        XCTAssertEqual(try client.decrypt(unframe(output)), answer)
    }

    func testSealBeforeTheHandshakeFails() {
        var server = ServerConnection(serverKey: serverKey)
        var output: [UInt8] = []
        XCTAssertFalse(server.seal([1, 2, 3], into: &output))
        XCTAssertEqual(output, [])
    }

    func testResponseOrPushOrErrorFromTheClientIsMalformed() throws {
        let cases: [(WireMessage, UInt32, MessageType)] = [
            (.response(id: 4, .pong, type: .ping), 0, .ping),
            (.error(id: 5, .forbidden, type: .send), 0, .send),
            (.push(.membership(room: 1, accountID: 2, handle: "Ana", change: .joined)), 0, .membership),
        ]
        for (message, id, type) in cases {
            var (server, client) = try established()
            XCTAssertEqual(server.receive(try client.encrypt(message.encoded())), [.failAndClose(.malformed, requestID: id, type: type)], "\(message)")
        }
    }

    func testUnknownTypeIsUnknownTypeAndEchoesTheRequestID() throws {
        var (server, client) = try established()
        XCTAssertEqual(server.receive(try client.encrypt([1, 0x99, 0, 0, 0, 5])), [.failAndClose(.unknownType, requestID: 5, type: .ping)])
        (server, client) = try established()
        XCTAssertEqual(server.receive(try client.encrypt([1, MessageType.event.rawValue, 0, 0, 0, 6])), [.failAndClose(.unknownType, requestID: 6, type: .event)])
    }

    func testGarbagePlaintextIsMalformed() throws {
        let cases: [([UInt8], UInt32, MessageType)] = [
            ([], 0, .ping),
            ([0xff], 0, .ping),
            ([9, 1, 0, 0, 0, 1], 0, .ping),
            ([1, MessageType.fetch.rawValue, 0, 0, 0, 7, 1, 2], 7, .fetch),
            (WireMessage.request(id: 8, .ping).encoded() + [0], 8, .ping),
        ]
        for (plaintext, id, type) in cases {
            var (server, client) = try established()
            XCTAssertEqual(server.receive(try client.encrypt(plaintext)), [.failAndClose(.malformed, requestID: id, type: type)], "\(plaintext)")
        }
    }

    func testPayloadOverTheLimitIsTooLarge() throws {
        var (server, client) = try established(payloadLimit: 100)
        let small = Request.send(room: 1, clientID: Random.bytes(16), payload: [UInt8](repeating: 1, count: 100))
        XCTAssertEqual(server.receive(try client.encrypt(WireMessage.request(id: 1, small).encoded())), [.request(id: 1, small)])
        let large = Request.send(room: 1, clientID: Random.bytes(16), payload: [UInt8](repeating: 1, count: 101))
        XCTAssertEqual(server.receive(try client.encrypt(WireMessage.request(id: 2, large).encoded())), [.failAndClose(.tooLarge, requestID: 2, type: .send)])
    }

    func testTamperedOrReplayedTransportMessageCloses() throws {
        var (server, client) = try established()
        var tampered = try client.encrypt(WireMessage.request(id: 1, .ping).encoded())
        tampered[3] ^= 0x01
        XCTAssertEqual(server.receive(tampered), [.close])
        XCTAssertFalse(server.isEstablished)
        XCTAssertEqual(server.receive(try client.encrypt(WireMessage.request(id: 2, .ping).encoded())), [], "nothing after the close")

        (server, client) = try established()
        let message = try client.encrypt(WireMessage.request(id: 1, .ping).encoded())
        XCTAssertEqual(server.receive(message), [.request(id: 1, .ping)])
        XCTAssertEqual(server.receive(message), [.close], "a replay")

        (server, client) = try established()
        XCTAssertEqual(server.receive([1, 2, 3]), [.close], "shorter than a tag")
    }
}

/// The per-connection request budget: `rate` a second, up to `capacity` at once.
final class TokenBucketTests: XCTestCase {
    func testStartsFullAndRefusesWhenEmpty() {
        var bucket = TokenBucket(rate: 1, capacity: 3, now: 100)
        XCTAssertEqual((0..<4).map { _ in bucket.take(now: 100) }, [true, true, true, false])
    }

    func testRefillsAtItsRate() {
        var bucket = TokenBucket(rate: 2, capacity: 2, now: 0)
        XCTAssertTrue(bucket.take(now: 0))
        XCTAssertTrue(bucket.take(now: 0))
        XCTAssertFalse(bucket.take(now: 0.25))
        XCTAssertTrue(bucket.take(now: 0.5), "half a second at 2 a second is one token")
        XCTAssertFalse(bucket.take(now: 0.5))
        XCTAssertTrue(bucket.take(now: 1.0))
    }

    func testNeverHoldsMoreThanItsCapacity() {
        var bucket = TokenBucket(rate: 10, capacity: 3, now: 0)
        XCTAssertEqual((0..<4).map { _ in bucket.take(now: 1000) }, [true, true, true, false])
    }

    func testClockGoingBackwardsAddsNothing() {
        var bucket = TokenBucket(rate: 1, capacity: 1, now: 50)
        XCTAssertTrue(bucket.take(now: 50))
        XCTAssertFalse(bucket.take(now: 10))
        XCTAssertFalse(bucket.take(now: 10.5))
        XCTAssertTrue(bucket.take(now: 11))
    }

    func testCapacityBelowOneStillAllowsOneAndRateZeroNeverRefills() {
        var bucket = TokenBucket(rate: 0, capacity: 0, now: 0)
        XCTAssertTrue(bucket.take(now: 0))
        XCTAssertFalse(bucket.take(now: 1_000_000))
    }
}
