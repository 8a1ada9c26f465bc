import Foundation
import Klankbord
@testable import KlankbordClient
@testable import KlankbordCrypto
@testable import KlankbordE2E
@testable import KlankbordProtocol
@testable import KlankbordServer
@testable import KlankbordStorage
@testable import KlankbordSystem
import XCTest

/// A member, or someone holding an invite code, tries the server's policy holes from outside: real daemon and
/// CLI processes, with raw requests through `ClientConnection` where the CLI would never send them.
final class HostileMemberTests: XCTestCase {
    func testAHugeAfterSeqShowsNothingFromBeforeTheJoin() throws {
        let community = try Community()
        try community.anna.ok(["send", "Peers", "voor", "de", "komst"])
        let (mallory, _, room) = try join(community, "mallory")
        for after: UInt64 in [1 << 63, (1 << 63) + 7, .max] {
            XCTAssertEqual(try mallory.events(in: room, after: after), [], "after_seq \(after)")
        }
        XCTAssertEqual(try mallory.events(in: room, after: 0), [])
        try community.anna.ok(["send", "Peers", "na", "de", "komst"])
        XCTAssertEqual(try mallory.events(in: room, after: 0).count, 1)
        XCTAssertEqual(try mallory.events(in: room, after: .max), [])
    }

    func testOneInviteCodeCannotProbeHandlesWithoutEndButAPersonCanPickAnotherName() throws {
        let community = try Community()
        // Someone whose first choices are taken picks another name with the same single-use code.
        let code = try XCTUnwrap(community.fien.ok(["invite", "create"]).first)
        let dora = Person(community.base, "dora")
        for taken in ["anna", "BEA"] {
            let refused = try dora.run(["join", code, "--handle", taken])
            XCTAssertNotEqual(refused.status, 0)
            XCTAssertTrue(refused.error.contains("Someone already uses this name. Choose another name."), refused.error)
        }
        XCTAssertTrue(try dora.ok(["join", code, "--handle", "dora"]).joined().contains("dora"))

        // A prober with a fresh connection per try learns at most uses + 5 answers, then the code is spent.
        let probe = try XCTUnwrap(community.fien.ok(["invite", "create"]).first)
        let secret = try InviteCode(parsing: probe).redeemSecret()
        var answers: [ErrorCode] = []
        for handle in ["anna", "bea", "carla", "fien", "root", "dora", "annA", "Bea"] {
            do {
                _ = try connect(community.daemon).call(.redeem(secret: secret, handle: handle))
            } catch let error as ClientError {
                if case let .server(code) = error { answers.append(code) }
            }
        }
        XCTAssertEqual(answers, Array(repeating: .handleTaken, count: 6) + [.inviteUsedUp, .inviteUsedUp])
        let late = try connect(community.daemon)
        XCTAssertThrowsError(try late.call(.redeem(secret: secret, handle: "vrij"))) { XCTAssertEqual($0 as? ClientError, .server(.inviteUsedUp)) }
    }

    func testRepeatingAnAccountInBundlesDrainsAtMostTheDailyLimitOfOneTimePrekeys() throws {
        let community = try Community()
        let (mallory, me, room) = try join(community, "mallory")
        guard case let .members(members) = try mallory.call(.members(room: room)) else { return XCTFail("no members") }
        let anna = try XCTUnwrap(members.first { $0.handle == "anna" }).accountID
        var drained = 0
        for _ in 0..<5 {
            guard case let .bundles(entries) = try mallory.call(.bundles(accounts: Array(repeating: anna, count: 1000), consume: true)) else { return XCTFail("no bundles") }
            XCTAssertEqual(entries.map(\.account), [anna])
            let bundle = try PrekeyBundle(serialized: XCTUnwrap(entries.first?.bundle))
            if bundle.oneTimePrekey != nil { drained += 1 }
        }
        XCTAssertEqual(drained, Int(Relay.oneTimePrekeysPerPairPerDay))
        // Asking for your own account answers nothing.
        XCTAssertEqual(try mallory.call(.bundles(accounts: [me.id], consume: true)), .bundles([AccountBundle(account: me.id, bundle: nil)]))
        // Others still reach anna as before.
        try community.bea.ok(["send", "Peers", "nog", "steeds", "goed"])
        XCTAssertEqual(try community.read(community.anna), ["nog steeds goed"])
    }

