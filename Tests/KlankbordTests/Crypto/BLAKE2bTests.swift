import XCTest
import Klankbord
@testable import KlankbordCrypto

/// BLAKE2b against published vectors, and the HMAC-BLAKE2b that Noise builds on it.
final class BLAKE2bTests: XCTestCase {
    // RFC 7693, Appendix A: BLAKE2b-512 of "abc".
    func testRFC7693AppendixAbc() {
        XCTAssertEqual(BLAKE2b.hash(Array("abc".utf8)), hexBytes("""
            ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1
            7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923
            """))
    }

    // BLAKE2 reference test vectors (github.com/BLAKE2/BLAKE2, testvectors/blake2b-kat.txt),
    // first keyed entry: key 00..3f, empty input.
    func testKeyedReferenceVector() {
        let key = (0..<64).map { UInt8($0) }
        XCTAssertEqual(BLAKE2b.hash([], key: key), hexBytes("""
            10ebb67700b1868efb4417987acf4690ae9d972fb7a590c2f02871799aaa4786
            b5e996e8f0f4eb981fc214b005f42d2ff4233499391653df7aefcbc13fc51568
            """))
    }

    func testHashOfPartsEqualsHashOfConcatenation() {
        let parts: [[UInt8]] = [Array("Noise_".utf8), [], Random.bytes(200), Random.bytes(1)]
        XCTAssertEqual(BLAKE2b.hash(parts: parts), BLAKE2b.hash(parts.flatMap { $0 }))
        XCTAssertEqual(BLAKE2b.hash(parts: []), BLAKE2b.hash([]))
    }

    // No published HMAC-BLAKE2b vectors exist; these were computed independently with Python's
    // `hmac.new(key, data, hashlib.blake2b)` (RFC 2104 with a 128-byte block, as Noise section 4.3).
    func testHMACMatchesRFC2104OverBLAKE2b() {
        XCTAssertEqual(BLAKE2b.hmac(key: SecretBytes(copying: (0..<32).map { UInt8($0) }), data: Array("noise".utf8)).unprotectedBytes,
                       hexBytes("""
            b25efb20246c498a3d9e56776bb71f08db4145bc19420d67f08004f19c188082
            65f91806c2705c87c749fdd1ab7076c172044904a6d195313360a1234fc6d5ae
            """))
        XCTAssertEqual(BLAKE2b.hmac(key: SecretBytes(copying: (0..<64).map { UInt8($0) }), data: []).unprotectedBytes,
                       hexBytes("""
            ea1896ab7c8319a824482f757c038b70089765501b1f8bdb78153d195915bd33
            0bde7a8c0fb6dbf3de09277662ba661fde80017dc277309eedfe05bdf5b27e18
            """))
        XCTAssertEqual(BLAKE2b.hmac(key: SecretBytes(copying: [UInt8](repeating: 0x11, count: 200)), data: Array("long key".utf8)).unprotectedBytes,
                       hexBytes("""
            4571124663ee2f9e1229b1b009b6d9f75e5e00761f8f6db1c57ff2fac5ce37d5
            8e6b93a0b310279335a6fd96562c92be834a5c69ca8ee3519085005368a192ff
            """))
    }
}
