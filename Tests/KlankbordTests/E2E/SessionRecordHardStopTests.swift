import XCTest
import Klankbord
@testable import KlankbordE2E

/// An identity change is a hard stop at the session level: an initial message under another identity
/// than the pinned one never replaces, or starts, a session, and it consumes no one-time prekey.
final class SessionRecordHardStopTests: XCTestCase {
    private let bob = Account()

    private func firstMessage(from sender: Account, _ text: String, oneTimePrekey: Bool = true) throws -> SessionMessage {
        var record = SessionRecord()
        record.install(try X3DH.initiate(identity: sender.identity, bundle: bob.bundle(withOneTimePrekey: oneTimePrekey)))
        return try record.encrypt(bytes(text))
    }

    private func receive(_ message: SessionMessage, into record: inout SessionRecord, pinned: IdentityKeys.PublicBundle?) throws(E2EError) -> SessionRecord.Received {
        let bob = self.bob
        return try record.decrypt(message, identity: bob.identity, pinned: pinned, signedPrekey: bob.signedPrekey, oneTimePrekey: bob.oneTimePrekey)
    }

    func testAFirstMessageUnderAnotherIdentityThanThePinnedOneStartsNoSession() throws {
        let anna = Account(), impostor = Account()
        var record = SessionRecord()
        let forged = try firstMessage(from: impostor, "hi, it is anna")
        XCTAssertThrows(.identityChanged) { () throws(E2EError) in try receive(forged, into: &record, pinned: anna.identity.publicBundle) }
        XCTAssertNil(record.current)
        // The real anna, under the pinned identity, still gets a session.
        let real = try receive(try firstMessage(from: anna, "hi"), into: &record, pinned: anna.identity.publicBundle)
        XCTAssertEqual(real.plaintext, bytes("hi"))
        XCTAssertEqual(real.event, .established)
    }

    func testAResetBySameIdentityKeepsWorkingWithoutFriction() throws {
        let anna = Account()
        var record = SessionRecord()
        _ = try receive(try firstMessage(from: anna, "one"), into: &record, pinned: anna.identity.publicBundle)
        let again = try receive(try firstMessage(from: anna, "new session", oneTimePrekey: false), into: &record, pinned: anna.identity.publicBundle)
        XCTAssertEqual(again.plaintext, bytes("new session"))
        XCTAssertEqual(again.event, .reset(identityChanged: false))
    }

    func testWithoutAPinTheCurrentSessionsIdentityIsExpected() throws {
        let anna = Account(), impostor = Account()
        var record = SessionRecord()
        _ = try receive(try firstMessage(from: anna, "one"), into: &record, pinned: nil)
        let forged = try firstMessage(from: impostor, "takeover", oneTimePrekey: false)
        XCTAssertThrows(.identityChanged) { () throws(E2EError) in try receive(forged, into: &record, pinned: nil) }
        XCTAssertEqual(record.current?.remoteIdentity, anna.identity.publicBundle)
    }

    func testAnInitialMessageThatDoesNotAuthenticateIsNotReportedAsAChange() throws {
        let anna = Account(), impostor = Account()
        var record = SessionRecord()
        var bytes = try firstMessage(from: impostor, "tampered").serialized()
        bytes[bytes.count - 1] ^= 1
        let tampered = try SessionMessage(serialized: bytes)
        XCTAssertThrows(.decryptionFailed) { () throws(E2EError) in try receive(tampered, into: &record, pinned: anna.identity.publicBundle) }
    }
}
