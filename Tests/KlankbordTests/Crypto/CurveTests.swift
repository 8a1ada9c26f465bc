import XCTest
import Klankbord
@testable import KlankbordCrypto

/// X25519 and Ed25519 against their RFCs' published vectors.
final class CurveTests: XCTestCase {
    // RFC 7748, section 6.1: Alice and Bob's key pairs and shared secret.
    func testX25519RFC7748Section61() throws {
        let alice = try X25519.PrivateKey(secret: secretHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"))
        let bob = try X25519.PrivateKey(secret: secretHex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb"))
        XCTAssertEqual(alice.publicKey.bytes, hexBytes("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"))
        XCTAssertEqual(bob.publicKey.bytes, hexBytes("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f"))
        let shared = hexBytes("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742")
        XCTAssertEqual(try alice.sharedSecret(with: bob.publicKey).unprotectedBytes, shared)
        XCTAssertEqual(try bob.sharedSecret(with: alice.publicKey).unprotectedBytes, shared)
    }

    func testX25519RejectsLowOrderPointAndWrongLengths() throws {
        let key = X25519.PrivateKey()
        XCTAssertThrowsError(try key.sharedSecret(with: X25519.PublicKey([UInt8](repeating: 0, count: 32)))) { error in
            XCTAssertEqual(error as? CryptoError, .weakPublicKey)
        }
        XCTAssertThrowsError(try X25519.PublicKey(Random.bytes(31))) { error in
            XCTAssertEqual(error as? CryptoError, .invalidLength(expected: 32, actual: 31))
        }
        XCTAssertThrowsError(try X25519.PrivateKey(secret: SecretBytes(randomCount: 33))) { error in
            XCTAssertEqual(error as? CryptoError, .invalidLength(expected: 32, actual: 33))
        }
    }

    func testX25519RandomKeysAgree() throws {
        let a = X25519.PrivateKey(), b = X25519.PrivateKey()
        XCTAssertEqual(try a.sharedSecret(with: b.publicKey), try b.sharedSecret(with: a.publicKey))
        XCTAssertNotEqual(a.publicKey, b.publicKey)
    }

    // RFC 8032, section 7.1, TEST 1: empty message.
    func testEd25519RFC8032Test1() throws {
        try checkEd25519(
            seed: "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
            publicKey: "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
            message: [],
            signature: """
                e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155
                5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b
                """)
    }

    // RFC 8032, section 7.1, TEST 2: one-byte message 0x72.
    func testEd25519RFC8032Test2() throws {
        try checkEd25519(
            seed: "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
            publicKey: "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
            message: [0x72],
            signature: """
                92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da
                085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00
                """)
    }

    func testEd25519RejectsTamperingAndWrongLengths() throws {
        let key = Ed25519.SigningKey()
        let message = Array("meeting moved to Thursday".utf8)
        var signature = key.signature(for: message)
        XCTAssertNoThrow(try key.verifyingKey.verify(signature, for: message))
        XCTAssertThrowsError(try key.verifyingKey.verify(signature, for: message + [0])) { error in
            XCTAssertEqual(error as? CryptoError, .invalidSignature)
        }
        XCTAssertThrowsError(try Ed25519.SigningKey().verifyingKey.verify(signature, for: message))
        XCTAssertThrowsError(try key.verifyingKey.verify(Array(signature.dropLast()), for: message))
        signature[10] ^= 0x04
        XCTAssertThrowsError(try key.verifyingKey.verify(signature, for: message))
        XCTAssertThrowsError(try Ed25519.VerifyingKey(Random.bytes(33))) { error in
            XCTAssertEqual(error as? CryptoError, .invalidLength(expected: 32, actual: 33))
        }
        XCTAssertThrowsError(try Ed25519.SigningKey(seed: SecretBytes(randomCount: 31))) { error in
            XCTAssertEqual(error as? CryptoError, .invalidLength(expected: 32, actual: 31))
        }
    }

    private func checkEd25519(seed: String, publicKey: String, message: [UInt8], signature: String, line: UInt = #line) throws {
        let key = try Ed25519.SigningKey(seed: secretHex(seed))
        XCTAssertEqual(key.verifyingKey.bytes, hexBytes(publicKey), line: line)
        XCTAssertEqual(key.signature(for: message), hexBytes(signature), line: line)
        XCTAssertNoThrow(try Ed25519.VerifyingKey(hexBytes(publicKey)).verify(hexBytes(signature), for: message), line: line)
    }
}