    func testLowOrderPrekeysAreRefusedAndTheConnectionStaysOpen() throws {
        let community = try Community()
        let (mallory, _, _) = try join(community, "mallory")
        let identity = IdentityKeys()
        let signed = SignedPrekey(id: 1, createdAt: UInt64(Date().timeIntervalSince1970), identity: identity).publicPart.serialized()
        for point in [[UInt8](repeating: 0, count: 32), [1] + [UInt8](repeating: 0, count: 31)] {
            let weak = OneTimePrekey.Public(id: 9, publicKey: try X25519.PublicKey(point)).serialized()
            XCTAssertThrowsError(try mallory.call(.prekeysUpload(identity: identity.publicBundle.serialized(), signedPrekey: signed, oneTimePrekeys: [weak]))) {
                XCTAssertEqual($0 as? ClientError, .server(.malformed))
            }
        }
        XCTAssertEqual(try mallory.call(.prekeyCount), .prekeyCount(0))
        XCTAssertEqual(try mallory.call(.ping), .pong)
    }

    func testASelfFloodedInboxDelaysOnlyItsOwnerWhoGetsTheKeyOnceThereIsRoom() throws {
        let community = try Community(daemonArguments: ["--set", "max_inbox_per_device=10"])
        // carla fills her own inbox to the limit, from her own device.
        let carla = try connect(community.daemon, as: community.carla)
        var stored = 0
        while (try? carla.call(.inboxPut(recipient: XCTUnwrap(community.carla.account).id, payload: [2, 0]))) != nil { stored += 1 }
        XCTAssertEqual(stored, 10)

        XCTAssertTrue(try community.fien.ok(["send", "Peers", "eerste", "bericht"]).joined().contains("Peers"), "the send is not blocked")
        XCTAssertEqual(try community.read(community.anna), ["eerste bericht"])
        XCTAssertEqual(try community.read(community.bea), ["eerste bericht"])
        // carla's own read empties her inbox; the key that did not fit comes with the next message.
        XCTAssertFalse(try community.read(community.carla).contains("eerste bericht"))
        try community.fien.ok(["send", "Peers", "tweede", "bericht"])
        // The first message stays closed to her (a chain only goes forward), and she is shown that she missed one.
        XCTAssertEqual(try community.read(community.carla), ["(this message could not be opened)", "tweede bericht"])
        XCTAssertEqual(try community.read(community.anna), ["tweede bericht"])
    }

    func testASessionMessageIsRefusedInAGroupRoomAndNeverOpenedThereByAClient() throws {
        let community = try Community()
        let (mallory, _, room) = try join(community, "mallory")
        XCTAssertThrowsError(try mallory.send(payload: [Envelope.session.rawValue, 1, 2, 3], to: room)) { XCTAssertEqual($0 as? ClientError, .server(.malformed)) }
        XCTAssertEqual(try mallory.call(.ping), .pong, "refused without closing the connection")

        // A server that stores one anyway gains nothing: bea's private message to anna, copied into the group,
        // is not opened there through their one-to-one session.
        try community.bea.ok(["dm", "anna", "alleen", "voor", "jou"])
        let database = try Database(.file(community.daemon.dataDirectory.path + "/klankbord.db"))
        let direct = try XCTUnwrap(database.queryOne("SELECT payload, sender_id FROM events e JOIN rooms r ON r.id = e.room_id WHERE r.kind = 2", []) { ($0.blob(0), $0.int64(1)) })
        try database.run("UPDATE rooms SET last_seq = last_seq + 1 WHERE id = ?", [.integer(Int64(room))])
        try database.run("""
            INSERT INTO events(room_id, seq, sender_id, time, client_id, payload)
            SELECT ?, last_seq, ?, 1750000000, randomblob(16), ? FROM rooms WHERE id = ?
            """, [.integer(Int64(room)), .integer(direct.1), .blob(direct.0), .integer(Int64(room))])
        let shown = try community.read(community.anna)
        XCTAssertFalse(shown.contains("alleen voor jou"), "a one-to-one message must not show up in the group")
        XCTAssertEqual(shown.count, 1)
    }

