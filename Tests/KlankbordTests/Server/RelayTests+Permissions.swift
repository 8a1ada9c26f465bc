import XCTest
import Klankbord
@testable import KlankbordCrypto
@testable import KlankbordProtocol
@testable import KlankbordStorage

/// Who may do what, as one table: each row is a request, each cell what one kind of caller is told.
/// Every cell runs against a fresh community, so no cell depends on another.
final class RelayPermissionTests: XCTestCase {
    /// The kinds of caller; `outsider` is a member who is not in the room, `stranger` a device that never redeemed an invite.
    enum Actor: CaseIterable {
        case op, facilitator, trusted, member, outsider, stranger
    }

    /// What a cell expects: success, or this error code. The key directory answers a refusal with an
    /// entry that holds no bundle (`absent`): it does not tell who exists.
    enum Outcome: Equatable {
        case allowed
        case refused(ErrorCode)
        case absent
    }

    struct Row {
        let name: String
        let request: (RelayHarness, Community) throws -> Request
        let cells: [Actor: Outcome]
    }

    static let ok = Outcome.allowed
    static func no(_ code: ErrorCode) -> Outcome { .refused(code) }

    /// Shorthand for a row with one outcome per actor, in `Actor.allCases` order.
    static func row(_ name: String, _ op: Outcome, _ facilitator: Outcome, _ trusted: Outcome, _ member: Outcome,
                    _ outsider: Outcome, _ stranger: Outcome, _ request: @escaping (RelayHarness, Community) throws -> Request) -> Row {
        Row(name: name, request: request,
            cells: [.op: op, .facilitator: facilitator, .trusted: trusted, .member: member, .outsider: outsider, .stranger: stranger])
    }

    static let forbidden = no(.forbidden), notAMember = no(.notAMember), notRegistered = no(.notRegistered)
    static let directNotAllowed = no(.directNotAllowed), handleUnknown = no(.handleUnknown)
    static let absent = Outcome.absent

