import XCTest
import Klankbord
@testable import KlankbordConfig
@testable import KlankbordCrypto
@testable import KlankbordProtocol
@testable import KlankbordServer
@testable import KlankbordStorage

/// The server refuses a handle that looks like one in use, and a group name the facilitator already has.
final class RelayLookAlikeTests: XCTestCase {
    func testAHandleThatLooksLikeAnExistingOneIsTaken() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        XCTAssertEqual(c.trusted.handle, "Hulplijn")
        let invite = try relay.invite(by: c.facilitator, uses: 10)
        for imitation in ["HuIplijn", "Hulplıjn", "Hulpǀijn", "HulpƖijn", "Hulplİjn", "hulp1ijn"] {
            XCTAssertEqual(relay.request(relay.open(), .redeem(secret: invite.secret, handle: imitation)), .failure(.handleTaken), imitation)
        }
        XCTAssertEqual(try relay.count("SELECT count(*) FROM accounts WHERE handle_skeleton = ?", [.text(Handle.skeleton(of: "Hulplijn"))]), 1)
        _ = try relay.redeem(invite.secret, handle: "Hulplijst", on: relay.open())
    }

    func testAHandleIsStoredInNFCSoBothSpellingsAreOneHandle() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        let invite = try relay.invite(by: c.facilitator, uses: 2)
        let zoe = try relay.redeem(invite.secret, handle: "Zoe\u{0308}", on: relay.open())
        XCTAssertEqual(zoe.handle, "Zoë")
        XCTAssertEqual(relay.request(relay.open(), .redeem(secret: invite.secret, handle: "ZOË")), .failure(.handleTaken))
    }

    func testAFacilitatorCannotMakeTwoGroupsWithOneName() throws {
        let relay = try RelayHarness()
        let c = try relay.community()
        for name in ["Klankbordgroep", "klankbordGROEP", "  Klankbordgroep "] {
            XCTAssertEqual(relay.request(c.facilitator, .roomCreate(name: name)), .failure(.nameTaken), name)
        }
        _ = try relay.createRoom("Café", by: c.facilitator)
        XCTAssertEqual(relay.request(c.facilitator, .roomCreate(name: "Cafe\u{0301}")), .failure(.nameTaken), "NFC")
        XCTAssertEqual(relay.request(c.facilitator, .roomCreate(name: "Peers\u{202E}nimda")), .failure(.nameInvalid), "a bidi override")
        XCTAssertEqual(relay.request(c.facilitator, .roomCreate(name: "Peers\u{2066}x")), .failure(.nameInvalid), "a bidi isolate")
        // Another facilitator, who is in no group of that name, may use it.
        let other = try relay.register("Greet", role: .facilitator, invitedBy: c.op)
        _ = try relay.createRoom("Klankbordgroep", by: other)
    }

    func testMigrationFillsSkeletonsAndKeepsOldLookAlikesWithoutFailing() throws {
        let database = try Database(.memory)
        try database.migrate(Array(ServerSchema.migrations.prefix(2)))
        for (id, handle) in [(1, "Hulplijn"), (2, "HuIplijn"), (3, "anna")] {
            try database.run("INSERT INTO accounts(id, handle, handle_key, role, device_key) VALUES (?, ?, ?, 0, ?)",
                             [.integer(Int64(id)), .text(handle), .text(handle.lowercased()), .blob(Random.bytes(32))])
        }
        try database.migrate(ServerSchema.migrations)
        let skeletons = try database.query("SELECT handle_skeleton FROM accounts ORDER BY id") { $0.optionalText(0) }
        XCTAssertEqual(skeletons, [Handle.skeleton(of: "Hulplijn"), nil, Handle.skeleton(of: "anna")])
        XCTAssertTrue(try database.appliedMigrationNames().contains("003-handle-skeleton"))
        // A relay opens the migrated database (migrating again does nothing), and the index refuses a third look-alike.
        _ = try Relay(database: database, config: Config(), clock: { 1_750_000_000 })
        XCTAssertThrowsError(try database.run("INSERT INTO accounts(handle, handle_key, handle_skeleton, role, device_key) VALUES ('x', 'x', ?, 0, ?)",
                                              [.text(Handle.skeleton(of: "Hulplıjn")), .blob(Random.bytes(32))]), "the UNIQUE index")
    }
}
