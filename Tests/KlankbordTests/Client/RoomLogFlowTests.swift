import XCTest
import Klankbord
@testable import KlankbordClient
@testable import KlankbordCrypto
@testable import KlankbordE2E
@testable import KlankbordProtocol
@testable import KlankbordTrust

/// The whole path of a room log through a real relay: a facilitator makes a room and an invite with a welcome,
/// a newcomer redeems it, opens the room log key, pins the inviter, and joins the log while the facilitator is
/// offline; a removal then bans the old code on the server and in every client's log.
final class RoomLogFlowTests: XCTestCase {
    struct Person {
        let client: TestClient
        let identity = IdentityKeys()
        var account: UInt64 { client.id }
        var handle: String { client.handle }
    }

    func server(_ relay: RelayHarness, _ client: TestClient) -> LogServer<ErrorCode> {
        LogServer(fetch: { (scope, after) throws(ErrorCode) in
            guard case let .logEntries(records, more) = try relay.request(client, .logFetch(scope: scope, after: after, limit: 100)).get() else {
                throw ErrorCode.malformed
            }
            return (records, more)
        }, append: { (scope, index, entry) throws(ErrorCode) in
            switch relay.request(client, .logAppend(scope: scope, index: index, entry: entry)) {
            case .success: return true
            case .failure(.logConflict): return false
            case let .failure(code): throw code
            }
        })
    }