    //                                         operator   facilitator  trusted    member     outsider   stranger
    static var table: [Row] { [
        row("inviteCreate operator",           ok,        forbidden,   forbidden, forbidden, forbidden, notRegistered) { _, _ in
            .inviteCreate(role: .operator, room: nil, uses: 1, expiresInSeconds: 3600) },
        row("inviteCreate facilitator",        ok,        ok,          forbidden, forbidden, forbidden, notRegistered) { _, _ in
            .inviteCreate(role: .facilitator, room: nil, uses: 1, expiresInSeconds: 3600) },
        row("inviteCreate trusted",            forbidden, ok,          forbidden, forbidden, forbidden, notRegistered) { _, _ in
            .inviteCreate(role: .trusted, room: nil, uses: 1, expiresInSeconds: 3600) },
        row("inviteCreate member",             forbidden, ok,          forbidden, forbidden, forbidden, notRegistered) { _, _ in
            .inviteCreate(role: .member, room: nil, uses: 1, expiresInSeconds: 3600) },
        row("inviteCreate member for room",    forbidden, ok,          forbidden, forbidden, forbidden, notRegistered) { _, c in
            .inviteCreate(role: .member, room: c.room, uses: 1, expiresInSeconds: 3600) },
        row("inviteList",                      ok,        ok,          forbidden, forbidden, forbidden, notRegistered) { _, _ in .inviteList },
        row("inviteRevoke",                    ok,        ok,          forbidden, forbidden, forbidden, notRegistered) { relay, c in
            .inviteRevoke(id: try relay.invite(by: c.facilitator).id) },
        row("roomCreate",                      forbidden, ok,          forbidden, forbidden, forbidden, notRegistered) { _, _ in
            .roomCreate(name: "Nieuwe groep") },
        row("members",                         notAMember, ok,         ok,        ok,        notAMember, notRegistered) { _, c in .members(room: c.room) },
        row("send",                            notAMember, ok,         ok,        ok,        notAMember, notRegistered) { _, c in
            .send(room: c.room, clientID: Random.bytes(16), payload: [1, 2, 3]) },
        row("fetch",                           notAMember, ok,         ok,        ok,        notAMember, notRegistered) { _, c in
            .fetch(room: c.room, afterSeq: 0, limit: 10) },
        row("roomLeave",                       notAMember, ok,         ok,        ok,        notAMember, notRegistered) { _, c in .roomLeave(room: c.room) },
        row("roomRemove",                      forbidden, ok,          forbidden, forbidden, forbidden, notRegistered) { relay, c in
            _ = try relay.register("Weg_ermee", room: c.room, invitedBy: c.facilitator)
            return .roomRemove(room: c.room, handle: "Weg_ermee") },
        row("directOpen facilitator",          forbidden, directNotAllowed, ok,   ok,        handleUnknown, notRegistered) { _, c in
            .directOpen(handle: c.facilitator.handle) },
        row("directOpen trusted",              forbidden, ok,          directNotAllowed, ok, ok,        notRegistered) { _, c in
            .directOpen(handle: c.trusted.handle) },
        row("directOpen member in room",       forbidden, ok,          ok,        directNotAllowed, handleUnknown, notRegistered) { _, c in
            .directOpen(handle: c.member.handle) },
        // Someone you may not reach looks the same as nobody (no handle directory); a trusted person reaches no stranger first.
        row("directOpen outsider",             forbidden, handleUnknown, handleUnknown, handleUnknown, directNotAllowed, notRegistered) { _, c in
            .directOpen(handle: c.outsider.handle) },
        row("directOpen operator",             forbidden, handleUnknown, handleUnknown, handleUnknown, handleUnknown, notRegistered) { _, c in
            .directOpen(handle: c.op.handle) },
        row("directOpen nobody",               forbidden, handleUnknown, handleUnknown, handleUnknown, handleUnknown, notRegistered) { _, _ in
            .directOpen(handle: "Niemand") },
        row("contactCodeCreate",               forbidden, ok,          ok,        ok,        ok,        notRegistered) { _, _ in
            .contactCodeCreate(expiresInSeconds: 3600) },
        row("inboxPut to facilitator",         handleUnknown, ok,      ok,        ok,        handleUnknown, notRegistered) { _, c in
            .inboxPut(recipient: c.facilitator.id, payload: [9]) },
        row("inboxPut to outsider",            handleUnknown, handleUnknown, handleUnknown, handleUnknown, ok, notRegistered) { _, c in
            .inboxPut(recipient: c.outsider.id, payload: [9]) },
        row("whoami",                          ok,        ok,          ok,        ok,        ok,        notRegistered) { _, _ in .whoami },
        row("rooms",                           ok,        ok,          ok,        ok,        ok,        notRegistered) { _, _ in .rooms },
        row("ping",                            ok,        ok,          ok,        ok,        ok,        ok) { _, _ in .ping },
        row("redeem invite to another room",   forbidden, ok,          ok,        ok,        ok,        ok) { relay, c in
            let other = try relay.register("Femke", role: .facilitator, invitedBy: c.op)
            return .redeem(secret: try relay.invite(by: other, room: try relay.createRoom("Tweede", by: other)).secret, handle: "Nieuw_lid") },
        row("deleteAccount",                   ok,        ok,          ok,        ok,        ok,        notRegistered) { _, _ in .deleteAccount },
        row("subscribe",                       ok,        ok,          ok,        ok,        ok,        notRegistered) { _, _ in .subscribe },
        row("directOpenWithCode of member",    forbidden, ok,          ok,        directNotAllowed, ok, notRegistered) { relay, c in
            guard case let .contactCode(secret, _) = try relay.request(c.member, .contactCodeCreate(expiresInSeconds: 3600)).get() else {
                throw Unexpected("no contact code") }
            return .directOpenWithCode(secret: secret) },
        row("inboxPutMany to facilitator",     handleUnknown, ok,      ok,        ok,        handleUnknown, notRegistered) { _, c in
            .inboxPutMany([InboxDelivery(recipient: c.facilitator.id, payload: [9]), InboxDelivery(recipient: c.member.id, payload: [8])]) },
        row("inboxFetch",                      ok,        ok,          ok,        ok,        ok,        notRegistered) { _, _ in .inboxFetch(limit: 10) },
        row("inboxAck",                        ok,        ok,          ok,        ok,        ok,        notRegistered) { _, _ in .inboxAck(ids: [1, 2]) },
        row("prekeysUpload",                   ok,        ok,          ok,        ok,        ok,        notRegistered) { _, _ in
            let keys = Account(oneTimePrekeyCount: 1)
            return .prekeysUpload(identity: keys.identity.publicBundle.serialized(), signedPrekey: keys.signedPrekey.publicPart.serialized(),
                                  oneTimePrekeys: keys.oneTimePrekeys.map { $0.publicPart.serialized() }) },
        row("prekeyCount",                     ok,        ok,          ok,        ok,        ok,        notRegistered) { _, _ in .prekeyCount },
        row("bundles of facilitator",          absent,    absent,      ok,        ok,        absent,    notRegistered) { relay, c in
            try relay.uploadKeys(for: c.facilitator)
            return .bundles(accounts: [c.facilitator.id], consume: true) },
        row("bundles of outsider",             absent,    absent,      absent,    absent,    absent,    notRegistered) { relay, c in
            try relay.uploadKeys(for: c.outsider)
            return .bundles(accounts: [c.outsider.id], consume: true) },
    ] }

