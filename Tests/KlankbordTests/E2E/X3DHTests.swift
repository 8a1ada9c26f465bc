import XCTest
import Klankbord
@testable import KlankbordCrypto
@testable import KlankbordE2E

final class X3DHTests: XCTestCase {
    func testBothSidesDeriveTheSameSharedSecretWithOneTimePrekey() throws {
        try assertSameSecret(useOneTimePrekey: true)
    }

    func testBothSidesDeriveTheSameSharedSecretWithoutOneTimePrekey() throws {
        try assertSameSecret(useOneTimePrekey: false)
    }

    private func assertSameSecret(useOneTimePrekey: Bool) throws {
        let alice = Account(), bob = Account()
        let ephemeral = X25519.PrivateKey()
        let bundle = bob.bundle(withOneTimePrekey: useOneTimePrekey)
        let initiator = try X3DH.initiatorSecret(identity: alice.identity, bundle: bundle, ephemeral: ephemeral)
        let responder = try X3DH.responderSecret(identity: bob.identity, signedPrekey: bob.signedPrekey,
                                                 oneTimePrekey: useOneTimePrekey ? bob.oneTimePrekeys[0] : nil,
                                                 initiator: alice.identity.publicBundle, baseKey: ephemeral.publicKey)
        XCTAssertEqual(initiator, responder)
        XCTAssertEqual(initiator.count, 32)
        let otherOneTime = try X3DH.responderSecret(identity: bob.identity, signedPrekey: bob.signedPrekey,
                                                    oneTimePrekey: useOneTimePrekey ? nil : bob.oneTimePrekeys[0],
                                                    initiator: alice.identity.publicBundle, baseKey: ephemeral.publicKey)
        XCTAssertNotEqual(initiator, otherOneTime)
    }

    func testSessionWithOneTimePrekeyReportsItUsedAndBothDirectionsWork() throws {
        let alice = Account(), bob = Account()
        var aliceSession = try X3DH.initiate(identity: alice.identity, bundle: bob.bundle())
        guard case .initial(let initial) = try aliceSession.seal(bytes("hi bob")) else { return XCTFail("expected initial message") }
        XCTAssertEqual(initial.oneTimePrekeyID, 100)
        XCTAssertEqual(initial.signedPrekeyID, 7)
        XCTAssertEqual(initial.identity, alice.identity.publicBundle)
        let response = try X3DH.respond(to: initial, identity: bob.identity, signedPrekey: bob.signedPrekey, oneTimePrekey: bob.oneTimePrekeys[0])
        XCTAssertEqual(response.plaintext, bytes("hi bob"))
        XCTAssertEqual(response.usedOneTimePrekeyID, 100)
        XCTAssertEqual(response.session.remoteIdentity, alice.identity.publicBundle)
        var bobSession = response.session
        let reply = try bobSession.encrypt(bytes("hi alice"))
        XCTAssertEqual(try aliceSession.decrypt(reply), bytes("hi alice"))
        XCTAssertNil(aliceSession.pendingPrekey)
        guard case .ratchet = try aliceSession.seal(bytes("after")) else { return XCTFail("expected plain ratchet message after reply") }
    }

    func testSessionWithoutOneTimePrekeyWorks() throws {
        let alice = Account(), bob = Account()
        var aliceSession = try X3DH.initiate(identity: alice.identity, bundle: bob.bundle(withOneTimePrekey: false))
        guard case .initial(let initial) = try aliceSession.seal(bytes("no otk")) else { return XCTFail("expected initial message") }
        XCTAssertNil(initial.oneTimePrekeyID)
        let response = try X3DH.respond(to: initial, identity: bob.identity, signedPrekey: bob.signedPrekey, oneTimePrekey: nil)
        XCTAssertEqual(response.plaintext, bytes("no otk"))
        XCTAssertNil(response.usedOneTimePrekeyID)
    }

