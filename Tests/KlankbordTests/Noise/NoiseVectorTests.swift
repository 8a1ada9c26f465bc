import XCTest
import Klankbord
@testable import KlankbordCrypto
@testable import KlankbordProtocol

/// `Noise_IK_25519_ChaChaPoly_BLAKE2b` against the published vectors in `NoiseVectors.swift`:
/// every handshake and transport message byte for byte, and the handshake hash where given.
final class NoiseVectorTests: XCTestCase {
    func testCacophonyVector() throws {
        try check(NoiseIKVectors.cacophony)
    }

    func testSnowVector() throws {
        try check(NoiseIKVectors.snow)
    }

    private func check(_ vector: NoiseVector, file: StaticString = #filePath, line: UInt = #line) throws {
        let responderStatic = try X25519.PrivateKey(secret: secretHex(vector.respStatic))
        XCTAssertEqual(responderStatic.publicKey.bytes, hexBytes(vector.initRemoteStatic), "vector's remote static", file: file, line: line)
        var initiator = Noise.HandshakeState(
            initiatorWithStatic: try X25519.PrivateKey(secret: secretHex(vector.initStatic)),
            remoteStatic: try X25519.PublicKey(hexBytes(vector.initRemoteStatic)),
            prologue: hexBytes(vector.initPrologue),
            ephemeral: try X25519.PrivateKey(secret: secretHex(vector.initEphemeral)))
        var responder = Noise.HandshakeState(
            responderWithStatic: responderStatic,
            prologue: hexBytes(vector.respPrologue),
            ephemeral: try X25519.PrivateKey(secret: secretHex(vector.respEphemeral)))

        let first = vector.messages[0], second = vector.messages[1]
        let message1 = try initiator.writeMessage(payload: hexBytes(first.payload))
        XCTAssertEqual(Hex.encode(message1), Hex.encode(hexBytes(first.ciphertext)), "message 1", file: file, line: line)
        XCTAssertEqual(try responder.readMessage(message1), hexBytes(first.payload), file: file, line: line)
        XCTAssertEqual(responder.remoteStaticKey?.bytes, try X25519.PrivateKey(secret: secretHex(vector.initStatic)).publicKey.bytes,
                       file: file, line: line)

        let message2 = try responder.writeMessage(payload: hexBytes(second.payload))
        XCTAssertEqual(Hex.encode(message2), Hex.encode(hexBytes(second.ciphertext)), "message 2", file: file, line: line)
        XCTAssertEqual(try initiator.readMessage(message2), hexBytes(second.payload), file: file, line: line)

        XCTAssertTrue(initiator.isComplete, file: file, line: line)
        XCTAssertTrue(responder.isComplete, file: file, line: line)
        XCTAssertEqual(initiator.handshakeHash, responder.handshakeHash, file: file, line: line)
        if let hash = vector.handshakeHash {
            XCTAssertEqual(Hex.encode(initiator.handshakeHash), Hex.encode(hexBytes(hash)), "handshake hash", file: file, line: line)
        }

        var initiatorTransport = try initiator.split()
        var responderTransport = try responder.split()
        for (index, message) in vector.messages.enumerated().dropFirst(2) {
            let payload = hexBytes(message.payload), expected = hexBytes(message.ciphertext)
            let fromInitiator = index % 2 == 0
            var (sender, receiver) = fromInitiator ? (initiatorTransport, responderTransport) : (responderTransport, initiatorTransport)
            // The framed fast path must give the same bytes, from a copy so the nonce is not used twice.
            var framedSender = sender
            var framed: [UInt8] = []
            try payload.withUnsafeBytes { try framedSender.encryptFrame($0, appendingTo: &framed) }
            let ciphertext = try sender.encrypt(payload)
            XCTAssertEqual(Hex.encode(ciphertext), Hex.encode(expected), "transport message \(index)", file: file, line: line)
            XCTAssertEqual(framed, Noise.frame(expected), "framed transport message \(index)", file: file, line: line)
            XCTAssertEqual(try receiver.decrypt(ciphertext), payload, file: file, line: line)
            if fromInitiator {
                (initiatorTransport, responderTransport) = (sender, receiver)
            } else {
                (responderTransport, initiatorTransport) = (sender, receiver)
            }
        }
    }
}
