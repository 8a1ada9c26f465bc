import XCTest
import Klankbord
@testable import KlankbordCrypto

/// ChaCha20-Poly1305 and XChaCha20-Poly1305 against published vectors, and their failure modes.
final class AEADTests: XCTestCase {
    private let sunscreen = Array("Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it.".utf8)
    private let key = secretHex("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f")
    private let associatedData = hexBytes("50515253c0c1c2c3c4c5c6c7")

    // RFC 8439, section 2.8.2: example and test vector for AEAD_CHACHA20_POLY1305.
    func testChaCha20Poly1305RFC8439Section282() throws {
        let nonce = hexBytes("07000000 4041424344454647")
        let expected = hexBytes("""
            d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d6
            3dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b36
            92ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc
            3ff4def08e4b7a9de576d26586cec64b6116
            1ae10b594f09e26a7e902ecbd0600691
            """)
        let sealed = try AEAD.chaCha20Poly1305.seal(sunscreen, key: key, nonce: nonce, associatedData: associatedData)
        XCTAssertEqual(sealed, expected)
        XCTAssertEqual(try AEAD.chaCha20Poly1305.open(sealed, key: key, nonce: nonce, associatedData: associatedData), sunscreen)
    }

    // draft-irtf-cfrg-xchacha-03, appendix A.3.1: AEAD_XChaCha20_Poly1305 test vector.
    func testXChaCha20Poly1305DraftA31() throws {
        let nonce = hexBytes("404142434445464748494a4b4c4d4e4f5051525354555657")
        let expected = hexBytes("""
            bd6d179d3e83d43b9576579493c0e939572a1700252bfaccbed2902c21396cbb
            731c7f1b0b4aa6440bf3a82f4eda7e39ae64c6708c54c216cb96b72e1213b452
            2f8c9ba40db5d945b11b69b982c1bb9e3f3fac2bc369488f76b2383565d3fff9
            21f9664c97637da9768812f615c68b13b52e
            c0875924c1c7987947deafd8780acf49
            """)
        let sealed = try AEAD.xChaCha20Poly1305.seal(sunscreen, key: key, nonce: nonce, associatedData: associatedData)
        XCTAssertEqual(sealed, expected)
        XCTAssertEqual(try AEAD.xChaCha20Poly1305.open(sealed, key: key, nonce: nonce, associatedData: associatedData), sunscreen)
    }

    func testTamperedCiphertextTagOrAssociatedDataIsRejected() throws {
        for aead in [AEAD.chaCha20Poly1305, AEAD.xChaCha20Poly1305] {
            let nonce = Random.bytes(aead.nonceLength)
            let sealed = try aead.seal(sunscreen, key: key, nonce: nonce, associatedData: associatedData)
            for index in [0, sunscreen.count - 1, sealed.count - 1] {
                var tampered = sealed
                tampered[index] ^= 0x01
                assertAuthenticationFails(try aead.open(tampered, key: key, nonce: nonce, associatedData: associatedData))
            }
            var otherData = associatedData
            otherData[0] ^= 0x80
            assertAuthenticationFails(try aead.open(sealed, key: key, nonce: nonce, associatedData: otherData))
            assertAuthenticationFails(try aead.open(sealed, key: key, nonce: nonce, associatedData: []))
            assertAuthenticationFails(try aead.open(sealed, key: SecretBytes(randomCount: 32), nonce: nonce, associatedData: associatedData))
            assertAuthenticationFails(try aead.open(Array(sealed.dropLast()), key: key, nonce: nonce, associatedData: associatedData))
            assertAuthenticationFails(try aead.open(Array(sealed.prefix(15)), key: key, nonce: nonce, associatedData: associatedData))
        }
    }

    func testEmptyPlaintextRoundTripsAsBareTag() throws {
        let nonce = Random.bytes(12)
        let sealed = try AEAD.chaCha20Poly1305.seal([], key: key, nonce: nonce)
        XCTAssertEqual(sealed.count, AEAD.tagLength)
        XCTAssertEqual(try AEAD.chaCha20Poly1305.open(sealed, key: key, nonce: nonce), [])
    }

    func testWrongKeyOrNonceLengthIsRejected() {
        let shortKey = SecretBytes(randomCount: 31)
        XCTAssertThrowsError(try AEAD.chaCha20Poly1305.seal(sunscreen, key: shortKey, nonce: Random.bytes(12))) { error in
            XCTAssertEqual(error as? CryptoError, .invalidLength(expected: 32, actual: 31))
        }
        XCTAssertThrowsError(try AEAD.chaCha20Poly1305.seal(sunscreen, key: key, nonce: Random.bytes(24))) { error in
            XCTAssertEqual(error as? CryptoError, .invalidLength(expected: 12, actual: 24))
        }
        XCTAssertThrowsError(try AEAD.xChaCha20Poly1305.open(Random.bytes(40), key: key, nonce: Random.bytes(12))) { error in
            XCTAssertEqual(error as? CryptoError, .invalidLength(expected: 24, actual: 12))
        }
    }

    func testRandomNonceBoxRoundTripsAndRejectsTruncation() throws {
        let box = try AEAD.xChaCha20Poly1305.sealWithRandomNonce(sunscreen, key: key, associatedData: associatedData)
        XCTAssertEqual(box.count, 24 + sunscreen.count + 16)
        XCTAssertEqual(try AEAD.xChaCha20Poly1305.openWithPrefixedNonce(box, key: key, associatedData: associatedData), sunscreen)
        let other = try AEAD.xChaCha20Poly1305.sealWithRandomNonce(sunscreen, key: key, associatedData: associatedData)
        XCTAssertNotEqual(box.prefix(24), other.prefix(24))
        assertAuthenticationFails(try AEAD.xChaCha20Poly1305.openWithPrefixedNonce(Array(box.prefix(39)), key: key))
    }

    private func assertAuthenticationFails(_ body: @autoclosure () throws -> [UInt8], line: UInt = #line) {
        XCTAssertThrowsError(try body(), line: line) { error in
            XCTAssertEqual(error as? CryptoError, .authenticationFailed, line: line)
        }
    }
}
