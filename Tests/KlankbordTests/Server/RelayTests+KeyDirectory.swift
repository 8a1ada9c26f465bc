import XCTest
import Klankbord
@testable import KlankbordE2E

extension RelayHarness {
    /// Uploads fresh keys for `client` with `oneTime` one-time prekeys (ids 100…); returns the account's keys.
    @discardableResult
    func uploadKeys(for client: TestClient, oneTime: Int = 2, file: StaticString = #filePath, line: UInt = #line) throws -> Account {
        let keys = Account(oneTimePrekeyCount: oneTime)
        let reply = request(client, .prekeysUpload(identity: keys.identity.publicBundle.serialized(), signedPrekey: keys.signedPrekey.publicPart.serialized(),
                                                   oneTimePrekeys: keys.oneTimePrekeys.map { $0.publicPart.serialized() }), file: file, line: line)
        XCTAssertEqual(reply, .success(.prekeyCount(UInt32(oneTime))), file: file, line: line)
        return keys
    }

    /// The bundles `client` is given for `accounts`, decoded (nil where the server gave none).
    func bundles(of accounts: [UInt64], consume: Bool, by client: TestClient) throws -> [PrekeyBundle?] {
        guard case let .bundles(list) = try request(client, .bundles(accounts: accounts, consume: consume)).get() else { throw Unexpected("bundles did not answer bundles") }
        XCTAssertEqual(list.map(\.account), accounts, "one entry per asked account, in order")
        return try list.map { try $0.bundle.map { try PrekeyBundle(serialized: $0) } }
    }
}

/// The key directory: who may fetch whose keys, and that each one-time prekey is handed out once.
final class RelayKeyDirectoryTests: XCTestCase {
    func testEachOneTimePrekeyIsHandedOutOnce() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        let keys = try relay.uploadKeys(for: c.trusted, oneTime: 2)
        let first = try XCTUnwrap(relay.bundles(of: [c.trusted.id], consume: true, by: c.member)[0])
        let second = try XCTUnwrap(relay.bundles(of: [c.trusted.id], consume: true, by: c.facilitator)[0])
        let third = try XCTUnwrap(relay.bundles(of: [c.trusted.id], consume: true, by: c.member)[0])
        XCTAssertEqual([first.oneTimePrekey?.id, second.oneTimePrekey?.id], keys.oneTimePrekeys.map(\.id), "two different prekeys, in order")
        XCTAssertNil(third.oneTimePrekey, "none left: the bundle carries only the signed prekey")
        XCTAssertEqual(third.identity, keys.identity.publicBundle)
        XCTAssertEqual(relay.request(c.trusted, .prekeyCount), .success(.prekeyCount(0)))
    }

    func testABundleWithoutConsumeLeavesThePrekeys() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        try relay.uploadKeys(for: c.trusted, oneTime: 1)
        for _ in 0..<3 { XCTAssertNil(try relay.bundles(of: [c.trusted.id], consume: false, by: c.member)[0]?.oneTimePrekey) }
        XCTAssertEqual(relay.request(c.trusted, .prekeyCount), .success(.prekeyCount(1)))
    }

    func testOnlyPeopleSharingARoomGetABundleAndAskingCostsNoPrekey() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        try relay.uploadKeys(for: c.member, oneTime: 1)
        XCTAssertEqual(try relay.bundles(of: [c.member.id, c.member.id &+ 1000], consume: true, by: c.outsider).map { $0 == nil }, [true, true])
        XCTAssertNil(try relay.bundles(of: [c.member.id], consume: true, by: c.op)[0])
        XCTAssertEqual(relay.request(c.member, .prekeyCount), .success(.prekeyCount(1)), "a refused ask does not use up a prekey")
    }

    func testAnUploadWithABadSignatureIsRefusedAndChangesNothing() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        let stored = try relay.uploadKeys(for: c.member, oneTime: 1)
        let other = Account()
        XCTAssertEqual(relay.request(c.member, .prekeysUpload(identity: stored.identity.publicBundle.serialized(),
                                                              signedPrekey: other.signedPrekey.publicPart.serialized(), oneTimePrekeys: [])),
                       .failure(.malformed))
        XCTAssertEqual(try relay.bundles(of: [c.member.id], consume: false, by: c.trusted)[0]?.identity, stored.identity.publicBundle)
    }
}
