import XCTest
import Klankbord
@testable import KlankbordConfig
@testable import KlankbordCrypto
@testable import KlankbordE2E
@testable import KlankbordProtocol
@testable import KlankbordServer

/// Policy holes a member (or a stranger with a code) could use against others, each closed on the server.
final class RelayHostileMemberTests: XCTestCase {
    // MARK: after_seq

    func testAHugeAfterSeqMeansNothingAfterNeverEverything() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        for index in 1...3 { _ = try relay.sentSeq(relay.send([1, UInt8(index)], to: c.room, by: c.member)) }
        let late = try relay.register("Laat", room: c.room, invitedBy: c.facilitator)
        _ = try relay.sentSeq(relay.send([1, 9], to: c.room, by: c.member))
        for after: UInt64 in [1 << 63, (1 << 63) + 1, .max - 3, .max] {
            XCTAssertEqual(try relay.fetch(c.room, after: after, by: late).events, [], "after_seq \(after)")
        }
        // An ordinary fetch still starts where the member joined.
        XCTAssertEqual(try relay.fetch(c.room, after: 0, by: late).events.map(\.payload), [[1, 9]])
    }

    // MARK: redeem

    func testEveryRedeemOfAValidInviteSpendsAnAttemptSoOneCodeCannotProbeHandlesForever() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        let invite = try relay.invite(by: c.facilitator, uses: 1)
        // A new connection each time: the per-connection limit would start again.
        for handle in ["Fenna", "Hulplijn", "Bram", "Ana", "fenna"] {
            XCTAssertEqual(relay.request(relay.open(), .redeem(secret: invite.secret, handle: handle)), .failure(.handleTaken), handle)
        }
        // Five names taken: the single-use code still works once for a free name...
        let joined = try relay.redeem(invite.secret, handle: "Vrij", on: relay.open())
        XCTAssertEqual(joined.account?.handle, "Vrij")
        XCTAssertEqual(relay.request(relay.open(), .redeem(secret: invite.secret, handle: "Ana")), .failure(.inviteUsedUp))
        // ...and a spare attempt does not outlive its invite's budget: one use plus five.
        let other = try relay.invite(by: c.facilitator, uses: 1)
        for _ in 0..<6 { XCTAssertEqual(relay.request(relay.open(), .redeem(secret: other.secret, handle: "Ana")), .failure(.handleTaken)) }
        XCTAssertEqual(relay.request(relay.open(), .redeem(secret: other.secret, handle: "Ana")), .failure(.inviteUsedUp))
        XCTAssertEqual(relay.request(relay.open(), .redeem(secret: other.secret, handle: "Nog_vrij")), .failure(.inviteUsedUp))
        XCTAssertEqual(try relay.count("SELECT count(*) FROM accounts"), 6)
    }

    func testARefusedRedeemStillLeavesNoAccountBehind() throws {
        var config = Config()
        config.maxMembersPerRoom = 4
        let relay = try RelayHarness(config: config)
        let c = try relay.community()
        _ = try relay.register("Vierde", room: c.room, invitedBy: c.facilitator)
        let invite = try relay.invite(by: c.facilitator, room: c.room)
        XCTAssertEqual(relay.request(relay.open(), .redeem(secret: invite.secret, handle: "Vijfde")), .failure(.limitReached))
        XCTAssertEqual(try relay.count("SELECT count(*) FROM accounts WHERE handle_key = 'vijfde'"), 0)
        XCTAssertEqual(try relay.count("SELECT spent FROM invite_attempts"), 1)
        XCTAssertEqual(try relay.count("SELECT uses_left FROM invites WHERE id = ?", [.integer(Int64(invite.id))]), 1)
    }

    func testRedeemsAreLimitedDaemonWideNotOnlyPerConnection() throws {
        var config = Config()
        config.redeemsPerMinute = 6
        let relay = try RelayHarness(config: config)
        let c = try relay.community()
        let invite = try relay.invite(by: c.facilitator, uses: 20)
        // Guessed codes do not count against the daemon-wide limit (each connection has its own).
        for _ in 0..<20 { XCTAssertEqual(relay.request(relay.open(), .redeem(secret: Random.bytes(32), handle: "Gok")), .failure(.inviteUnknown)) }
        // Building the community took five redeems this minute: one more is allowed, on any connection.
        XCTAssertEqual(relay.request(relay.open(), .redeem(secret: invite.secret, handle: "Ana")), .failure(.handleTaken))
        XCTAssertEqual(relay.request(relay.open(), .redeem(secret: invite.secret, handle: "Bram")), .failure(.rateLimited))
        XCTAssertEqual(relay.request(relay.open(), .redeem(secret: invite.secret, handle: "Nieuw")), .failure(.rateLimited))
        relay.clock.advance(by: 60)
        _ = try relay.redeem(invite.secret, handle: "Nieuw", on: relay.open())
    }

    // MARK: bundles

    func testOneBundlesRequestRepeatingAnAccountDrainsAtMostTheDailyLimit() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        try upload(PrekeyKit(), count: 50, for: c.member, relay)
        let reply = try relay.request(c.trusted, .bundles(accounts: Array(repeating: c.member.id, count: 1000), consume: true)).get()
        guard case let .bundles(entries) = reply else { return XCTFail("no bundles") }
        XCTAssertEqual(entries.map(\.account), [c.member.id], "one entry per distinct account")
        XCTAssertEqual(relay.request(c.member, .prekeyCount), .success(.prekeyCount(49)))
        for _ in 0..<10 { relay.request(c.trusted, .bundles(accounts: [c.member.id, c.member.id], consume: true)) }
        let limit = UInt32(Relay.oneTimePrekeysPerPairPerDay)
        XCTAssertEqual(relay.request(c.member, .prekeyCount), .success(.prekeyCount(50 - limit)))
        // Past the limit the bundle still comes, without a one-time prekey (X3DH goes on without).
        let last = try XCTUnwrap(try bundles(of: [c.member.id], by: c.trusted, relay).first?.bundle)
        XCTAssertNil(try PrekeyBundle(serialized: last).oneTimePrekey)
        // Another requester has an allowance of their own, and tomorrow the limit starts again.
        _ = try bundles(of: [c.member.id], by: c.facilitator, relay)
        XCTAssertEqual(relay.request(c.member, .prekeyCount), .success(.prekeyCount(49 - limit)))
        relay.clock.advance(by: 86_400)
        _ = try bundles(of: [c.member.id], by: c.trusted, relay)
        XCTAssertEqual(relay.request(c.member, .prekeyCount), .success(.prekeyCount(48 - limit)))
    }

    func testAskingForYourOwnBundleAnswersAbsentAndConsumesNothing() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        try upload(PrekeyKit(), count: 5, for: c.member, relay)
        XCTAssertEqual(try bundles(of: [c.member.id, c.member.id], by: c.member, relay), [AccountBundle(account: c.member.id, bundle: nil)])
        XCTAssertEqual(relay.request(c.member, .prekeyCount), .success(.prekeyCount(5)))
        // The operator shares no room with anyone: every entry is absent (not an error).
        XCTAssertEqual(try bundles(of: [c.member.id], by: c.op, relay), [AccountBundle(account: c.member.id, bundle: nil)])
        XCTAssertEqual(relay.request(c.member, .prekeyCount), .success(.prekeyCount(5)))
    }

    // MARK: prekeysUpload

    func testLowOrderAndMalformedPrekeysAreRefused() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        let kit = PrekeyKit()
        for point in PrekeyKit.lowOrderPoints {
            let weak = try OneTimePrekey.Public(id: 77, publicKey: X25519.PublicKey(point)).serialized()
            XCTAssertEqual(relay.request(c.member, kit.upload(oneTimePrekeys: [kit.oneTime(1), weak])), .failure(.malformed), "one-time \(point)")
            XCTAssertEqual(relay.request(c.member, kit.upload(signedPoint: point)), .failure(.malformed), "signed \(point)")
        }
        XCTAssertEqual(relay.request(c.member, kit.upload(oneTimePrekeys: [Array(kit.oneTime(1).dropLast())])), .failure(.malformed))
        XCTAssertEqual(relay.request(c.member, .prekeyCount), .success(.prekeyCount(0)))
        XCTAssertEqual(relay.request(c.member, kit.upload(oneTimePrekeys: [kit.oneTime(1)])), .success(.prekeyCount(1)))
        // More keys than the server keeps are refused before any of them is checked (each check costs a scalar
        // multiplication), even when some are weak.
        let tooMany = (1...Relay.maxOneTimePrekeys).map { kit.oneTime(UInt32($0)) } + [[UInt8](repeating: 0, count: 37)]
        XCTAssertEqual(relay.request(c.member, kit.upload(oneTimePrekeys: tooMany)), .failure(.limitReached))
        XCTAssertEqual(relay.request(c.member, .prekeyCount), .success(.prekeyCount(1)))
    }

    // MARK: inboxPutMany

    func testAFullInboxOfOneMemberRefusesOnlyTheirItem() throws {
        var config = Config()
        config.maxInboxPerDevice = 3
        let relay = try RelayHarness(config: config)
        let c = try relay.community()
        // The member floods their own inbox.
        for _ in 0..<3 { relay.request(c.member, .inboxPut(recipient: c.member.id, payload: [2])) }
        let items = [c.trusted.id, c.member.id, c.outsider.id, c.facilitator.id].map { InboxDelivery(recipient: $0, payload: [2, 1]) }
        XCTAssertEqual(relay.request(c.facilitator, .inboxPutMany(items)), .success(.deliveries([.delivered, .limitReached, .handleUnknown, .delivered])))
        XCTAssertEqual(relay.request(c.trusted, .inboxPutMany(items)), .success(.deliveries([.delivered, .limitReached, .handleUnknown, .delivered])))
        XCTAssertEqual(try relay.count("SELECT count(*) FROM inbox WHERE account_id = ?", [.id(c.trusted.id)]), 2)
        XCTAssertEqual(try relay.count("SELECT count(*) FROM inbox WHERE account_id = ?", [.id(c.facilitator.id)]), 2)
        XCTAssertEqual(try relay.count("SELECT count(*) FROM inbox WHERE account_id = ?", [.id(c.member.id)]), 3)
        // One inboxPut alone is still refused as a whole.
        XCTAssertEqual(relay.request(c.facilitator, .inboxPut(recipient: c.member.id, payload: [2])), .failure(.limitReached))
    }

    // MARK: send

    func testASessionMessageIsRefusedInAGroupRoomAndASenderKeyMessageInAOneToOneRoom() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        guard case let .room(thread, _) = try relay.request(c.member, .directOpen(handle: c.trusted.handle)).get() else { return XCTFail("no thread") }
        for payload: [UInt8] in [[2, 1, 2], [], [0], [3]] {
            XCTAssertEqual(relay.send(payload, to: c.room, by: c.member), .failure(.malformed), "group \(payload)")
        }
        for payload: [UInt8] in [[1, 1, 2], [], [0]] {
            XCTAssertEqual(relay.send(payload, to: thread, by: c.member), .failure(.malformed), "direct \(payload)")
        }
        // Nothing was stored and no seq was used up; the right envelopes still go through.
        XCTAssertEqual(try relay.sentSeq(relay.send([1, 5], to: c.room, by: c.member)), 1)
        XCTAssertEqual(try relay.sentSeq(relay.send([2, 5], to: thread, by: c.member)), 1)
        XCTAssertEqual(relay.request(c.member, .ping), .success(.pong))
    }

    // MARK: Helpers

    private func bundles(of accounts: [UInt64], by client: TestClient, _ relay: RelayHarness) throws -> [AccountBundle] {
        guard case let .bundles(entries) = try relay.request(client, .bundles(accounts: accounts, consume: true)).get() else { throw Unexpected("no bundles") }
        return entries
    }

    private func upload(_ kit: PrekeyKit, count: Int, for client: TestClient, _ relay: RelayHarness) throws {
        _ = try relay.request(client, kit.upload(oneTimePrekeys: (1...count).map { kit.oneTime(UInt32($0)) })).get()
    }
}

