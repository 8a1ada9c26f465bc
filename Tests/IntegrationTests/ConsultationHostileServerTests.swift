import Foundation
import Klankbord
@testable import KlankbordClient
@testable import KlankbordConsultations
@testable import KlankbordE2E
@testable import KlankbordProtocol
@testable import KlankbordStorage
import XCTest

/// Issue 19 against a hostile server: the server's tables name facilitators the signed logs do not. No answer
/// reaches them, and what a false facilitator sends is ignored by every client.
final class ConsultationHostileServerTests: XCTestCase {
    /// Makes `handle` a facilitator in the server's own account table, as a hostile server would.
    private func promote(_ server: HostileServer, _ handle: String) throws {
        let account = try server.account(handle)
        try server.tamper { database in
            try database.run("UPDATE accounts SET role = ? WHERE id = ?", [.integer(Int64(Role.facilitator.rawValue)), .id(account)])
        }
    }

    func testFacilitatorsTheServerMakesUpGetNoAnswerAndTheirQuestionsAreIgnored() throws {
        let community = try Community()
        let server = HostileServer(community: community)
        // dora has a real account but is in no room; the server takes her keys, lists her in Peers as a facilitator,
        // and also calls carla, a real member, a facilitator.
        let dora = Person(community.base, "dora")
        try dora.ok(["join", try XCTUnwrap(community.fien.ok(["invite", "create"]).first), "--handle", "dora"])
        let attacker = AttackerKeys()
        try server.swapKeys(of: "dora", to: attacker)
        let (room, doraID) = (try server.room("Peers"), try server.account("dora"))
        try server.tamper { database in
            try database.run("INSERT INTO members(room_id, account_id, joined_seq) SELECT id, ?, last_seq FROM rooms WHERE id = ?", [.id(doraID), .id(room)])
        }
        try promote(server, "dora")
        try promote(server, "carla")
        XCTAssertTrue(try community.anna.ok(["members", "Peers"]).joined(separator: "\n").contains("dora"), "the server lists her")
        try server.startSpying()

        let posed = try community.fien.ok(["consult", "pose", "Peers", "Wat vind je?", "--title", "Vraag", "--body", "Gemeente Leeuwarden",
                                           "--days", "1", "--json"])
        let code = try ConsultationFlowTests.code(posed)
        let answered = try community.anna.run(["consult", "answer", code, "SENTINEL-HOSTILE-ANSWER-3b9f"])
        XCTAssertEqual(answered.status, 0, answered.error)
        XCTAssertTrue(answered.output.contains("Your answer went only to the facilitators: fien."), answered.output)

        // Nothing the server can open with the keys it holds for dora, and nothing in carla's profile.
        XCTAssertFalse(attacker.opensAny(of: try server.spied()), "an answer reached the keys the server holds for dora")
        try community.carla.ok(["consult", "list"])
        let (carla, held) = try ConsultationFlowTests.heldConsultationEvents(community.carla, room: room)
        XCTAssertEqual(held.filter { $0.sender != carla && ConsultationFlowTests.answerTypes.contains($0.event.type) }.count, 0)
        XCTAssertTrue(try community.fien.ok(["consult", "list"]).joined(separator: "\n").contains("1 answer counts so far."), "the real facilitator got it")

        // carla believes the server and tries to act as a facilitator: her own client refuses.
        let refused = try community.carla.run(["consult", "pose", "Peers", "x", "--title", "SENTINEL-FORGED-TITLE", "--body", "y", "--days", "1"])
        XCTAssertEqual(refused.status, 2)
        XCTAssertTrue(refused.error.contains("Only a facilitator of this group can do this."), refused.error)
        XCTAssertEqual(try community.carla.run(["consult", "answers", code]).status, 2)
        XCTAssertEqual(try community.carla.run(["consult", "remind", code]).status, 2)

        // A modified client sends the question and a close anyway: every client ignores both.
        let profile = try Profile(openingAt: community.carla.profile.path) { nil }
        let account = try XCTUnwrap(profile.account)
        let connection = try ClientConnection(address: account.server, serverKey: account.serverKey, deviceKey: profile.deviceKey())
        let messenger = Messenger(profile: profile, connection: connection, account: account)
        guard case let .rooms(rooms) = try connection.call(.rooms), let peers = rooms.first(where: { $0.id == room }) else {
            return XCTFail("carla's rooms")
        }
        let forged = ConsultationEvent.Question(askingBody: "y", title: "SENTINEL-FORGED-TITLE", text: "x", deadline: Int64(Date().timeIntervalSince1970) + 3600)
        try messenger.send(event: PayloadEvent(consultation: .posed(forged)), to: peers)
        let consultation = try XCTUnwrap(ConsultationFlowTests.heldConsultationEvents(community.anna, room: room).events.first { $0.event.type == "consultation.posed" }?.event.id)
        try messenger.send(event: PayloadEvent(consultation: .closed(consultation: consultation)), to: peers)
        for person in [community.anna, community.bea, community.fien] {
            let list = try person.ok(["consult", "list"]).joined(separator: "\n")
            XCTAssertFalse(list.contains("SENTINEL-FORGED-TITLE"), "\(person.profile.lastPathComponent) shows a question from a non-facilitator")
            XCTAssertTrue(list.contains("Vraag"), "\(person.profile.lastPathComponent): the real question stays open after a forged close")
        }
    }