    func testANewcomerJoinsAPinnedSignedRoomAndARemovalBansTheOldCode() throws {
        let relay = try RelayHarness()
        let op = Person(client: try relay.bootstrapOperator())
        let fien = Person(client: try relay.register("Fenna", role: .facilitator, invitedBy: op.client))
        let now: Int64 = 1_750_000_000

        // The operator writes the roster genesis, then makes fien a facilitator in it.
        var opRoster = HeldLog(scope: 0, key: nil)
        XCTAssertEqual(try opRoster.write(.genesis(handle: op.handle, identity: op.identity.publicBundle), author: op.account,
                                          signer: op.identity.signingKey, time: now, roster: Roster(), through: server(relay, op.client)), .written(index: 0))
        XCTAssertEqual(try opRoster.write(.add(account: fien.account, handle: fien.handle, identity: fien.identity.publicBundle, role: .facilitator),
                                          author: op.account, signer: op.identity.signingKey, time: now, roster: Roster(), through: server(relay, op.client)),
                       .written(index: 1))

        // fien makes a room, its log, and an invite with a welcome; the code commits to the heads right after it.
        let room = try relay.createRoom("Klankbordgroep", by: fien.client)
        var fienRoster = HeldLog(scope: 0, key: nil)
        XCTAssertTrue(try fienRoster.sync(server(relay, fien.client).fetch))
        let roster = fienRoster.roster()
        let (key, genesis) = LogActions.newRoom(handle: fien.handle, identity: fien.identity)
        var fienRoom = HeldLog(scope: room, key: key)
        XCTAssertEqual(try fienRoom.write(genesis, author: fien.account, signer: fien.identity.signingKey, time: now, roster: roster,
                                          through: server(relay, fien.client)), .written(index: 0))
        let invite = try LogActions.invite(role: .member, uses: 5, expires: now + 86_400, room: (room, key))
        let secret = invite.secret
        XCTAssertEqual(try fienRoom.write(invite.body, author: fien.account, signer: fien.identity.signingKey, time: now, roster: roster,
                                          through: server(relay, fien.client)), .written(index: 1))
        let commitment = InviteContext.commitment(inviter: fien.identity.publicBundle,
                                                  context: LogActions.context(roster: roster, room: fienRoom.membership(roster: roster)))
        guard case .inviteCreated = try relay.request(fien.client, .inviteCreate(role: .member, room: room, uses: 5, expiresInSeconds: 86_400,
                                                                                 keyed: invite.keyed)).get() else { return XCTFail("no invite") }
        XCTAssertEqual(try relay.count("SELECT count(*) FROM invites WHERE secret_hash = ?", [.blob(BLAKE2b.hash(secret, length: 32))]), 0,
                       "nothing the server holds is derived from the secret alone")

        // ana redeems the code while fien is away: the welcome gives her R; the commitment pins fien and the logs.
        let device = relay.open()
        let token = try InviteKey.redeemToken(secret: secret)
        guard case let .redeemed(account, joined, _, welcome) = try relay.request(device, .redeem(secret: token, handle: "Ana")).get(),
              let welcome else { return XCTFail("no welcome") }
        let ana = Person(client: TestClient(connection: device.connection, deviceKey: device.deviceKey, account: account))
        XCTAssertEqual(joined, room)
        let anaKey = try RoomLogKey(welcome: welcome, room: room, inviteSecret: secret)
        XCTAssertEqual(anaKey, key)
        var anaRoster = HeldLog(scope: 0, key: nil), anaRoom = HeldLog(scope: room, key: anaKey)
        XCTAssertTrue(try anaRoster.sync(server(relay, ana.client).fetch))
        XCTAssertTrue(try anaRoom.sync(server(relay, ana.client).fetch))
        let pinned = try InviteAnchor.verify(commitment: commitment, inviteKey: try InviteKey(secret: secret).publicKey,
                                             roster: anaRoster.roster(), room: anaRoom.membership(roster: anaRoster.roster()))
        XCTAssertEqual(pinned, fien.identity.publicBundle)
        let join = try LogActions.join(secret: secret, scope: room, account: ana.account, identity: ana.identity, handle: ana.handle)
        XCTAssertEqual(try anaRoom.write(join, author: ana.account, signer: ana.identity.signingKey, time: now + 60, roster: anaRoster.roster(),
                                         through: server(relay, ana.client)), .written(index: 2))

        // fien, back, sees ana in the signed log; the server agrees; keys may go to her.
        XCTAssertTrue(try fienRoom.sync(server(relay, fien.client).fetch))
        let state = fienRoom.membership(roster: roster)
        XCTAssertEqual(state.memberIDs, [fien.account, ana.account])
        guard case let .members(listed) = try relay.request(fien.client, .members(room: room)).get() else { return XCTFail("no members") }
        let recipients = RoomKeyRecipients(log: state, serverMembers: listed.map(\.accountID), me: fien.account)
        XCTAssertEqual(recipients.accounts, [ana.account])
        XCTAssertTrue(recipients.agree)

        // fien removes ana in both places. The old code no longer lets her in: not on the server, not in the log.
        XCTAssertEqual(try fienRoom.write(.remove(account: ana.account), author: fien.account, signer: fien.identity.signingKey, time: now + 120,
                                          roster: roster, through: server(relay, fien.client)), .written(index: 3))
        XCTAssertEqual(relay.request(fien.client, .roomRemove(room: room, handle: ana.handle)), .success(.done))
        XCTAssertEqual(relay.request(ana.client, .redeem(secret: token, handle: "")), .failure(.inviteBanned))
        XCTAssertThrowsError(try anaRoom.write(join, author: ana.account, signer: ana.identity.signingKey, time: now + 180, roster: anaRoster.roster(),
                                               through: server(relay, ana.client)), "she may not even fetch the log any more") {
            XCTAssertEqual($0 as? ErrorCode, .notAMember)
        }
        // Had the server let her in anyway (a hostile server), every client would refuse her old join: she is banned.
        anaRoom.entries = fienRoom.entries
        let replay = LogEntry(scope: room, prev: anaRoom.membership(roster: roster).log.head, time: now + 180, author: ana.account, body: join,
                              signer: ana.identity.signingKey)
        var check = fienRoom.membership(roster: roster)
        check.apply(replay.bytes, roster: roster)
        XCTAssertEqual(check.log.warnings.last?.refusal, .banned)
    }
}
