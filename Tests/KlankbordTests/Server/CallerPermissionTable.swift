import XCTest
import Klankbord
@testable import KlankbordProtocol

/// A permission table like `RelayPermissionTests` whose requests are built for their caller (a roster entry names
/// its writer): the log table and the room-rule table share its rows and its check.
protocol CallerPermissionTable {
    static var table: [CallerPermissionRow] { get }
}

/// One request and what each kind of caller gets for it.
struct CallerPermissionRow {
    let name: String
    let request: (RelayHarness, Community, TestClient) throws -> Request
    let cells: [RelayPermissionTests.Actor: RelayPermissionTests.Outcome]
}

extension CallerPermissionTable {
    typealias Outcome = RelayPermissionTests.Outcome

    static var ok: Outcome { .allowed }
    static var forbidden: Outcome { .refused(.forbidden) }
    static var notAMember: Outcome { .refused(.notAMember) }
    static var notRegistered: Outcome { .refused(.notRegistered) }

    /// Shorthand for a row with one outcome per actor, in `Actor.allCases` order.
    static func row(_ name: String, _ op: Outcome, _ facilitator: Outcome, _ trusted: Outcome, _ member: Outcome, _ outsider: Outcome,
                    _ stranger: Outcome, _ request: @escaping (RelayHarness, Community, TestClient) throws -> Request) -> CallerPermissionRow {
        CallerPermissionRow(name: name, request: request,
            cells: [.op: op, .facilitator: facilitator, .trusted: trusted, .member: member, .outsider: outsider, .stranger: stranger])
    }

    /// Runs every cell against a fresh community: the row's request, built for and sent by that caller.
    static func checkEveryCell() throws {
        for row in table {
            for actor in RelayPermissionTests.Actor.allCases {
                let relay = try RelayHarness()
                let c = try relay.community()
                let caller = RelayPermissionTests.caller(actor, c, relay)
                let got = RelayPermissionTests.outcome(relay.request(caller, try row.request(relay, c, caller)))
                XCTAssertEqual(got, row.cells[actor], "\(row.name) by \(actor)")
            }
        }
    }
}