    func testAFacilitatorTheServerDemotesStillGetsTheAnswersAndStillCounts() throws {
        let community = try Community()
        let server = HostileServer(community: community)
        let code = try ConsultationFlowTests.code(try community.fien.ok(["consult", "pose", "Peers", "Wat vind je?", "--title", "Vraag",
                                                                         "--body", "Gemeente Leeuwarden", "--days", "1", "--json"]))
        // The server now says fien is an ordinary member and carla the facilitator.
        let (fien, carla) = (try server.account("fien"), try server.account("carla"))
        try server.tamper { database in
            try database.run("UPDATE accounts SET role = ? WHERE id = ?", [.integer(Int64(Role.member.rawValue)), .id(fien)])
            try database.run("UPDATE accounts SET role = ? WHERE id = ?", [.integer(Int64(Role.facilitator.rawValue)), .id(carla)])
        }
        let answered = try community.anna.run(["consult", "answer", code, "SENTINEL-DEMOTED-7d01"])
        XCTAssertEqual(answered.status, 0, answered.error)
        XCTAssertTrue(answered.output.contains("Your answer went only to the facilitators: fien."), answered.output)
        XCTAssertTrue(try community.fien.ok(["consult", "list"]).joined(separator: "\n").contains("1 answer counts so far."))
        XCTAssertTrue(try community.anna.ok(["consult", "list"]).joined(separator: "\n").contains("Vraag"), "fien's question still shows")
    }

    func testAServerThatSwapsTheFacilitatorsKeyGetsNoAnswer() throws {
        let community = try Community()
        let server = HostileServer(community: community)
        let code = try ConsultationFlowTests.code(try community.fien.ok(["consult", "pose", "Peers", "Wat vind je?", "--title", "Vraag",
                                                                         "--body", "Gemeente Leeuwarden", "--days", "1", "--json"]))
        // The server hands out its own keys for fien from now on.
        let attacker = AttackerKeys()
        try server.swapKeys(of: "fien", to: attacker)
        try server.startSpying()
        try community.anna.ok(["consult", "answer", code, "SENTINEL-SWAPPED-41c8"])
        XCTAssertFalse(attacker.opensAny(of: try server.spied()), "the answer reached the key the server put in fien's place")
        XCTAssertTrue(try community.fien.ok(["consult", "list"]).joined(separator: "\n").contains("1 answer counts so far."), "the real fien has it")
    }
}
