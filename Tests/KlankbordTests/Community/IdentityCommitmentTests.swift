import XCTest
import Klankbord
@testable import KlankbordCrypto
@testable import KlankbordE2E
@testable import KlankbordProtocol
@testable import KlankbordTrust

/// Invite codes (version 2) and contact codes commit to their maker's identity; the joining side pins the
/// maker only when the identity the server names matches, so the server cannot substitute it.
final class IdentityCommitmentTests: XCTestCase {
    private let fien = IdentityKeys().publicBundle

    private func code(commitment: [UInt8]?) -> InviteCode {
        InviteCode(host: "klankbord.example.nl", port: 7447, serverKey: X25519.PrivateKey().publicKey,
                   secret: Random.bytes(Request.secretLength), commitment: commitment)
    }

    func testAVersionTwoCodeRoundTripsAndIsStillOneLine() throws {
        let invite = code(commitment: IdentityCommitment.invite(fien))
        XCTAssertTrue(invite.text.hasPrefix("kb1-"))
        XCTAssertFalse(invite.text.contains { $0.isWhitespace })
        let parsed = try InviteCode(parsing: invite.text)
        XCTAssertEqual(parsed, invite)
        XCTAssertEqual(parsed.commitment?.count, 16)
        XCTAssertEqual(try Base64URL.decode(String(invite.text.dropFirst(4))).first, 2)
    }

    func testAVersionOneCodeIsStillReadAndCommitsToNobody() throws {
        let old = code(commitment: nil)
        XCTAssertEqual(try Base64URL.decode(String(old.text.dropFirst(4))).first, 1)
        let parsed = try InviteCode(parsing: old.text)
        XCTAssertNil(parsed.commitment)
        XCTAssertNil(try parsed.pinInviter(InviterRecord(accountID: 2, handle: "fien", identity: fien.serialized())))
        XCTAssertNil(try parsed.pinInviter(nil))
    }

    func testTheRealInviterIsPinnedFromTheInvite() throws {
        let invite = try InviteCode(parsing: code(commitment: IdentityCommitment.invite(fien)).text)
        let pin = try invite.pinInviter(InviterRecord(accountID: 2, handle: "fien", identity: fien.serialized()))
        XCTAssertEqual(pin, IdentityPin(account: 2, handle: "fien", identity: fien, source: .invite))
    }

    func testASubstitutedOrMissingInviterIsRefused() throws {
        let invite = code(commitment: IdentityCommitment.invite(fien))
        let impostor = IdentityKeys().publicBundle
        for inviter in [InviterRecord(accountID: 2, handle: "fien", identity: impostor.serialized()),
                        InviterRecord(accountID: 2, handle: "fien", identity: []), nil] {
            XCTAssertThrowsError(try invite.pinInviter(inviter))
        }
    }

    func testEveryFlippedBitOfTheCommitmentIsCaught() throws {
        let invite = code(commitment: IdentityCommitment.invite(fien))
        let inviter = InviterRecord(accountID: 2, handle: "fien", identity: fien.serialized())
        var bytes = try Base64URL.decode(String(invite.text.dropFirst(4)))
        let start = bytes.count - IdentityCommitment.length
        for bit in 0..<(IdentityCommitment.length * 8) {
            bytes[start + bit / 8] ^= 1 << (bit % 8)
            let flipped = try InviteCode(parsing: "kb1-" + Base64URL.encode(bytes))
            XCTAssertThrowsError(try flipped.pinInviter(inviter), "bit \(bit)")
            bytes[start + bit / 8] ^= 1 << (bit % 8)
        }
        XCTAssertNoThrow(try InviteCode(parsing: "kb1-" + Base64URL.encode(bytes)).pinInviter(inviter))
    }

