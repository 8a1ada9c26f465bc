import Klankbord
@testable import KlankbordProtocol
import XCTest

/// docs/vectors/noise.json: this protocol's Noise handshake (PROTOCOL.md §3) with fixed static and
/// ephemeral keys, both handshake messages with their payloads, the transport keys and one
/// transport message each way.
final class NoiseHandshakeVectorTests: XCTestCase {
    func testNoiseHandshakeMatchesTheCommittedVector() throws {
        let clientStatic = try fixedX25519("noise/client-static"), serverStatic = try fixedX25519("noise/server-static")
        let clientEphemeral = try fixedX25519("noise/client-ephemeral"), serverEphemeral = try fixedX25519("noise/server-ephemeral")
        var client = Noise.HandshakeState(initiatorWithStatic: clientStatic, remoteStatic: serverStatic.publicKey,
                                          prologue: Noise.prologue, ephemeral: clientEphemeral)
        var server = Noise.HandshakeState(responderWithStatic: serverStatic, prologue: Noise.prologue, ephemeral: serverEphemeral)
        let message1 = try client.writeMessage(payload: [0x01])
        XCTAssertEqual(try server.readMessage(message1), [0x01])
        let message2 = try server.writeMessage(payload: [0x01, 0x00])
        XCTAssertEqual(try client.readMessage(message2), [0x01, 0x00])
        XCTAssertEqual(message1.count, 97)
        XCTAssertEqual(message2.count, 50)
        var clientTransport = try client.split(), serverTransport = try server.split()
        let clientToServerKey = try XCTUnwrap(clientTransport.sender.key), serverToClientKey = try XCTUnwrap(clientTransport.receiver.key)
        let request = Array("first client message".utf8), answer = Array("first server message".utf8)
        let clientCiphertext = try clientTransport.encrypt(request)
        let serverCiphertext = try serverTransport.encrypt(answer)
        XCTAssertEqual(try serverTransport.decrypt(clientCiphertext), request)
        XCTAssertEqual(try clientTransport.decrypt(serverCiphertext), answer)
        try VectorFiles.check("noise.json", [
            "description": "PROTOCOL.md 3: Noise_IK_25519_ChaChaPoly_BLAKE2b with prologue klankbord/1. Transport messages are shown without their 2-byte frame length.",
            "protocol_name": "Noise_IK_25519_ChaChaPoly_BLAKE2b",
            "prologue": hex(Noise.prologue),
            "client_static_private": hex(clientStatic.secret), "client_static_public": hex(clientStatic.publicKey.bytes),
            "server_static_private": hex(serverStatic.secret), "server_static_public": hex(serverStatic.publicKey.bytes),
            "client_ephemeral_private": hex(clientEphemeral.secret), "server_ephemeral_private": hex(serverEphemeral.secret),
            "message1_payload": "01", "message1": hex(message1),
            "message2_payload": "0100", "message2": hex(message2),
            "client_to_server_key": hex(clientToServerKey), "server_to_client_key": hex(serverToClientKey),
            "client_transport_plaintext": hex(request), "client_transport_message": hex(clientCiphertext),
            "server_transport_plaintext": hex(answer), "server_transport_message": hex(serverCiphertext),
        ])
    }
}
