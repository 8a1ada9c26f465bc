import XCTest
import Klankbord
@testable import KlankbordCrypto
@testable import KlankbordE2E
@testable import KlankbordTrust

/// Invite keys, join proofs, welcome blobs, sealed room-log entries and the invite context (docs/TRUST.md).
final class TrustCryptoTests: XCTestCase {
    let person = LogPerson(account: 7, handle: "ann")

    func testInviteKeyIsTheSameForTheSameSecretAndDiffersOtherwise() throws {
        let secret = TrustCommunity.secret()
        XCTAssertEqual(try InviteKey(secret: secret).publicKey, try InviteKey(secret: secret).publicKey)
        XCTAssertNotEqual(try InviteKey(secret: secret).publicKey, try InviteKey(secret: TrustCommunity.secret()).publicKey)
        let seed = BLAKE2b.hash(Array("klankbord/invite-signing-key/1".utf8), length: 32, key: secret)
        XCTAssertEqual(try InviteKey(secret: secret).publicKey, try Ed25519.SigningKey(seed: SecretBytes(copying: seed)).verifyingKey)
        XCTAssertNotEqual(try InviteKey.welcomeKey(secret: secret).unprotectedBytes, seed, "the two keys are domain-separated")
        XCTAssertNotEqual(seed, BLAKE2b.hash(secret, length: 32), "neither is the hash the server stores")
        let token = try InviteKey.redeemToken(secret: secret)
        XCTAssertEqual(token, BLAKE2b.hash(Array("klankbord/invite-redeem-token/1".utf8), length: 32, key: secret))
        XCTAssertNotEqual(token, seed)
        XCTAssertNotEqual(token, try InviteKey.welcomeKey(secret: secret).unprotectedBytes)
        XCTAssertThrowsError(try InviteKey(secret: [1, 2, 3]))
    }

    func testJoinProofBindsScopeAccountIdentityAndHandle() throws {
        let key = try InviteKey(secret: TrustCommunity.secret())
        let proof = key.proof(scope: 10, account: 7, identity: person.bundle, handle: "ann")
        let join = LogJoin(inviteKey: key.publicKey, handle: "ann", identity: person.bundle, proof: proof)
        XCTAssertTrue(InviteKey.verifyProof(join, scope: 10, account: 7))
        XCTAssertFalse(InviteKey.verifyProof(join, scope: 11, account: 7), "another room")
        XCTAssertFalse(InviteKey.verifyProof(join, scope: 10, account: 8), "another account")
        var otherHandle = join
        otherHandle.handle = "anne"
        XCTAssertFalse(InviteKey.verifyProof(otherHandle, scope: 10, account: 7))
        var otherIdentity = join
        otherIdentity.identity = IdentityKeys().publicBundle
        XCTAssertFalse(InviteKey.verifyProof(otherIdentity, scope: 10, account: 7))
        var otherKey = join
        otherKey.inviteKey = try InviteKey(secret: TrustCommunity.secret()).publicKey
        XCTAssertFalse(InviteKey.verifyProof(otherKey, scope: 10, account: 7))
    }

    func testWelcomeOpensOnlyWithTheInviteSecretForItsRoom() throws {
        let key = RoomLogKey(), secret = TrustCommunity.secret()
        let welcome = try key.welcome(room: 10, inviteSecret: secret)
        XCTAssertEqual(welcome.count, RoomLogKey.welcomeLength)
        XCTAssertLessThanOrEqual(welcome.count, 256, "fits the server's welcome limit")
        XCTAssertEqual(try RoomLogKey(welcome: welcome, room: 10, inviteSecret: secret), key)
        XCTAssertThrowsError(try RoomLogKey(welcome: welcome, room: 11, inviteSecret: secret)) { XCTAssertEqual($0 as? TrustError, .openFailed) }
        XCTAssertThrowsError(try RoomLogKey(welcome: welcome, room: 10, inviteSecret: TrustCommunity.secret())) { XCTAssertEqual($0 as? TrustError, .openFailed) }
        var tampered = welcome
        tampered[30] ^= 1
        XCTAssertThrowsError(try RoomLogKey(welcome: tampered, room: 10, inviteSecret: secret))
    }

    func testSealedEntryOpensOnlyAtItsRoomAndIndex() throws {
        let key = RoomLogKey(), entry = Array("a signed entry".utf8)
        let stored = try key.seal(entry: entry, room: 10, index: 3)
        XCTAssertFalse(stored.contains(subsequence: entry), "the server sees no plaintext")
        XCTAssertEqual(try key.open(stored: stored, room: 10, index: 3), entry)
        XCTAssertThrowsError(try key.open(stored: stored, room: 10, index: 4)) { XCTAssertEqual($0 as? TrustError, .openFailed) }
        XCTAssertThrowsError(try key.open(stored: stored, room: 11, index: 3))
        XCTAssertThrowsError(try RoomLogKey().open(stored: stored, room: 10, index: 3))
    }

    func testContextAndCommitmentFollowTheirDefinition() {
        let roster = Random.bytes(32), room = Random.bytes(32)
        let context = InviteContext.context(rosterHead: roster, roomHead: room)
        XCTAssertEqual(context, BLAKE2b.hash(Array("klankbord/invite-context/1".utf8) + roster + room, length: 32))
        XCTAssertEqual(InviteContext.context(rosterHead: roster, roomHead: nil),
                       BLAKE2b.hash(Array("klankbord/invite-context/1".utf8) + roster + [UInt8](repeating: 0, count: 32), length: 32))
        XCTAssertNotEqual(InviteContext.context(rosterHead: roster, roomHead: nil), context)
        let commitment = InviteContext.commitment(inviter: person.bundle, context: context)
        XCTAssertEqual(commitment, BLAKE2b.hash(Array("klankbord/invite-commitment/1".utf8) + person.bundle.serialized() + context, length: 16))
        XCTAssertNotEqual(commitment, InviteContext.commitment(inviter: IdentityKeys().publicBundle, context: context))
    }
}

extension Array where Element == UInt8 {
    /// Whether `needle` occurs as a contiguous run.
    func contains(subsequence needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= count else { return needle.isEmpty }
        return (0...(count - needle.count)).contains { Array(self[$0..<$0 + needle.count]) == needle }
    }
}