    func testAVersionTwoCodeWithoutItsCommitmentIsDamaged() throws {
        var bytes = try Base64URL.decode(String(code(commitment: IdentityCommitment.invite(fien)).text.dropFirst(4)))
        bytes.removeLast()
        XCTAssertThrowsError(try InviteCode(parsing: "kb1-" + Base64URL.encode(bytes))) { XCTAssertEqual($0 as? InviteCode.ParseError, .damaged) }
        XCTAssertThrowsError(try InviteCode(parsing: "kb1-" + Base64URL.encode([3] + bytes.dropFirst()))) { XCTAssertEqual($0 as? InviteCode.ParseError, .damaged) }
    }

    func testCommitmentsAreDomainSeparatedAndDependOnTheContext() {
        let invite = IdentityCommitment.invite(fien)
        XCTAssertEqual(invite.count, 16)
        XCTAssertNotEqual(invite, IdentityCommitment.contact(fien))
        XCTAssertNotEqual(invite, IdentityCommitment.invite(fien, context: [UInt8](repeating: 1, count: 32)))
        XCTAssertNotEqual(IdentityCommitment.contact(fien), IdentityCommitment.contact(IdentityKeys().publicBundle))
        XCTAssertEqual(invite, BLAKE2b.hash(Array("klankbord/invite-commitment/1".utf8) + fien.serialized() + [UInt8](repeating: 0, count: 32), length: 16))
        XCTAssertEqual(fien.serialized().count, 129)
    }
}

/// The worked example of docs/PROTOCOL.md section 15, checked byte for byte.
final class IdentityCommitmentExampleTests: XCTestCase {
    static func exampleInviter() throws -> IdentityKeys.PublicBundle {
        IdentityKeys(signingKey: try Ed25519.SigningKey(seed: SecretBytes(copying: [UInt8](repeating: 0x44, count: 32))),
                     agreementKey: try X25519.PrivateKey(secret: SecretBytes(copying: [UInt8](repeating: 0x55, count: 32)))).publicBundle
    }

    func testTheProtocolDocumentsWorkedExample() throws {
        let inviter = try Self.exampleInviter()
        let commitment = IdentityCommitment.invite(inviter)
        let code = InviteCode(host: "klankbord.example.org", port: 7447, serverKey: try X25519.PublicKey([UInt8](repeating: 0x11, count: 32)),
                              secret: [UInt8](repeating: 0x22, count: 32), commitment: commitment)
        let hex = { (bytes: [UInt8]) in bytes.map { String(format: "%02x", $0) }.joined() }
        XCTAssertEqual(hex(inviter.serialized()), "01d759793bbc13a2819a827c76adb6fba8a49aee007f49f2d0992d99b825ad2c4838ab664bd86f77d7e66bdd9ae0792913a9"
                       + "4fd8b33a1260027e4b46c1f4884c67313a930426dfefe9ce2c5498a7b48ff31e9d8f4c17f4135c6897cd09f29e837a68cc3a1987c58d32990d9c1050"
                       + "eb560a824f4a4d8408fe5fc14e3d4ec57ef603")
        XCTAssertEqual(hex(commitment), "08f44e8249f74f1fd9a8e89f77ffed5d")
        XCTAssertEqual(code.text, "kb1-Ah0XFWtsYW5rYm9yZC5leGFtcGxlLm9yZxERERERERERERERERERERERERERERERERERERERERERIiIiIiIiIiIiIiIiIiIiIiIiIiIiIiIiIiIiIiIiIiII9E6CSfdPH9mo6J93_-1d")
        XCTAssertEqual(hex(IdentityCommitment.contact(inviter)), "c419ed7840335401a7ac4fdc539f1d4e")
        XCTAssertEqual("kbc-" + Base64URL.encode([UInt8](repeating: 0x22, count: 32) + IdentityCommitment.contact(inviter)),
                       "kbc-IiIiIiIiIiIiIiIiIiIiIiIiIiIiIiIiIiIiIiIiIiLEGe14QDNUAaesT9xTnx1O")
    }
}
