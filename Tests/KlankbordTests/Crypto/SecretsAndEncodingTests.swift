import XCTest
import Klankbord
@testable import KlankbordCrypto

/// SecretBytes hygiene, Base64URL and hex text, and Argon2id's determinism.
final class SecretsAndEncodingTests: XCTestCase {
    func testSecretBytesDescriptionNeverShowsTheBytes() {
        let secret = SecretBytes(copying: [0xde, 0xad, 0xbe, 0xef, 0x42])
        for text in [secret.description, secret.debugDescription, "\(secret)", String(reflecting: secret), "\([secret])"] {
            XCTAssertFalse(text.lowercased().contains("dead"), text)
            XCTAssertFalse(text.contains("222"), text)
            XCTAssertFalse(text.contains("66"), text)
            XCTAssertTrue(text.contains("redacted"), text)
        }
    }

    func testSecretBytesCompareAndSlice() {
        let secret = SecretBytes(copying: [1, 2, 3, 4])
        XCTAssertEqual(secret, SecretBytes(copying: [1, 2, 3, 4]))
        XCTAssertNotEqual(secret, SecretBytes(copying: [1, 2, 3, 5]))
        XCTAssertNotEqual(secret, SecretBytes(copying: [1, 2, 3]))
        XCTAssertEqual(secret.prefix(2).unprotectedBytes, [1, 2])
        XCTAssertEqual(secret.prefix(9).unprotectedBytes, [1, 2, 3, 4])
        XCTAssertEqual(secret.suffix(from: 3).unprotectedBytes, [4])
        XCTAssertEqual(secret.suffix(from: 4).count, 0)
        XCTAssertEqual(secret.appending(SecretBytes(copying: [9])).unprotectedBytes, [1, 2, 3, 4, 9])
        XCTAssertNotEqual(SecretBytes(randomCount: 32), SecretBytes(randomCount: 32))
    }

    func testBase64URLRoundTripsEveryLength() throws {
        for length in 0...70 {
            let bytes = Random.bytes(length)
            let text = Base64URL.encode(bytes)
            XCTAssertFalse(text.contains("="), text)
            XCTAssertFalse(text.contains("+") || text.contains("/"), text)
            XCTAssertEqual(try Base64URL.decode(text), bytes, "length \(length)")
        }
        XCTAssertEqual(Base64URL.encode([0xfb, 0xff, 0xbf]), "-_-_")
        XCTAssertEqual(try Base64URL.decode("-_-_"), [0xfb, 0xff, 0xbf])
    }

    func testBase64URLRejectsInvalidText() {
        for text in ["a", "ab=", "abc=", "+/+/", "ab cd", "abcd!", "abc\n", "ab\u{0}c", "Zh", "é"] {
            XCTAssertThrowsError(try Base64URL.decode(text), "\(Array(text.utf8))") { error in
                XCTAssertEqual(error as? CryptoError, .invalidEncoding)
            }
        }
    }

    func testHexRoundTripsAndRejectsInvalidText() throws {
        XCTAssertEqual(Hex.encode([0x00, 0x0f, 0xa5, 0xff]), "000fa5ff")
        XCTAssertEqual(try Hex.decode("000FA5ff"), [0x00, 0x0f, 0xa5, 0xff])
        XCTAssertEqual(try Hex.decode(""), [])
        for text in ["abc", "0g", "zz", " 00"] {
            XCTAssertThrowsError(try Hex.decode(text)) { error in
                XCTAssertEqual(error as? CryptoError, .invalidEncoding)
            }
        }
    }

    func testArgon2idIsDeterministicPerSaltAndPassphrase() throws {
        let cheap = Argon2id.Cost(operations: 1, memoryBytes: 64 * 1024)
        let salt = Random.bytes(Argon2id.saltLength)
        let passphrase = SecretBytes(copying: Array("correct horse battery staple".utf8))
        let first = try Argon2id.deriveKey(passphrase: passphrase, salt: salt, cost: cheap)
        let again = try Argon2id.deriveKey(passphrase: passphrase, salt: salt, cost: cheap)
        XCTAssertEqual(first.count, 32)
        XCTAssertEqual(first, again)
        let otherPassphrase = try Argon2id.deriveKey(passphrase: SecretBytes(copying: Array("correct horse battery stapler".utf8)), salt: salt, cost: cheap)
        XCTAssertNotEqual(first, otherPassphrase)
        let otherSalt = try Argon2id.deriveKey(passphrase: passphrase, salt: Random.bytes(Argon2id.saltLength), cost: cheap)
        XCTAssertNotEqual(first, otherSalt)
        XCTAssertEqual(try Argon2id.deriveKey(passphrase: passphrase, salt: salt, length: 64, cost: cheap).count, 64)
    }

    func testArgon2idRejectsWrongSaltLength() {
        let cheap = Argon2id.Cost(operations: 1, memoryBytes: 64 * 1024)
        XCTAssertThrowsError(try Argon2id.deriveKey(passphrase: SecretBytes(copying: [1]), salt: Random.bytes(15), cost: cheap)) { error in
            XCTAssertEqual(error as? CryptoError, .invalidLength(expected: 16, actual: 15))
        }
    }
}
