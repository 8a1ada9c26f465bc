import XCTest
import Klankbord
@testable import KlankbordE2E

final class IdentityKeysTests: XCTestCase {
    func testIdentityRoundTripKeepsBothKeysAndSignature() throws {
        let identity = IdentityKeys()
        let restored = try IdentityKeys(serialized: identity.serialized())
        XCTAssertEqual(identity.serialized().count, 65)
        XCTAssertEqual(restored.publicBundle, identity.publicBundle)
        XCTAssertEqual(restored.agreementKey.secret, identity.agreementKey.secret)
    }

    func testPublicBundleRoundTripVerifies() throws {
        let bundle = IdentityKeys().publicBundle
        let encoded = bundle.serialized()
        XCTAssertEqual(encoded.count, 129)
        XCTAssertEqual(try IdentityKeys.PublicBundle(serialized: encoded), bundle)
    }

    func testPublicBundleWithSomeoneElsesAgreementKeyIsRejected() {
        let mine = IdentityKeys().publicBundle, theirs = IdentityKeys().publicBundle
        XCTAssertThrows(.invalidSignature) { () throws(E2EError) in
            try IdentityKeys.PublicBundle(signingKey: mine.signingKey, agreementKey: theirs.agreementKey, signature: mine.signature)
        }
        var encoded = mine.serialized()
        encoded[40] ^= 0x01
        XCTAssertThrows(.invalidSignature) { () throws(E2EError) in try IdentityKeys.PublicBundle(serialized: encoded) }
    }

    func testSignedPrekeyIsSignedByIdentityAndRoundTrips() throws {
        let identity = IdentityKeys()
        let prekey = SignedPrekey(id: 3, createdAt: 1_700_000_000, identity: identity)
        XCTAssertNoThrow(try prekey.publicPart.verify(signedBy: identity.publicBundle))
        XCTAssertThrows(.invalidSignature) { () throws(E2EError) in try prekey.publicPart.verify(signedBy: IdentityKeys().publicBundle) }
        let restored = try SignedPrekey(serialized: prekey.serialized())
        XCTAssertEqual(restored.publicPart, prekey.publicPart)
        XCTAssertEqual(try SignedPrekey.Public(serialized: prekey.publicPart.serialized()), prekey.publicPart)
    }

    func testSignedPrekeyWithForgedCreationTimeFailsVerification() {
        let identity = IdentityKeys()
        let prekey = SignedPrekey(id: 3, createdAt: 1_700_000_000, identity: identity).publicPart
        let forged = SignedPrekey.Public(id: prekey.id, createdAt: prekey.createdAt + 1, publicKey: prekey.publicKey, signature: prekey.signature)
        XCTAssertThrows(.invalidSignature) { () throws(E2EError) in try forged.verify(signedBy: identity.publicBundle) }
    }

    func testSignedPrekeyNeedsRotationAfterAWeek() {
        let prekey = SignedPrekey(id: 1, createdAt: 1_000_000, identity: IdentityKeys())
        XCTAssertFalse(prekey.needsRotation(now: 1_000_000 + SignedPrekey.rotationInterval - 1))
        XCTAssertTrue(prekey.needsRotation(now: 1_000_000 + SignedPrekey.rotationInterval))
        XCTAssertFalse(prekey.needsRotation(now: 999_999))
    }

    func testOneTimePrekeysGetIncreasingIdsAndDistinctKeys() throws {
        let keys = OneTimePrekey.generate(count: 50, startingAt: 1000)
        XCTAssertEqual(keys.map(\.id), Array(1000..<1050))
        XCTAssertEqual(Set(keys.map(\.keyPair.publicKey)).count, 50)
        let restored = try OneTimePrekey(serialized: keys[3].serialized())
        XCTAssertEqual(restored.publicPart, keys[3].publicPart)
        XCTAssertEqual(try OneTimePrekey.Public(serialized: keys[3].publicPart.serialized()), keys[3].publicPart)
        XCTAssertEqual(OneTimePrekey.generate(count: 2, startingAt: UInt32.max).map(\.id), [UInt32.max, 0])
    }

    func testPrekeyBundleRoundTripsWithAndWithoutOneTimePrekey() throws {
        let account = Account()
        for bundle in [account.bundle(), account.bundle(withOneTimePrekey: false)] {
            let encoded = bundle.serialized()
            XCTAssertEqual(encoded.count, bundle.oneTimePrekey == nil ? 238 : 274)
            XCTAssertEqual(try PrekeyBundle(serialized: encoded), bundle)
        }
    }
}
