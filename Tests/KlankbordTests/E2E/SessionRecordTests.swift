import XCTest
import Klankbord
@testable import KlankbordE2E

final class SessionRecordTests: XCTestCase {
    private struct Peer {
        let account: Account
        var record = SessionRecord()
        var usedOneTimePrekeys: [UInt32] = []

        init(_ account: Account = Account()) {
            self.account = account
        }

        mutating func start(with other: Peer, oneTimePrekey: Bool = true) throws {
            record.install(try X3DH.initiate(identity: account.identity, bundle: other.account.bundle(withOneTimePrekey: oneTimePrekey)))
        }

        mutating func receive(_ message: SessionMessage) throws(E2EError) -> SessionRecord.Received {
            let account = self.account, used = usedOneTimePrekeys
            let received = try record.decrypt(message, identity: account.identity, signedPrekey: account.signedPrekey,
                                              oneTimePrekey: { id in used.contains(id) ? nil : account.oneTimePrekey(id) })
            if let id = received.usedOneTimePrekeyID { usedOneTimePrekeys.append(id) }
            return received
        }
    }

    func testFirstInitialMessageEstablishesTheSession() throws {
        var alice = Peer(), bob = Peer()
        try alice.start(with: bob)
        let received = try bob.receive(try alice.record.encrypt(bytes("hello")))
        XCTAssertEqual(received.plaintext, bytes("hello"))
        XCTAssertEqual(received.event, .established)
        XCTAssertEqual(received.usedOneTimePrekeyID, 100)
        XCTAssertEqual(received.remoteIdentity, alice.account.identity.publicBundle)
        let reply = try alice.receive(try bob.record.encrypt(bytes("hi")))
        XCTAssertEqual(reply.plaintext, bytes("hi"))
        XCTAssertEqual(reply.event, .continued)
    }

    func testAnyUnansweredInitialMessageStartsTheSessionAndTheOthersContinueIt() throws {
        var alice = Peer(), bob = Peer()
        try alice.start(with: bob)
        let messages = try (0..<3).map { try alice.record.encrypt(bytes("m\($0)")) }
        for message in messages {
            guard case .initial = message else { return XCTFail("unanswered messages carry the X3DH data") }
        }
        XCTAssertEqual(try bob.receive(messages[1]).event, .established)
        XCTAssertEqual(try bob.receive(messages[2]).event, .continued)
        let late = try bob.receive(messages[0])
        XCTAssertEqual(late.event, .continued)
        XCTAssertEqual(late.plaintext, bytes("m0"))
        XCTAssertNil(late.usedOneTimePrekeyID)
        XCTAssertEqual(bob.usedOneTimePrekeys, [100])
        XCTAssertThrows(.duplicateMessage) { () throws(E2EError) in try bob.receive(messages[1]) }
    }

    func testPeerWhoLostTheirStateStartsANewSessionAndItIsReported() throws {
        var alice = Peer(), bob = Peer()
        try alice.start(with: bob)
        _ = try bob.receive(try alice.record.encrypt(bytes("before")))
        _ = try alice.receive(try bob.record.encrypt(bytes("ack")))
        alice.record = SessionRecord()
        try alice.start(with: bob, oneTimePrekey: false)
        let received = try bob.receive(try alice.record.encrypt(bytes("I lost my phone")))
        XCTAssertEqual(received.event, .reset(identityChanged: false))
        XCTAssertEqual(received.plaintext, bytes("I lost my phone"))
        XCTAssertEqual(bob.record.previous.count, 1)
        XCTAssertEqual(try alice.receive(try bob.record.encrypt(bytes("welcome back"))).plaintext, bytes("welcome back"))
    }

    func testPeerWithANewIdentityIsStoppedAndTheSessionKept() throws {
        var alice = Peer(), bob = Peer()
        try alice.start(with: bob)
        _ = try bob.receive(try alice.record.encrypt(bytes("before")))
        var reinstalled = Peer()
        try reinstalled.start(with: bob, oneTimePrekey: false)
        let forged = try reinstalled.record.encrypt(bytes("new phone"))
        XCTAssertThrows(.identityChanged) { () throws(E2EError) in try bob.receive(forged) }
        XCTAssertEqual(bob.record.current?.remoteIdentity, alice.account.identity.publicBundle)
        XCTAssertEqual(try bob.receive(try alice.record.encrypt(bytes("still alice"))).plaintext, bytes("still alice"))
    }

    func testLateMessagesOnAReplacedSessionStillDecrypt() throws {
        var alice = Peer(), bob = Peer()
        try alice.start(with: bob)
        _ = try bob.receive(try alice.record.encrypt(bytes("one")))
        let stale = try bob.record.encrypt(bytes("sent before the reset"))
        var aliceRestarted = Peer(alice.account)
        aliceRestarted.record = alice.record
        try aliceRestarted.start(with: bob, oneTimePrekey: false)
        XCTAssertEqual(try bob.receive(try aliceRestarted.record.encrypt(bytes("fresh"))).event, .reset(identityChanged: false))
        XCTAssertEqual(try aliceRestarted.receive(stale).plaintext, bytes("sent before the reset"))
    }

    func testSimultaneousInitiationConvergesAndEveryMessageDecrypts() throws {
        var alice = Peer(), bob = Peer()
        try alice.start(with: bob)
        try bob.start(with: alice)
        let fromAlice = try alice.record.encrypt(bytes("a0"))
        let fromBob = try bob.record.encrypt(bytes("b0"))
        XCTAssertEqual(try bob.receive(fromAlice).event, .established)
        XCTAssertEqual(try alice.receive(fromBob).event, .established)
        var random = SeededGenerator(seed: 42)
        for round in 0..<40 {
            if Bool.random(using: &random) {
                XCTAssertEqual(try bob.receive(try alice.record.encrypt(bytes("a\(round)"))).plaintext, bytes("a\(round)"))
            } else {
                XCTAssertEqual(try alice.receive(try bob.record.encrypt(bytes("b\(round)"))).plaintext, bytes("b\(round)"))
            }
        }
        XCTAssertEqual(alice.record.current?.baseKey, bob.record.current?.baseKey)
    }

    func testUnknownPrekeyLeavesTheRecordUnchanged() throws {
        var alice = Peer(), bob = Peer()
        try alice.start(with: bob)
        let message = try alice.record.encrypt(bytes("x"))
        bob.usedOneTimePrekeys = [100]
        XCTAssertThrows(.unknownPrekey(100)) { () throws(E2EError) in try bob.receive(message) }
        XCTAssertNil(bob.record.current)
    }

    func testEmptyRecordHasNoSession() {
        var record = SessionRecord()
        XCTAssertThrows(.noSession) { () throws(E2EError) in try record.encrypt(bytes("x")) }
    }

    func testRecordRoundTripsThroughBytes() throws {
        var alice = Peer(), bob = Peer()
        try alice.start(with: bob)
        _ = try bob.receive(try alice.record.encrypt(bytes("one")))
        try alice.start(with: bob, oneTimePrekey: false)
        _ = try bob.receive(try alice.record.encrypt(bytes("two")))
        let restored = try SessionRecord(serialized: bob.record.serialized())
        XCTAssertEqual(restored.serialized(), bob.record.serialized())
        XCTAssertEqual(restored.previous.count, 1)
        bob.record = restored
        XCTAssertEqual(try alice.receive(try bob.record.encrypt(bytes("three"))).plaintext, bytes("three"))
        XCTAssertEqual(try SessionRecord(serialized: SessionRecord().serialized()).serialized(), [1, 0, 0])
    }
}