    func testARetriedRoomKeyDistributionReusesTheSavedChainSoEveryoneCanRead() throws {
        let community = try Community()
        let fienKey = try Profile(openingAt: community.fien.profile.path, passphrase: { nil })
        let account = try XCTUnwrap(fienKey.account)
        let peers = try XCTUnwrap(try connect(community.daemon, as: community.fien).call(.rooms).roomList.first { $0.name == "Peers" })
        // A daemon that lets a connection make three requests: members, bundles and the first key delivery
        // (to anna) go through, the delivery to bea is refused, so the send fails halfway.
        community.daemon.terminate()
        try community.daemon.start(port: community.daemon.port, overrides: ["--set", "event_burst=3", "--set", "events_per_second=0.1"])
        let first = Messenger(profile: fienKey, connection: try connect(community.daemon, as: community.fien), account: account)
        first.inboxBatchBytes = 1
        XCTAssertThrowsError(try first.send(.text("hallo allemaal"), to: peers)) { XCTAssertEqual($0 as? ClientError, .server(.rateLimited)) }
        // Tried again on an ordinary daemon: the same chain goes out, so anna (who already holds it) can read too.
        community.daemon.terminate()
        try community.daemon.start(port: community.daemon.port)
        let again = Messenger(profile: fienKey, connection: try connect(community.daemon, as: community.fien), account: account)
        try again.send(.text("hallo allemaal"), to: peers)
        for person in [community.anna, community.bea, community.carla] {
            XCTAssertEqual(try community.read(person), ["hallo allemaal"], person.profile.lastPathComponent)
        }
    }

    // MARK: Helpers

    private func serverKey(_ daemon: DaemonProcess) throws -> X25519.PublicKey {
        try X25519.PrivateKey(secret: KeyFile.load(path: daemon.dataDirectory.path + "/server.key", length: 32)).publicKey
    }

    /// A raw connection with a new device key, or with the device key of `person`'s profile.
    private func connect(_ daemon: DaemonProcess, as person: Person? = nil) throws -> ClientConnection {
        let key = try person.map { try Profile(openingAt: $0.profile.path, passphrase: { nil }).deviceKey() } ?? X25519.PrivateKey()
        return try ClientConnection(address: ServerAddress(host: "127.0.0.1", port: daemon.port), serverKey: serverKey(daemon), deviceKey: key)
    }

    /// A new account in Peers, made with a raw connection from a room invite fien makes.
    private func join(_ community: Community, _ handle: String) throws -> (ClientConnection, AccountRecord, UInt64) {
        let code = try XCTUnwrap(community.fien.ok(["room", "invite", "Peers"]).first)
        let connection = try connect(community.daemon)
        guard case let .redeemed(account, room?, _, _) = try connection.call(.redeem(secret: InviteCode(parsing: code).redeemSecret(), handle: handle)) else {
            throw NSError(domain: "HostileMemberTests", code: 1)
        }
        return (connection, account, room)
    }
}

private extension Person {
    /// The account saved in this person's profile.
    var account: Profile.Account? { try? Profile(openingAt: profile.path, passphrase: { nil }).account }
}

private extension Response {
    var roomList: [RoomSummary] {
        if case let .rooms(list) = self { return list }
        return []
    }
}
