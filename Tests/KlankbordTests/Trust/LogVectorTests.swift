import XCTest
import Klankbord
@testable import KlankbordCrypto
@testable import KlankbordE2E
@testable import KlankbordTrust

/// The worked example in docs/TRUST.md ("Test vector"): fixed keys give fixed bytes, so another implementation
/// can check its encoder, signature and hash against the document.
final class LogVectorTests: XCTestCase {
    static func vector() throws -> LogEntry {
        let identity = IdentityKeys(signingKey: try Ed25519.SigningKey(seed: SecretBytes(copying: [UInt8](repeating: 0x01, count: 32))),
                                    agreementKey: try X25519.PrivateKey(secret: SecretBytes(copying: [UInt8](repeating: 0x02, count: 32))))
        return LogEntry(scope: 10, prev: LogEntry.zeroHash, time: 1_800_000_000, author: 2,
                        body: .genesis(handle: "fien", identity: identity.publicBundle), signer: identity.signingKey)
    }

    func testTheDocumentedVectorStillHolds() throws {
        let entry = try Self.vector()
        XCTAssertEqual(hex(entry.bytes), Self.expectedBytes)
        XCTAssertEqual(hex(entry.hash), Self.expectedHash)
    }

    func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    static let expectedBytes = "01000000000000000a0000000000000000000000000000000000000000000000000000000000000000000000006b49d20000000000000000020100046669656e018a88e3dd7409f195fd52db2d3cba5d72ca6709bf1d94121bf3748801b40f6f5cce8d3ad1ccb633ec7b70c17814a5c76ecd029685050d344745ba05870e587d59c5d395b93990806e3cc8deb76e80a0284843b4c9300f9b6ff235b543b5c37d60d2f1b095bbf2206c73122be0a5c2835301923102e220b47fee45d4c2b8e0fe0c5273aee77efbc3e75ccc5c0cb9d625a4aab1371af80c6eb7fd354267b71fa080a03bfa0af4195f68299b685f9cb92b88c8fda0c67e769e69f0e7197bd254d008"
    static let expectedHash = "9172b62c3c54f3b46e91c801cd78409af9c4e234e3011d480c62d5c6f142c4cd"
}
