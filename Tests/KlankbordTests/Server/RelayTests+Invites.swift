import XCTest
import Klankbord
@testable import KlankbordCrypto
@testable import KlankbordProtocol

/// Invites: how long they live, how often they work, revoking, and what the server keeps of them.
final class RelayInviteTests: XCTestCase {
    func testFirstOperatorInviteIsMadeOnceOnAnEmptyServer() throws {
        let relay = try RelayHarness()
        let secret = try XCTUnwrap(try relay.relay.bootstrapOperatorInvite())
        XCTAssertNil(try relay.relay.bootstrapOperatorInvite())
        let op = try relay.redeem(secret, handle: "beheerder", on: relay.open())
        XCTAssertEqual(op.account?.role, .operator)
        XCTAssertEqual(try relay.request(op, .whoami).get(), .account(try XCTUnwrap(op.account)))
    }

    func testInviteExpiresAfterItsLifetime() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        let invite = try relay.invite(by: c.facilitator, uses: 5, expiresIn: 3600)
        relay.clock.advance(by: 3599)
        _ = try relay.redeem(invite.secret, handle: "Vroeg", on: relay.open())
        relay.clock.advance(by: 1)
        XCTAssertEqual(relay.request(relay.open(), .redeem(secret: invite.secret, handle: "Laat")), .failure(.inviteExpired))
    }

    func testInviteLifetimeIsKeptBetweenAMinuteAndNinetyDays() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        let now = relay.clock.now
        guard case let .inviteCreated(_, _, shortest, _) = try relay.request(c.facilitator, .inviteCreate(role: .member, room: nil, uses: 1, expiresInSeconds: 0)).get(),
              case let .inviteCreated(_, _, longest, _) = try relay.request(c.facilitator, .inviteCreate(role: .member, room: nil, uses: 1, expiresInSeconds: .max)).get()
        else { return XCTFail("inviteCreate did not answer inviteCreated") }
        XCTAssertEqual(shortest, now + 60)
        XCTAssertEqual(longest, now + 90 * 86_400)
    }

    func testInviteIsUsedUpAfterItsNumberOfUses() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        let invite = try relay.invite(by: c.facilitator, uses: 3)
        for handle in ["Een", "Twee", "Drie"] {
            _ = try relay.redeem(invite.secret, handle: handle, on: relay.open())
        }
        XCTAssertEqual(relay.request(relay.open(), .redeem(secret: invite.secret, handle: "Vier")), .failure(.inviteUsedUp))
        guard case let .invites(list) = try relay.request(c.facilitator, .inviteList).get() else { return XCTFail("no invite list") }
        let listed = try XCTUnwrap(list.first { $0.id == invite.id })
        XCTAssertEqual(listed.usesLeft, 0)
        XCTAssertEqual(listed.usesTotal, 3)
    }

    func testRevokedInviteCannotBeRedeemed() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        let invite = try relay.invite(by: c.facilitator, uses: 5)
        XCTAssertEqual(relay.request(c.facilitator, .inviteRevoke(id: invite.id)), .success(.done))
        XCTAssertEqual(relay.request(relay.open(), .redeem(secret: invite.secret, handle: "Te_laat")), .failure(.inviteRevoked))
        guard case let .invites(list) = try relay.request(c.facilitator, .inviteList).get() else { return XCTFail("no invite list") }
        XCTAssertEqual(list.first { $0.id == invite.id }?.revoked, true)
    }

    func testUnknownInviteSecretAndIDAreInviteUnknown() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        XCTAssertEqual(relay.request(relay.open(), .redeem(secret: Random.bytes(32), handle: "Gast")), .failure(.inviteUnknown))
        XCTAssertEqual(relay.request(c.facilitator, .inviteRevoke(id: 9999)), .failure(.inviteUnknown))
        XCTAssertEqual(relay.request(c.facilitator, .inviteRevoke(id: .max)), .failure(.inviteUnknown))
    }

    func testServerStoresOnlyAHashOfTheInviteSecret() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        let invite = try relay.invite(by: c.facilitator, room: c.room, uses: 2)
        let columns = try relay.database.query("SELECT name FROM pragma_table_info('invites')") { $0.text(0) }
        XCTAssertTrue(columns.contains("secret_hash"))
        for column in columns {
            for needle in [invite.secret, Array(Hex.encode(invite.secret).utf8), Array(Hex.encode(invite.secret).uppercased().utf8),
                           Array(Base64URL.encode(invite.secret).utf8)] {
                XCTAssertEqual(try relay.count("SELECT count(*) FROM invites WHERE instr(CAST(\(column) AS BLOB), ?) > 0", [.blob(needle)]), 0,
                               "column \(column) holds the secret")
            }
        }
        // The row is there, under the hash: the search above would have found a stored secret.
        XCTAssertEqual(try relay.count("SELECT count(*) FROM invites WHERE secret_hash = ?", [.blob(BLAKE2b.hash(invite.secret, length: 32))]), 1)
    }

    func testServerStoresOnlyAHashOfTheContactCodeSecret() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        guard case let .contactCode(secret, _) = try relay.request(c.member, .contactCodeCreate(expiresInSeconds: 3600)).get() else {
            return XCTFail("no contact code")
        }
        XCTAssertEqual(try relay.count("SELECT count(*) FROM contact_codes WHERE instr(secret_hash, ?) > 0", [.blob(secret)]), 0)
        XCTAssertEqual(try relay.count("SELECT count(*) FROM contact_codes WHERE secret_hash = ?", [.blob(BLAKE2b.hash(secret, length: 32))]), 1)
    }

    func testInviteListNeverShowsSecretsAndNamesTheRoom() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        let invite = try relay.invite(by: c.facilitator, room: c.room, uses: 2)
        guard case let .invites(list) = try relay.request(c.facilitator, .inviteList).get() else { return XCTFail("no invite list") }
        let listed = try XCTUnwrap(list.first { $0.id == invite.id })
        XCTAssertEqual(listed.room, c.room)
        XCTAssertEqual(listed.roomName, "Klankbordgroep")
        XCTAssertEqual(listed.role, .member)
        let encoded = WireMessage.response(id: 1, .invites(list), type: .inviteList).encoded()
        XCTAssertNil(encoded.firstRange(of: invite.secret))
    }
}
