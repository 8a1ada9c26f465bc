import XCTest
import Klankbord
@testable import KlankbordCrypto
@testable import KlankbordProtocol
@testable import KlankbordStorage

/// Who may use the log requests and `roomAdd`, as one table like `RelayPermissionTests` (kept apart so both
/// tables can grow at the same time). A request is built for its caller, since a roster entry names its writer.
final class RelayLogPermissionTests: XCTestCase, CallerPermissionTable {

    //                                         operator    facilitator trusted    member     outsider    stranger
    static var table: [CallerPermissionRow] { [
        row("logFetch roster",                 ok,         ok,         ok,        ok,        ok,         notRegistered) { _, _, _ in
            .logFetch(scope: 0, after: 0, limit: 10) },
        row("logFetch room",                   notAMember, ok,         ok,        ok,        notAMember, notRegistered) { _, c, _ in
            .logFetch(scope: c.room, after: 0, limit: 10) },
        row("logAppend roster",                ok,         ok,         ok,        ok,        ok,         notRegistered) { _, _, caller in
            .logAppend(scope: 0, index: 0, entry: RelayLogTests.rosterEntry(author: caller.id)) },
        row("logAppend room",                  notAMember, ok,         ok,        ok,        notAMember, notRegistered) { _, c, _ in
            .logAppend(scope: c.room, index: 0, entry: [1, 2, 3]) },
        row("roomAdd",                         forbidden,  ok,         forbidden, forbidden, forbidden,  notRegistered) { _, c, _ in
            .roomAdd(room: c.room, account: c.outsider.id) },
        row("inviteCreate keyed, with welcome", forbidden,  ok,         forbidden, forbidden, forbidden,  notRegistered) { _, c, _ in
            .inviteCreate(role: .member, room: c.room, uses: 1, expiresInSeconds: 3600, keyed: KeyedInvite(token: Random.bytes(32), welcome: Random.bytes(72))) },
    ] }

    func testEachCallerIsAllowedOrRefusedAsTheTableSays() throws {
        try Self.checkEveryCell()
    }
}
