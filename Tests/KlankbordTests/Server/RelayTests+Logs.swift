import XCTest
import Klankbord
@testable import KlankbordConfig
@testable import KlankbordCrypto
@testable import KlankbordProtocol
@testable import KlankbordServer
@testable import KlankbordTrust

/// The server side of the signed logs (docs/TRUST.md): opaque entries appended only at the log's length,
/// fetched by index, pushed to readers; `roomAdd`; welcome blobs; and the server's own ban after a removal.
final class RelayLogTests: XCTestCase {
    /// A roster-shaped entry: version 1, scope 0, zero prev, time, `author`, then `tail`.
    static func rosterEntry(author: UInt64, tail: [UInt8] = [5]) -> [UInt8] {
        var w = WireWriter()
        w.u8(1)
        w.u64(0)
        w.fixed(LogEntry.zeroHash)
        w.i64(1_750_000_000)
        w.u64(author)
        w.fixed(tail)
        return w.bytes
    }

    func entries(_ relay: RelayHarness, _ scope: UInt64, after: UInt32 = 0, limit: UInt16 = 100, by client: TestClient) throws -> ([LogRecord], Bool) {
        guard case let .logEntries(records, more) = try relay.request(client, .logFetch(scope: scope, after: after, limit: limit)).get() else {
            throw Unexpected("logFetch did not answer logEntries")
        }
        return (records, more)
    }