/// Real keys for `prekeysUpload`, and ways to spoil them.
struct PrekeyKit {
    let identity = IdentityKeys()

    /// X25519 points of small order (libsodium's own blacklist): the zero point, u = 1, and points of order 8.
    static let lowOrderPoints: [[UInt8]] = [
        [UInt8](repeating: 0, count: 32),
        [1] + [UInt8](repeating: 0, count: 31),
        hex("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800"),
        hex("5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157"),
        hex("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
    ]

    func oneTime(_ id: UInt32) -> [UInt8] { OneTimePrekey(id: id).publicPart.serialized() }

    /// An upload with a good signed prekey, or one over `signedPoint`, properly signed.
    func upload(oneTimePrekeys: [[UInt8]] = [], signedPoint: [UInt8]? = nil) -> Request {
        var signed = SignedPrekey(id: 1, createdAt: 1_750_000_000, identity: identity).publicPart
        if let signedPoint, let key = try? X25519.PublicKey(signedPoint) {
            let message = SignedPrekey.signedMessage(id: 2, createdAt: 1_750_000_000, publicKey: key)
            signed = SignedPrekey.Public(id: 2, createdAt: 1_750_000_000, publicKey: key, signature: identity.signingKey.signature(for: message))
        }
        return .prekeysUpload(identity: identity.publicBundle.serialized(), signedPrekey: signed.serialized(), oneTimePrekeys: oneTimePrekeys)
    }

    private static func hex(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(index, offsetBy: 2)
            bytes.append(UInt8(text[index..<next], radix: 16) ?? 0)
            index = next
        }
        return bytes
    }
}
