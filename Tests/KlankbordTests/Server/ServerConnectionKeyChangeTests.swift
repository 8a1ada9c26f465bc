import XCTest
import Klankbord
@testable import KlankbordCrypto
@testable import KlankbordProtocol
@testable import KlankbordServer

/// The handshake during a key change (`klankbordd rotate-key`): a first message made for the previous key opens
/// only while the connection was given that key; one made for the current key opens as before.
final class ServerConnectionKeyChangeTests: XCTestCase {
    private let current = X25519.PrivateKey()
    private let previous = X25519.PrivateKey()
    private let device = X25519.PrivateKey()

    /// The actions after a client that pinned `pinned` sends its first message.
    private func handshake(pinned: X25519.PrivateKey, previousKey: X25519.PrivateKey?) throws -> (ServerConnection, [ServerConnection.Action], Noise.HandshakeState) {
        var server = ServerConnection(serverKey: current, previousKey: previousKey)
        var client = Noise.HandshakeState(initiatorWithStatic: device, remoteStatic: pinned.publicKey, prologue: Noise.prologue)
        let actions = server.receive(try client.writeMessage(payload: [WireMessage.version]))
        return (server, actions, client)
    }

    func testTheCurrentKeyThenThePreviousOneOpensAndNoOtherKey() throws {
        let (onCurrent, actions, _) = try handshake(pinned: current, previousKey: previous)
        XCTAssertEqual(actions.last, .opened(deviceKey: device.publicKey.bytes))
        XCTAssertFalse(onCurrent.openedWithPreviousKey)

        let (onPrevious, oldActions, started) = try handshake(pinned: previous, previousKey: previous)
        var client = started
        guard oldActions.count == 2, case let .sendRaw(reply) = oldActions[0] else { return XCTFail("answered \(oldActions)") }
        XCTAssertEqual(try client.readMessage(Array(reply.dropFirst(2))), [WireMessage.version, HandshakeStatus.ok],
                       "the answer opens under the key the client used")
        XCTAssertEqual(oldActions.last, .opened(deviceKey: device.publicKey.bytes))
        XCTAssertTrue(onPrevious.isEstablished)
        XCTAssertTrue(onPrevious.openedWithPreviousKey)

        XCTAssertEqual(try handshake(pinned: previous, previousKey: nil).1, [.close], "after the transition the previous key is refused")
        XCTAssertEqual(try handshake(pinned: X25519.PrivateKey(), previousKey: previous).1, [.close], "any other key is refused")
    }

    func testTheMetricsPageCountsHandshakesWithThePreviousKey() {
        let metrics = Metrics()
        metrics.handshakeCompleted()
        metrics.handshakeCompleted(previousKey: true)
        let lines = MetricsPage.render(metrics.snapshot, MetricsPage.Gauges(connections: 0, uptimeSeconds: 1, events: nil, inboxItems: nil,
                                                                             databaseBytes: nil, walBytes: nil, backupAgeSeconds: nil))
            .split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.contains("klankbordd_handshakes_total 2"), lines.joined(separator: "\n"))
        XCTAssertTrue(lines.contains("klankbordd_handshakes_previous_key_total 1"), lines.joined(separator: "\n"))
    }
}
