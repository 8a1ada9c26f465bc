import XCTest
import Klankbord
@testable import KlankbordCrypto
@testable import KlankbordProtocol
@testable import KlankbordStorage

/// Who may use the log requests and `roomAdd`, as one table like `RelayPermissionTests` (kept apart so both
/// tables can grow at the same time). A request is built for its caller, since a roster entry names its writer.
final class RelayLogPermissionTests: XCTestCase {
    typealias Actor = RelayPermissionTests.Actor
    typealias Outcome = RelayPermissionTests.Outcome

    struct Row {
        let name: String
        let request: (RelayHarness, Community, TestClient) throws -> Request
        let cells: [Actor: Outcome]
    }

    static let ok = Outcome.allowed
    static let forbidden = Outcome.refused(.forbidden), notAMember = Outcome.refused(.notAMember), notRegistered = Outcome.refused(.notRegistered)

    static func row(_ name: String, _ op: Outcome, _ facilitator: Outcome, _ trusted: Outcome, _ member: Outcome, _ outsider: Outcome,
                    _ stranger: Outcome, _ request: @escaping (RelayHarness, Community, TestClient) throws -> Request) -> Row {
        Row(name: name, request: request,
            cells: [.op: op, .facilitator: facilitator, .trusted: trusted, .member: member, .outsider: outsider, .stranger: stranger])
    }

    //                                         operator    facilitator trusted    member     outsider    stranger
    static var table: [Row] { [
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
        for row in Self.table {
            for actor in Actor.allCases {
                let relay = try RelayHarness()
                let c = try relay.community()
                let caller = RelayPermissionTests.caller(actor, c, relay)
                let got = RelayPermissionTests.outcome(relay.request(caller, try row.request(relay, c, caller)))
                XCTAssertEqual(got, row.cells[actor], "\(row.name) by \(actor)")
            }
        }
    }
}
