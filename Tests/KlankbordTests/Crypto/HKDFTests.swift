import XCTest
import Klankbord
@testable import KlankbordCrypto

/// HKDF-SHA256 and HMAC-SHA256 against their RFCs' published vectors.
final class HKDFTests: XCTestCase {
    // RFC 5869, Appendix A.1 (Test Case 1): basic test case with SHA-256.
    func testRFC5869TestCase1() throws {
        let ikm = secretHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b")
        let salt = hexBytes("000102030405060708090a0b0c")
        let info = hexBytes("f0f1f2f3f4f5f6f7f8f9")
        let prk = HKDF.extract(inputKeyMaterial: ikm, salt: salt)
        XCTAssertEqual(prk.unprotectedBytes, hexBytes("077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5"))
        let okm = try HKDF.sha256(inputKeyMaterial: ikm, salt: salt, info: info, length: 42)
        XCTAssertEqual(okm.unprotectedBytes, hexBytes("""
            3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf
            34007208d5b887185865
            """))
    }

    // RFC 5869, Appendix A.2 (Test Case 2): longer inputs and outputs.
    func testRFC5869TestCase2() throws {
        let ikm = SecretBytes(copying: (0x00...0x4f).map { UInt8($0) })
        let salt = (0x60...0xaf).map { UInt8($0) }
        let info = (0xb0...0xff).map { UInt8($0) }
        let prk = HKDF.extract(inputKeyMaterial: ikm, salt: salt)
        XCTAssertEqual(prk.unprotectedBytes, hexBytes("06a6b88c5853361a06104c9ceb35b45cef760014904671014a193f40c15fc244"))
        let okm = try HKDF.expand(pseudorandomKey: prk, info: info, length: 82)
        XCTAssertEqual(okm.unprotectedBytes, hexBytes("""
            b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c
            59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71
            cc30c58179ec3e87c14c01d5c1f3434f1d87
            """))
    }

    // RFC 5869, Appendix A.3 (Test Case 3): zero-length salt and info.
    func testRFC5869TestCase3() throws {
        let ikm = secretHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b")
        let prk = HKDF.extract(inputKeyMaterial: ikm, salt: [])
        XCTAssertEqual(prk.unprotectedBytes, hexBytes("19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04"))
        let okm = try HKDF.sha256(inputKeyMaterial: ikm, salt: [], info: [], length: 42)
        XCTAssertEqual(okm.unprotectedBytes, hexBytes("""
            8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d
            9d201395faa4b61a96c8
            """))
    }

    func testExpandRejectsZeroAndTooLongOutput() {
        let prk = SecretBytes(randomCount: 32)
        XCTAssertThrowsError(try HKDF.expand(pseudorandomKey: prk, info: [], length: 0))
        XCTAssertThrowsError(try HKDF.expand(pseudorandomKey: prk, info: [], length: 255 * 32 + 1))
        XCTAssertEqual(try HKDF.expand(pseudorandomKey: prk, info: [], length: 255 * 32).count, 255 * 32)
    }

    // RFC 4231, section 4.2 (Test Case 1).
    func testHMACSHA256RFC4231TestCase1() {
        let mac = HMACSHA256.authenticate(Array("Hi There".utf8), key: secretHex(String(repeating: "0b", count: 20)))
        XCTAssertEqual(mac.unprotectedBytes, hexBytes("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"))
    }

    // RFC 4231, section 4.3 (Test Case 2): a key shorter than the output.
    func testHMACSHA256RFC4231TestCase2() {
        let mac = HMACSHA256.authenticate(Array("what do ya want for nothing?".utf8), key: SecretBytes(copying: Array("Jefe".utf8)))
        XCTAssertEqual(mac.unprotectedBytes, hexBytes("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"))
    }

    // RFC 4231, section 4.7 (Test Case 6): a 131-byte key, longer than the 64-byte block.
    func testHMACSHA256RFC4231TestCase6KeyLongerThanBlock() {
        let key = SecretBytes(copying: [UInt8](repeating: 0xaa, count: 131))
        let mac = HMACSHA256.authenticate(Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8), key: key)
        XCTAssertEqual(mac.unprotectedBytes, hexBytes("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"))
    }

    // RFC 4231, section 4.8 (Test Case 7): long key and data longer than a block.
    func testHMACSHA256RFC4231TestCase7() {
        let key = SecretBytes(copying: [UInt8](repeating: 0xaa, count: 131))
        let data = Array(("This is a test using a larger than block-size key and a larger than block-size data. "
            + "The key needs to be hashed before being used by the HMAC algorithm.").utf8)
        let mac = HMACSHA256.authenticate(data, key: key)
        XCTAssertEqual(mac.unprotectedBytes, hexBytes("9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"))
    }
}
