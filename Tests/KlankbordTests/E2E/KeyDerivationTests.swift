import XCTest
import Klankbord
@testable import KlankbordCrypto
@testable import KlankbordE2E

final class KeyDerivationTests: XCTestCase {
    func testSecretSaltHKDFMatchesRFC5869TestCase1() throws {
        let ikm = SecretBytes(copying: [UInt8](repeating: 0x0b, count: 22))
        let salt = try Hex.decode("000102030405060708090a0b0c")
        let info = try Hex.decode("f0f1f2f3f4f5f6f7f8f9")
        let expected = "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"
        let okm = try HKDF.sha256(inputKeyMaterial: ikm, secretSalt: SecretBytes(copying: salt), info: info, length: 42)
        XCTAssertEqual(Hex.encode(okm.unprotectedBytes), expected)
        XCTAssertEqual(okm, try HKDF.sha256(inputKeyMaterial: ikm, salt: salt, info: info, length: 42))
    }

    func testSecretDataHMACMatchesPlainHMAC() {
        let key = SecretBytes(randomCount: 32), data = Random.bytes(77)
        XCTAssertEqual(HMACSHA256.authenticate(secret: SecretBytes(copying: data), key: key), HMACSHA256.authenticate(data, key: key))
    }

    func testChainStepIsHMACWithConstantsOneAndTwo() {
        let chainKey = SecretBytes(randomCount: 32)
        let (messageKey, next) = KeyDerivation.chainStep(chainKey)
        XCTAssertEqual(messageKey, HMACSHA256.authenticate([0x01], key: chainKey))
        XCTAssertEqual(next, HMACSHA256.authenticate([0x02], key: chainKey))
        XCTAssertNotEqual(messageKey, next)
    }

    func testRootStepSplitsHKDFOutputWithRootKeyAsSalt() throws {
        let rootKey = SecretBytes(randomCount: 32), dh = SecretBytes(randomCount: 32)
        let (newRoot, chainKey) = try KeyDerivation.rootStep(rootKey: rootKey, dhOutput: dh)
        let expected = try HKDF.sha256(inputKeyMaterial: dh, salt: rootKey.unprotectedBytes, info: Array("klankbord/ratchet/1".utf8), length: 64)
        XCTAssertEqual(newRoot.appending(chainKey), expected)
    }
}