    func testEachCallerIsAllowedOrRefusedAsTheTableSays() throws {
        for row in Self.table {
            for actor in Actor.allCases {
                let relay = try RelayHarness()
                let c = try relay.community()
                let request = try row.request(relay, c)
                XCTAssertEqual(Self.outcome(relay.request(Self.caller(actor, c, relay), request)), row.cells[actor], "\(row.name) by \(actor)")
            }
        }
    }

    /// The client of the community that plays `actor` (a stranger is a fresh device without an account).
    static func caller(_ actor: Actor, _ c: Community, _ relay: RelayHarness) -> TestClient {
        switch actor {
        case .op: c.op
        case .facilitator: c.facilitator
        case .trusted: c.trusted
        case .member: c.member
        case .outsider: c.outsider
        case .stranger: relay.open()
        }
    }

    /// How a table cell reads an answer.
    static func outcome(_ reply: Reply) -> Outcome {
        switch reply {
        case let .success(.bundles(list)) where list.allSatisfy({ $0.bundle == nil }): .absent
        // `inboxPutMany` answers per item: a refusal of every item is the request's refusal.
        case let .success(.deliveries(list)) where list.allSatisfy({ $0 == .handleUnknown }): .refused(.handleUnknown)
        case .success: .allowed
        case let .failure(code): .refused(code)
        }
    }