    func testAnAppendIsAcceptedOnlyAtTheLogsLength() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        XCTAssertEqual(relay.request(c.member, .logAppend(scope: c.room, index: 1, entry: [1])), .failure(.logConflict))
        XCTAssertEqual(relay.request(c.member, .logAppend(scope: c.room, index: 0, entry: [1])), .success(.done))
        // Two writers who both read length 1: the first wins, the second is told to fetch and try again.
        let answers = relay.batch([(c.facilitator, .logAppend(scope: c.room, index: 1, entry: [2])), (c.member, .logAppend(scope: c.room, index: 1, entry: [3]))])
        XCTAssertEqual(answers, [.success(.done), .failure(.logConflict)])
        XCTAssertEqual(try entries(relay, c.room, by: c.trusted).0, [LogRecord(index: 0, entry: [1]), LogRecord(index: 1, entry: [2])])
    }

    func testFetchReturnsEntriesFromTheIndexOnAndSaysWhenThereIsMore() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        for index in 0..<5 { XCTAssertEqual(relay.request(c.facilitator, .logAppend(scope: c.room, index: UInt32(index), entry: [UInt8(index)])), .success(.done)) }
        let (first, more) = try entries(relay, c.room, after: 1, limit: 2, by: c.member)
        XCTAssertEqual(first.map(\.index), [1, 2])
        XCTAssertTrue(more)
        let (rest, noMore) = try entries(relay, c.room, after: 3, limit: 10, by: c.member)
        XCTAssertEqual(rest, [LogRecord(index: 3, entry: [3]), LogRecord(index: 4, entry: [4])])
        XCTAssertFalse(noMore)
        XCTAssertEqual(try entries(relay, c.room, after: .max, by: c.member).0, [])
    }

    func testARoomLogEntryIsPushedToTheOtherMembersOnly() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        for client in [c.facilitator, c.member, c.trusted, c.outsider] { try relay.subscribe(client) }
        XCTAssertEqual(relay.request(c.member, .logAppend(scope: c.room, index: 0, entry: [7])), .success(.done))
        let push = Push.logEntry(scope: c.room, LogRecord(index: 0, entry: [7]))
        XCTAssertEqual(relay.takePushes(c.facilitator), [push])
        XCTAssertEqual(relay.takePushes(c.trusted), [push])
        XCTAssertEqual(relay.takePushes(c.member), [], "the writer's own connection already knows")
        XCTAssertEqual(relay.takePushes(c.outsider), [])
    }

    func testARosterEntryGoesToEverySubscribedAccountAndMustNameItsWriter() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        for client in [c.op, c.outsider] { try relay.subscribe(client) }
        let entry = Self.rosterEntry(author: c.member.id)
        XCTAssertEqual(relay.request(c.facilitator, .logAppend(scope: 0, index: 0, entry: entry)), .failure(.forbidden), "fien cannot write as ana")
        XCTAssertEqual(relay.request(c.member, .logAppend(scope: 0, index: 0, entry: [1, 0, 0])), .failure(.malformed))
        XCTAssertEqual(relay.request(c.member, .logAppend(scope: 0, index: 0, entry: entry)), .success(.done))
        XCTAssertEqual(relay.takePushes(c.op), [.logEntry(scope: 0, LogRecord(index: 0, entry: entry))])
        XCTAssertEqual(relay.takePushes(c.outsider), [.logEntry(scope: 0, LogRecord(index: 0, entry: entry))])
        XCTAssertEqual(try entries(relay, 0, by: c.outsider).0.count, 1, "every account reads the roster")
    }

    func testEntriesAreLimitedInSizeAndNumber() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        XCTAssertEqual(relay.request(c.member, .logAppend(scope: c.room, index: 0, entry: Array(repeating: 1, count: LogEntry.maxLength + 1))), .failure(.tooLarge))
        for index in 0..<Relay.maxLogEntries {
            try relay.database.run("INSERT INTO log_entries(scope, idx, writer, entry) VALUES (?, ?, ?, x'00')",
                                   [.id(c.room), .integer(Int64(index)), .id(c.facilitator.id)])
        }
        XCTAssertEqual(relay.request(c.facilitator, .logAppend(scope: c.room, index: UInt32(Relay.maxLogEntries), entry: [1])), .failure(.limitReached))
    }

    func testOneMemberCannotFillALog() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        for index in 0..<Relay.maxLogEntriesPerMember {
            XCTAssertEqual(relay.request(c.member, .logAppend(scope: c.room, index: UInt32(index), entry: [1])), .success(.done))
        }
        let next = UInt32(Relay.maxLogEntriesPerMember)
        XCTAssertEqual(relay.request(c.member, .logAppend(scope: c.room, index: next, entry: [1])), .failure(.limitReached))
        XCTAssertEqual(relay.request(c.trusted, .logAppend(scope: c.room, index: next, entry: [2])), .success(.done), "others still write")
        XCTAssertEqual(relay.request(c.facilitator, .logAppend(scope: c.room, index: next + 1, entry: [3])), .success(.done))
        for index in 0..<Relay.maxLogEntriesPerMember {
            XCTAssertEqual(relay.request(c.outsider, .logAppend(scope: 0, index: UInt32(index), entry: Self.rosterEntry(author: c.outsider.id))), .success(.done))
        }
        XCTAssertEqual(relay.request(c.outsider, .logAppend(scope: 0, index: next, entry: Self.rosterEntry(author: c.outsider.id))), .failure(.limitReached))
    }

    func testLogsOutliveRetentionButGoWithTheirRoom() throws {
        var config = Config()
        config.retentionDays = 1
        let relay = try RelayHarness(config: config)
        let c = try relay.community()
        XCTAssertEqual(relay.request(c.member, .logAppend(scope: c.room, index: 0, entry: [1])), .success(.done))
        relay.clock.advance(by: 400 * 86_400)
        relay.relay.maintain(log: Log(level: .error))
        XCTAssertEqual(try relay.count("SELECT count(*) FROM log_entries"), 1)
        for client in [c.member, c.trusted, c.facilitator] { XCTAssertEqual(relay.request(client, .roomLeave(room: c.room)), .success(.done)) }
        XCTAssertEqual(try relay.count("SELECT count(*) FROM log_entries"), 0, "nobody is left to read it")
    }

    func testAOneToOneThreadHasNoLog() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        guard case let .room(direct, _) = try relay.request(c.facilitator, .directOpen(handle: c.member.handle)).get() else { return XCTFail("no thread") }
        XCTAssertEqual(relay.request(c.member, .logAppend(scope: direct, index: 0, entry: [1])), .failure(.forbidden))
        XCTAssertEqual(relay.request(c.member, .logFetch(scope: direct, after: 0, limit: 1)), .failure(.forbidden))
    }

    func testAKeyedInviteIsRedeemedWithItsTokenAndHandsOutTheWelcome() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        let welcome = Array(repeating: UInt8(0x77), count: RoomLogKey.welcomeLength)
        let secret = Random.bytes(32), token = try InviteKey.redeemToken(secret: secret)
        let keyed = KeyedInvite(token: token, welcome: welcome)
        guard case let .inviteCreated(_, echoed, _, _) = try relay.request(c.facilitator, .inviteCreate(role: .member, room: c.room, uses: 2, expiresInSeconds: 3600, keyed: keyed)).get() else {
            return XCTFail("no invite")
        }
        XCTAssertEqual(echoed, token, "the server knows the token, never the secret")
        XCTAssertEqual(relay.request(relay.open(), .redeem(secret: secret, handle: "Geheim")), .failure(.inviteUnknown))
        guard case let .redeemed(_, room, _, got) = try relay.request(relay.open(), .redeem(secret: token, handle: "Nieuw")).get() else { return XCTFail("not redeemed") }
        XCTAssertEqual(room, c.room)
        XCTAssertEqual(got, welcome)
        let plain = try relay.invite(by: c.facilitator, room: c.room)
        guard case let .redeemed(_, _, _, none) = try relay.request(relay.open(), .redeem(secret: plain.secret, handle: "Zonder")).get() else { return XCTFail("not redeemed") }
        XCTAssertNil(none)
        let tooBig = Array(repeating: UInt8(1), count: Request.maxWelcomeLength + 1)
        XCTAssertEqual(relay.request(c.facilitator, .inviteCreate(role: .member, room: c.room, uses: 1, expiresInSeconds: 60,
                                                                  keyed: KeyedInvite(token: Random.bytes(32), welcome: tooBig))), .failure(.tooLarge))
    }

    func testARemovedMemberCannotComeBackThroughAnOldInviteButThroughANewOne() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        let old = try relay.invite(by: c.facilitator, room: c.room, uses: 10)
        XCTAssertEqual(relay.request(c.facilitator, .roomRemove(room: c.room, handle: c.member.handle)), .success(.done))
        XCTAssertEqual(relay.request(c.member, .redeem(secret: old.secret, handle: "")), .failure(.inviteBanned))
        XCTAssertEqual(try relay.count("SELECT uses_left FROM invites WHERE id = ?", [.id(old.id)]), 10, "a refused redeem spends no use")
        // Others still use the old invite; the removal bans only the removed account.
        XCTAssertEqual(relay.request(c.outsider, .redeem(secret: old.secret, handle: "")).code, nil)
        let new = try relay.invite(by: c.facilitator, room: c.room)
        XCTAssertEqual(relay.request(c.member, .redeem(secret: new.secret, handle: "")).code, nil, "a new code made on purpose lets Ana back in")
        XCTAssertTrue(try relay.memberHandles(c.room, by: c.facilitator).contains(c.member.handle))
    }

    func testAFacilitatorAddsSomeoneDirectly() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        for client in [c.member, c.outsider] { try relay.subscribe(client) }
        XCTAssertEqual(relay.request(c.facilitator, .roomAdd(room: c.room, account: c.outsider.id)), .success(.done))
        let joined = Push.membership(room: c.room, accountID: c.outsider.id, handle: c.outsider.handle, change: .joined)
        XCTAssertEqual(relay.takePushes(c.member), [joined])
        XCTAssertEqual(relay.takePushes(c.outsider), [joined], "the person added learns it too")
        XCTAssertTrue(try relay.memberHandles(c.room, by: c.outsider).contains(c.outsider.handle))
        XCTAssertEqual(relay.request(c.facilitator, .roomAdd(room: c.room, account: c.outsider.id)), .failure(.alreadyMember))
        XCTAssertEqual(relay.request(c.facilitator, .roomAdd(room: c.room, account: c.op.id)), .failure(.forbidden))
        XCTAssertEqual(relay.request(c.facilitator, .roomAdd(room: c.room, account: 999)), .failure(.handleUnknown))
    }
}
