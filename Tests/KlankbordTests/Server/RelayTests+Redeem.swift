import XCTest
import Klankbord
@testable import KlankbordConfig
@testable import KlankbordCrypto
@testable import KlankbordE2E
@testable import KlankbordProtocol

/// Redeeming an invite: new accounts, handles, known devices joining rooms, and guessing limits.
final class RelayRedeemTests: XCTestCase {
    func testInvalidHandleIsRefusedAndTheInviteStaysUsable() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        let invite = try relay.invite(by: c.facilitator, uses: 1)
        let device = relay.open()
        for handle in ["ab", "_ana", "an a", "\u{0430}na", String(repeating: "x", count: 33)] {
            XCTAssertEqual(relay.request(device, .redeem(secret: invite.secret, handle: handle)), .failure(.handleInvalid), handle)
        }
        let joined = try relay.redeem(invite.secret, handle: "Señora_B", on: device)
        XCTAssertEqual(joined.account?.handle, "Señora_B")
        XCTAssertEqual(joined.account?.role, .member)
    }

    func testHandleIsTakenWhateverItsCase() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        let invite = try relay.invite(by: c.facilitator, uses: 3)
        for handle in ["ana", "ANA", "aNa"] {
            XCTAssertEqual(relay.request(relay.open(), .redeem(secret: invite.secret, handle: handle)), .failure(.handleTaken), handle)
        }
        _ = try relay.redeem(invite.secret, handle: "Señora_B", on: relay.open())
        XCTAssertEqual(relay.request(relay.open(), .redeem(secret: invite.secret, handle: "SEÑORA_b")), .failure(.handleTaken))
    }

    func testNewDeviceRedeemingARoomInviteGetsTheRoleAndJoinsTheRoom() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        try relay.subscribe(c.member)
        let invite = try relay.invite(by: c.facilitator, role: .trusted, room: c.room)
        let reply = relay.request(relay.open(), .redeem(secret: invite.secret, handle: "Tweede_hulp"))
        guard case let .redeemed(account, room, _, _) = try reply.get() else { return XCTFail("not redeemed") }
        XCTAssertEqual(account.role, .trusted)
        XCTAssertEqual(room, c.room)
        XCTAssertTrue(try relay.memberHandles(c.room, by: c.facilitator).contains("Tweede_hulp"))
        XCTAssertEqual(relay.takePushes(c.member), [.membership(room: c.room, accountID: account.id, handle: "Tweede_hulp", change: .joined)])
    }

    func testKnownDeviceRedeemingARoomInviteJoinsTheRoomAndKeepsItsAccount() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        let second = try relay.createRoom("Vergadering", by: c.facilitator)
        try relay.subscribe(c.facilitator)
        let invite = try relay.invite(by: c.facilitator, role: .facilitator, room: second)
        let reply = relay.request(c.member, .redeem(secret: invite.secret, handle: "ignored"))
        let inviter = InviterRecord(accountID: c.facilitator.id, handle: "Fenna", identity: [])
        XCTAssertEqual(reply, .success(.redeemed(account: try XCTUnwrap(c.member.account), room: second, inviter: inviter)))
        XCTAssertEqual(try relay.memberHandles(second, by: c.member), ["Ana", "Fenna"])
        XCTAssertEqual(relay.takePushes(c.facilitator), [.membership(room: second, accountID: c.member.id, handle: "Ana", change: .joined)])
        // The invite's role does not promote an existing account.
        XCTAssertEqual(relay.request(c.member, .whoami), .success(.account(try XCTUnwrap(c.member.account))))
    }

    func testKnownDeviceOnANewConnectionIsRecognisedByItsKey() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        let again = relay.open(deviceKey: c.member.deviceKey)
        XCTAssertEqual(relay.request(again, .whoami), .success(.account(try XCTUnwrap(c.member.account))))
    }

    func testKnownDeviceRedeemingARoomlessInviteIsAlreadyRegistered() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        let invite = try relay.invite(by: c.facilitator, uses: 1)
        XCTAssertEqual(relay.request(c.member, .redeem(secret: invite.secret, handle: "Ana2")), .failure(.alreadyRegistered))
        // The refused attempt did not use the invite up.
        _ = try relay.redeem(invite.secret, handle: "Nieuw", on: relay.open())
    }

    func testMemberRedeemingAnInviteToARoomTheyAreInIsAlreadyMember() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        let invite = try relay.invite(by: c.facilitator, room: c.room)
        XCTAssertEqual(relay.request(c.member, .redeem(secret: invite.secret, handle: "x")), .failure(.alreadyMember))
    }

    func testRedeemAttemptsOverTheLimitPerMinuteAreRateLimited() throws {
        var config = Config()
        config.redeemAttemptsPerMinute = 3
        let relay = try RelayHarness(config: config)
        let c = try relay.community()
        let invite = try relay.invite(by: c.facilitator, uses: 2)
        let guesser = relay.open()
        for _ in 0..<3 {
            XCTAssertEqual(relay.request(guesser, .redeem(secret: Random.bytes(32), handle: "Gok")), .failure(.inviteUnknown))
        }
        // Even the right secret is refused until the minute is over.
        XCTAssertEqual(relay.request(guesser, .redeem(secret: invite.secret, handle: "Gok")), .failure(.rateLimited))
        // Another connection has its own allowance.
        _ = try relay.redeem(invite.secret, handle: "Ander", on: relay.open())
        relay.clock.advance(by: 60)
        _ = try relay.redeem(invite.secret, handle: "Gok", on: guesser)
    }

    func testRequestsOtherThanRedeemAndPingNeedAnAccount() throws {
        let relay = try RelayHarness()
        _ = try relay.community()
        let stranger = relay.open()
        XCTAssertEqual(relay.request(stranger, .ping), .success(.pong))
        for request: Request in [.whoami, .rooms, .subscribe, .deleteAccount, .inboxFetch(limit: 10), .inboxAck(ids: [1]), .roomLeave(room: 1)] {
            XCTAssertEqual(relay.request(stranger, request), .failure(.notRegistered), "\(request)")
        }
    }

    func testRedeemIntoAFullRoomLeavesNoAccountBehind() throws {
        var config = Config()
        config.maxMembersPerRoom = 4
        let relay = try RelayHarness(config: config)
        let c = try relay.community()
        let invite = try relay.invite(by: c.facilitator, room: c.room, uses: 2)
        _ = try relay.redeem(invite.secret, handle: "Vierde", on: relay.open())
        let late = relay.open()
        // The account is made before the room turns out to be full; none of it may stay.
        let replies = relay.batch([
            (c.member, .send(room: c.room, clientID: Random.bytes(16), payload: [1])),
            (late, .redeem(secret: invite.secret, handle: "Vijfde")),
            (c.trusted, .send(room: c.room, clientID: Random.bytes(16), payload: [1, 2])),
        ])
        XCTAssertEqual(replies[1], .failure(.limitReached))
        XCTAssertEqual(replies.map { $0.code == nil }, [true, false, true])
        XCTAssertEqual(relay.request(late, .whoami), .failure(.notRegistered))
        XCTAssertEqual(try relay.count("SELECT count(*) FROM accounts WHERE handle_key = 'vijfde'"), 0)
        XCTAssertEqual(try relay.fetch(c.room, by: c.facilitator).events.map(\.payload), [[1], [1, 2]])
    }

    func testAccountInTooManyRoomsCannotJoinOrCreateAnother() throws {
        var config = Config()
        config.maxRoomsPerAccount = 2
        let relay = try RelayHarness(config: config)
        let c = try relay.community()
        let second = try relay.createRoom("Tweede", by: c.facilitator)
        XCTAssertEqual(relay.request(c.facilitator, .roomCreate(name: "Derde")), .failure(.limitReached))
        let invite = try relay.invite(by: c.facilitator, room: second)
        _ = try relay.redeem(invite.secret, handle: "x", on: c.member)
        XCTAssertEqual(relay.request(c.member, .directOpen(handle: c.facilitator.handle)), .failure(.limitReached))
    }

    func testRedeemNamesTheInviterWithTheIdentityItUploadedAndNoInviterForTheDaemonsOwnInvite() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        let identity = IdentityKeys()
        let signed = SignedPrekey(id: 1, createdAt: 1_700_000_000, identity: identity)
        _ = try relay.request(c.facilitator, .prekeysUpload(identity: identity.publicBundle.serialized(), signedPrekey: signed.publicPart.serialized(),
                                                            oneTimePrekeys: [])).get()
        let invite = try relay.invite(by: c.facilitator, role: .member, room: c.room)
        guard case let .redeemed(_, _, inviter, _) = try relay.request(relay.open(), .redeem(secret: invite.secret, handle: "Nieuw")).get() else {
            return XCTFail("not redeemed")
        }
        XCTAssertEqual(inviter, InviterRecord(accountID: c.facilitator.id, handle: "Fenna", identity: identity.publicBundle.serialized()))

        let fresh = try RelayHarness()
        let secret = try XCTUnwrap(try fresh.relay.bootstrapOperatorInvite())
        guard case let .redeemed(_, _, none, _) = try fresh.request(fresh.open(), .redeem(secret: secret, handle: "root")).get() else {
            return XCTFail("not redeemed")
        }
        XCTAssertNil(none)
    }
}