    func testFacilitatorOutsideTheRoomCannotInviteToItOrRemoveFromIt() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        let other = try relay.register("Femke", role: .facilitator, invitedBy: c.op)
        XCTAssertEqual(relay.request(other, .inviteCreate(role: .member, room: c.room, uses: 1, expiresInSeconds: 3600)), .failure(.notAMember))
        XCTAssertEqual(relay.request(other, .roomRemove(room: c.room, handle: c.member.handle)), .failure(.notAMember))
        XCTAssertEqual(relay.request(other, .members(room: c.room)), .failure(.notAMember))
    }

    func testRoomsThatDoNotExistLookTheSameAsRoomsYouAreNotIn() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        for request: Request in [.members(room: 999), .send(room: 999, clientID: Random.bytes(16), payload: []),
                                 .fetch(room: 999, afterSeq: 0, limit: 1), .roomLeave(room: 999), .members(room: .max)] {
            XCTAssertEqual(relay.request(c.member, request), .failure(.notAMember), "\(request)")
        }
        XCTAssertEqual(relay.request(c.facilitator, .inviteCreate(role: .member, room: 999, uses: 1, expiresInSeconds: 60)), .failure(.notAMember))
    }

    func testFacilitatorCannotRemoveThemselvesOrSomeoneNotInTheRoom() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        XCTAssertEqual(relay.request(c.facilitator, .roomRemove(room: c.room, handle: c.facilitator.handle)), .failure(.forbidden))
        XCTAssertEqual(relay.request(c.facilitator, .roomRemove(room: c.room, handle: c.outsider.handle)), .failure(.handleUnknown))
    }

    func testFacilitatorCannotInviteToOrRemoveFromAOneToOneThread() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        guard case let .room(direct, _) = try relay.request(c.facilitator, .directOpen(handle: c.member.handle)).get() else { return XCTFail("no thread") }
        XCTAssertEqual(relay.request(c.facilitator, .inviteCreate(role: .member, room: direct, uses: 1, expiresInSeconds: 60)), .failure(.notAMember))
        XCTAssertEqual(relay.request(c.facilitator, .roomRemove(room: direct, handle: c.member.handle)), .failure(.forbidden))
    }

    func testContactCodeOpensAThreadWithSomeoneYouShareNoRoomWith() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        XCTAssertEqual(relay.request(c.outsider, .directOpen(handle: c.member.handle)), .failure(.handleUnknown))
        guard case let .contactCode(secret, _) = try relay.request(c.member, .contactCodeCreate(expiresInSeconds: 3600)).get() else {
            return XCTFail("no contact code")
        }
        XCTAssertEqual(relay.request(c.member, .directOpenWithCode(secret: secret)), .failure(.directNotAllowed))
        XCTAssertEqual(relay.request(c.op, .directOpenWithCode(secret: secret)), .failure(.forbidden))
        guard case let .room(thread, name) = try relay.request(c.outsider, .directOpenWithCode(secret: secret)).get() else { return XCTFail("no thread") }
        XCTAssertEqual(name, c.member.handle)
        XCTAssertEqual(try relay.memberHandles(thread, by: c.member), [c.outsider.handle, c.member.handle].sorted { $0.lowercased() < $1.lowercased() })
        // From now on they share a room, so key distribution between them is allowed.
        XCTAssertEqual(relay.request(c.outsider, .inboxPut(recipient: c.member.id, payload: [1])), .success(.done))
    }

    func testExpiredOrUnknownContactCodeIsContactCodeUnknown() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        guard case let .contactCode(secret, _) = try relay.request(c.member, .contactCodeCreate(expiresInSeconds: 3600)).get() else {
            return XCTFail("no contact code")
        }
        XCTAssertEqual(relay.request(c.outsider, .directOpenWithCode(secret: Random.bytes(32))), .failure(.contactCodeUnknown))
        relay.clock.advance(by: 3600)
        XCTAssertEqual(relay.request(c.outsider, .directOpenWithCode(secret: secret)), .failure(.contactCodeUnknown))
    }

    func testOpeningTheSameThreadTwiceFindsTheSameRoom() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        try relay.subscribe(c.member)
        guard case let .room(first, _) = try relay.request(c.facilitator, .directOpen(handle: "ANA")).get(),
              case let .room(second, name) = try relay.request(c.member, .directOpen(handle: c.facilitator.handle)).get()
        else { return XCTFail("no thread") }
        XCTAssertEqual(first, second)
        XCTAssertEqual(name, c.facilitator.handle)
        XCTAssertEqual(relay.takePushes(c.member), [.membership(room: first, accountID: c.facilitator.id, handle: c.facilitator.handle, change: .joined)])
    }
}
