import Foundation
import XCTest
import Klankbord
@testable import KlankbordClient
@testable import KlankbordCrypto
@testable import KlankbordE2E
@testable import KlankbordProtocol
@testable import KlankbordTrust

/// The identity store: one sealed pin per contact, keyed by a vault tag, so the raw file does not show
/// which accounts are contacts; held changes and what was sent under them; the move from the 001 tables.
final class IdentityStoreTests: XCTestCase {
    private var directory = ""

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("pins-\(UUID().uuidString)").path
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func makeProfile() throws -> Profile {
        try Profile.create(at: directory, passphrase: SecretBytes(copying: Array("een lange zin als wachtwoord".utf8)))
    }

    func testAPinRoundTripsAndAHeldChangeIsKeptBesideIt() throws {
        let profile = try makeProfile()
        let bea = IdentityKeys().publicBundle, other = IdentityKeys().publicBundle
        XCTAssertNil(profile.pin(42))
        var pin = IdentityPin(account: 42, handle: "bea", identity: bea, source: .invite)
        try profile.savePin(pin)
        XCTAssertEqual(profile.pin(42), pin)
        pin.held = other
        pin.verified = true
        try profile.savePin(pin)
        XCTAssertEqual(profile.pin(42)?.held, other)
        XCTAssertEqual(profile.pin(42)?.identity, bea)
        XCTAssertEqual(profile.pins(), [pin])
        XCTAssertNil(profile.pin(43))
    }

    /// A big room's pins are read in a few statements (`pins(of:)`, 500 accounts each): every pin asked for and held
    /// comes back, with its held change, and nothing else.
    func testThePinsOfManyAccountsComeBackTogether() throws {
        let profile = try makeProfile()
        let other = IdentityKeys().publicBundle
        var saved: [UInt64: IdentityPin] = [:]
        for account in UInt64(1)...1_100 where account % 3 != 0 {
            let pin = IdentityPin(account: account, handle: "lid\(account)", identity: IdentityKeys().publicBundle, source: .log,
                                  held: account == 500 ? other : nil)
            try profile.savePin(pin)
            saved[account] = pin
        }
        let found = profile.pins(of: Array(UInt64(1)...1_200))
        XCTAssertEqual(found.count, saved.count)
        XCTAssertEqual(found, saved)
        XCTAssertEqual(found[500]?.held, other)
        XCTAssertEqual(profile.pins(of: [3, 6, 2_000]), [:])
    }

    func testHeldItemsComeBackInOrderAndGoWhenDropped() throws {
        let profile = try makeProfile()
        let first = HeldItem.inbox(InboxItem(id: 1, senderID: 42, senderHandle: "bea", time: 10, payload: [1, 2]))
        let second = HeldItem.event(EventRecord(room: 7, seq: 3, senderID: 42, senderHandle: "bea", time: 11, payload: [3]))
        try profile.hold(first, from: 42)
        try profile.hold(second, from: 42)
        XCTAssertEqual(profile.heldItems(from: 42), [first, second])
        XCTAssertEqual(profile.heldItems(from: 43), [])
        try profile.dropHeldItems(from: 42)
        XCTAssertEqual(profile.heldItems(from: 42), [])
    }

    func testTheRawFileNamesNoContactAccountAndNoHandle() throws {
        let profile = try makeProfile()
        let account: UInt64 = 0x0102_0304_0506_0708
        try profile.savePin(IdentityPin(account: account, handle: "bea_handle", identity: IdentityKeys().publicBundle, source: .server))
        try profile.saveSession(SessionRecord(), with: account)
        try profile.hold(.inbox(InboxItem(id: 1, senderID: account, senderHandle: "bea_handle", time: 1, payload: [])), from: account)
        try profile.database.checkpoint()
        var raw = Data()
        for name in ["client.db", "client.db-wal"] {
            raw.append((try? Data(contentsOf: URL(fileURLWithPath: directory + "/" + name))) ?? Data())
        }
        let bigEndian = withUnsafeBytes(of: account.bigEndian) { Data($0) }
        let littleEndian = withUnsafeBytes(of: account.littleEndian) { Data($0) }
        XCTAssertNil(raw.range(of: bigEndian))
        XCTAssertNil(raw.range(of: littleEndian))
        XCTAssertNil(raw.range(of: Data("bea_handle".utf8)))
    }

    func testContactsAndSessionsOfTheFirstSchemaMoveToThePins() throws {
        // A profile as 001 left it: the old tables, keyed by account id.
        let created = try makeProfile()
        let bea = IdentityKeys().publicBundle
        var w = WireWriter()
        w.string("bea")
        w.data(bea.serialized())
        try created.database.execute("CREATE TABLE legacy_contacts(account INTEGER PRIMARY KEY, sealed BLOB NOT NULL, verified INTEGER NOT NULL DEFAULT 0, changed INTEGER NOT NULL DEFAULT 0)")
        try created.database.execute("CREATE TABLE legacy_sessions(account INTEGER PRIMARY KEY, sealed BLOB NOT NULL)")
        try created.database.run("INSERT INTO legacy_contacts(account, sealed, verified) VALUES (5, ?, 1)", [.blob(created.vault.seal(w.bytes, "contact/5"))])
        try created.database.run("INSERT INTO legacy_sessions(account, sealed) VALUES (5, ?)", [.blob(created.vault.seal(SessionRecord().serialized(), "session/5"))])
        let reopened = try Profile(openingAt: directory) { SecretBytes(copying: Array("een lange zin als wachtwoord".utf8)) }
        XCTAssertEqual(reopened.pin(5), IdentityPin(account: 5, handle: "bea", identity: bea, source: .server, verified: true))
        XCTAssertEqual(try reopened.database.queryOne("SELECT count(*) FROM sqlite_master WHERE name LIKE 'legacy_%'") { $0.int64(0) }, 0)
        XCTAssertEqual(try reopened.database.queryOne("SELECT count(*) FROM sessions") { $0.int64(0) }, 1)
    }
}