    func testBundleWithBadSignedPrekeySignatureIsRefused() {
        let alice = Account(), bob = Account(), mallory = Account()
        let forged = PrekeyBundle(identity: bob.identity.publicBundle, signedPrekey: mallory.signedPrekey.publicPart, oneTimePrekey: nil)
        XCTAssertThrows(.invalidSignature) { () throws(E2EError) in try X3DH.initiate(identity: alice.identity, bundle: forged) }
        var signature = bob.signedPrekey.signature
        signature[0] ^= 0x80
        let p = bob.signedPrekey.publicPart
        let tampered = PrekeyBundle(identity: bob.identity.publicBundle,
                                    signedPrekey: SignedPrekey.Public(id: p.id, createdAt: p.createdAt, publicKey: p.publicKey, signature: signature),
                                    oneTimePrekey: nil)
        XCTAssertThrows(.invalidSignature) { () throws(E2EError) in try X3DH.initiate(identity: alice.identity, bundle: tampered) }
    }

    func testRespondWithWrongPrekeysIsRefused() throws {
        let alice = Account(), bob = Account()
        var aliceSession = try X3DH.initiate(identity: alice.identity, bundle: bob.bundle())
        guard case .initial(let initial) = try aliceSession.seal(bytes("x")) else { return XCTFail("expected initial message") }
        XCTAssertThrows(.unknownPrekey(100)) { () throws(E2EError) in
            try X3DH.respond(to: initial, identity: bob.identity, signedPrekey: bob.signedPrekey, oneTimePrekey: nil)
        }
        XCTAssertThrows(.unknownPrekey(100)) { () throws(E2EError) in
            try X3DH.respond(to: initial, identity: bob.identity, signedPrekey: bob.signedPrekey, oneTimePrekey: bob.oneTimePrekeys[1])
        }
        let otherSigned = SignedPrekey(id: 8, createdAt: 0, identity: bob.identity)
        XCTAssertThrows(.unknownPrekey(7)) { () throws(E2EError) in
            try X3DH.respond(to: initial, identity: bob.identity, signedPrekey: otherSigned, oneTimePrekey: bob.oneTimePrekeys[0])
        }
    }

    func testInitialMessageFromAnImpostorIdentityFailsToDecrypt() throws {
        let alice = Account(), bob = Account(), mallory = Account()
        var aliceSession = try X3DH.initiate(identity: alice.identity, bundle: bob.bundle())
        guard case .initial(let initial) = try aliceSession.seal(bytes("x")) else { return XCTFail("expected initial message") }
        let impostor = InitialMessage(identity: mallory.identity.publicBundle, baseKey: initial.baseKey, signedPrekeyID: initial.signedPrekeyID,
                                      oneTimePrekeyID: initial.oneTimePrekeyID, message: initial.message)
        XCTAssertThrows(.decryptionFailed) { () throws(E2EError) in
            try X3DH.respond(to: impostor, identity: bob.identity, signedPrekey: bob.signedPrekey, oneTimePrekey: bob.oneTimePrekeys[0])
        }
    }

    func testInitialMessageWithLowOrderBaseKeyIsRefused() throws {
        let alice = Account(), bob = Account()
        var aliceSession = try X3DH.initiate(identity: alice.identity, bundle: bob.bundle())
        guard case .initial(let initial) = try aliceSession.seal(bytes("x")) else { return XCTFail("expected initial message") }
        let lowOrder = InitialMessage(identity: initial.identity, baseKey: try X25519.PublicKey([UInt8](repeating: 0, count: 32)),
                                      signedPrekeyID: initial.signedPrekeyID, oneTimePrekeyID: initial.oneTimePrekeyID, message: initial.message)
        XCTAssertThrows(.invalidKey) { () throws(E2EError) in
            try X3DH.respond(to: lowOrder, identity: bob.identity, signedPrekey: bob.signedPrekey, oneTimePrekey: bob.oneTimePrekeys[0])
        }
    }

    func testInitialMessageRoundTripsThroughBytes() throws {
        let alice = Account(), bob = Account()
        var aliceSession = try X3DH.initiate(identity: alice.identity, bundle: bob.bundle())
        let message = try aliceSession.seal(bytes("bytes"))
        XCTAssertEqual(try SessionMessage(serialized: message.serialized()), message)
        guard case .initial(let initial) = message else { return XCTFail("expected initial message") }
        XCTAssertEqual(try InitialMessage(serialized: initial.serialized()), initial)
        let response = try X3DH.respond(to: try InitialMessage(serialized: initial.serialized()), identity: bob.identity,
                                        signedPrekey: bob.signedPrekey, oneTimePrekey: bob.oneTimePrekeys[0])
        XCTAssertEqual(response.plaintext, bytes("bytes"))
    }
}
