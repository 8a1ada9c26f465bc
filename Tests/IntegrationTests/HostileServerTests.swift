import Foundation
import Klankbord
@testable import KlankbordClient
@testable import KlankbordCrypto
@testable import KlankbordE2E
@testable import KlankbordProtocol
@testable import KlankbordStorage
import XCTest

/// Issue 16, attacks 2 and 3 and first contact, with real processes. The attacker is only ever the server:
/// a change to its own database between steps. Each test also checks that nothing the server saw opens
/// with a key the attacker holds.
final class HostileServerTests: XCTestCase {
    private func digits(_ lines: [String]) -> String {
        lines.filter { $0.hasPrefix("    ") }.joined(separator: " ")
    }

    // MARK: Attack 2: safety numbers come from the pinned identity, not the server's copy

    func testVerifyShowsThePinnedCodeAndRefusesDigitsWhenTheServerSwapsTheKey() throws {
        let community = try Community()
        let server = HostileServer(community: community)
        try server.startSpying()
        try community.anna.ok(["dm", "bea", "hi bea"])
        XCTAssertEqual(try community.read(community.bea, "anna"), ["hi bea"])
        // Carla pins bea's real identity by looking at the code, before any message.
        let carlaBefore = digits(try community.carla.ok(["verify", "bea"]))
        let annaBefore = digits(try community.anna.ok(["verify", "bea"]))
        XCTAssertEqual(annaBefore, digits(try community.bea.ok(["verify", "anna"])), "both people see the same digits")

        let real = try server.savedKeys(of: "bea")
        let attacker = AttackerKeys()
        try server.swapKeys(of: "bea", to: attacker)

        for person in [community.anna, community.carla] {
            let swapped = try person.run(["verify", "bea"])
            XCTAssertNotEqual(swapped.status, 0)
            XCTAssertTrue(swapped.error.contains("The server now offers a different security code for bea"), swapped.error)
            XCTAssertEqual(digits(swapped.lines), "", "no digits for the swapped key")
            XCTAssertNotEqual(try person.run(["verify", "bea", "--confirm"]).status, 0)
        }
        // Anna's session goes on with the real bea; carla, with no session yet, is refused before anything is sent.
        try community.anna.ok(["dm", "bea", "still for bea"])
        let refused = try community.carla.run(["dm", "bea", "for bea only"])
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.error.contains("Nothing was sent. The server offers a different security code for bea"), refused.error)

        try server.restoreKeys(of: "bea", real)
        XCTAssertEqual(try community.read(community.bea, "anna"), ["still for bea"])
        XCTAssertEqual(digits(try community.anna.ok(["verify", "bea"])), annaBefore, "the digits are the pinned identity's")
        XCTAssertEqual(digits(try community.carla.ok(["verify", "bea"])), carlaBefore)
        XCTAssertFalse(attacker.opensAny(of: try server.spied()), "nothing reached the attacker's key")
    }

    // MARK: Attack 3: a forged first message "from bea" cannot take over the session

    func testAForgedSessionFromBeaIsHeldNeverShownAndNeverAnsweredOrAccepted() throws {
        let community = try Community()
        let server = HostileServer(community: community)
        try server.startSpying()
        try community.anna.ok(["dm", "bea", "hello bea"])
        XCTAssertEqual(try community.read(community.bea, "anna"), ["hello bea"])
        let room = try server.directRoom("anna", "bea")

        var forger = AttackerKeys()
        let annasBundle = try server.bundle(of: "anna")
        let usedPrekey = try XCTUnwrap(annasBundle.oneTimePrekey?.id)
        let forged = try forger.firstMessage("bea here: send me the address", to: annasBundle)
        try server.inject(forged, into: room, from: "bea")

        let read = try community.anna.run(["read", "bea"])
        XCTAssertEqual(read.status, 0, read.error)
        XCTAssertTrue(read.output.contains("The security code of bea changed"), read.output)
        XCTAssertFalse(read.output.contains("send me the address"), read.output)

        // Nothing goes to bea while the change is held.
        let dm = try community.anna.run(["dm", "bea", "where do we meet"])
        XCTAssertNotEqual(dm.status, 0)
        XCTAssertTrue(dm.error.contains("Nothing was sent"), dm.error)

        // The server still offers bea's real key, so the forged one cannot be accepted, not even with its own digits
        // (the last group of bea's line of the forged code; anna's own line is the same in both codes).
        let forgedLast = try XCTUnwrap(SafetyNumber.half(forger.identity.publicBundle, handle: "bea").last)
        XCTAssertNotEqual(try community.anna.run(["verify", "bea", "--confirm"], input: forgedLast + "\n").status, 0)
        XCTAssertNotEqual(try community.anna.run(["verify", "bea", "--accept"]).status, 0)
        XCTAssertNotEqual(try community.anna.run(["verify", "bea", "--confirm"], input: "00000\n").status, 0)

        // Comparing bea's real code (the pinned one, shown by verify) throws the forged messages away.
        let shown = try community.anna.ok(["verify", "bea"])
        XCTAssertTrue(shown.joined(separator: "\n").contains("the server still offers the old code"), shown.joined(separator: "\n"))
        XCTAssertEqual(digits(shown), digits(try community.bea.ok(["verify", "anna"])))
        let realLast = try XCTUnwrap(SafetyNumber.half(try server.identity(of: "bea"), handle: "bea").last)
        XCTAssertTrue(digits(shown).contains(realLast))
        let annasProfile = try Profile(openingAt: community.anna.profile.path) { nil }
        XCTAssertNotNil(annasProfile.oneTimePrekey(usedPrekey), "kept while the change is held")
        let confirmed = try community.anna.run(["verify", "bea", "--confirm"], input: realLast + "\n")
        XCTAssertEqual(confirmed.status, 0, confirmed.error)
        XCTAssertNil(annasProfile.oneTimePrekey(usedPrekey), "the forged message's one-time prekey is gone with it")
        try community.anna.ok(["dm", "bea", "where do we meet"])
        XCTAssertEqual(try community.read(community.bea, "anna"), ["where do we meet"])
        XCTAssertFalse(try community.read(community.anna, "bea").contains("bea here: send me the address"))
        let spied = try server.spied()
        XCTAssertFalse(spied.isEmpty)
        XCTAssertFalse(forger.opensAny(of: spied), "nothing reached the forger's key")
    }

    func testAForgedRoomKeyFromBeaIsHeldSoAForgedRoomMessageNeverShowsAsBeas() throws {
        let community = try Community()
        let server = HostileServer(community: community)
        try community.anna.ok(["dm", "bea", "hello bea"])
        XCTAssertEqual(try community.read(community.bea, "anna"), ["hello bea"])
        try server.startSpying()
        let peers = try server.room("Peers")

        var forger = AttackerKeys()
        var chain = SenderKeyChain(roomID: peers, epoch: 7)
        try server.injectInbox(try forger.roomKey(chain, to: try server.bundle(of: "anna")), to: "anna", from: "bea")
        try server.inject([Envelope.senderKey.rawValue] + (try chain.encrypt(PayloadEvent(content: .text("fien says: everyone meet at the station")).serialized())).serialized(),
                          into: peers, from: "bea")
        let read = try community.anna.run(["read", "Peers"])
        XCTAssertEqual(read.status, 0, read.error)
        XCTAssertTrue(read.output.contains("The security code of bea changed"), read.output)
        XCTAssertFalse(read.output.contains("meet at the station"), read.output)

        // Anna's next room message reaches carla, but its key does not go to the held identity; anna is told.
        let sent = try community.anna.ok(["send", "Peers", "see you all thursday"])
        XCTAssertTrue(sent.joined(separator: "\n").contains("bea did not get the key of this room"), sent.joined(separator: "\n"))
        XCTAssertEqual(try community.read(community.carla), ["see you all thursday"])
        XCTAssertFalse(forger.opensAny(of: try server.spied()), "nothing reached the forger's key")
    }

    func testARealNewInstallIsHeldUntilAcceptedAndThenItsMessagesOpen() throws {
        let community = try Community()
        try community.anna.ok(["dm", "bea", "hello bea"])
        XCTAssertEqual(try community.read(community.bea, "anna"), ["hello bea"])
        // bea's new phone: new keys published under the same account (the server offers them too).
        let server = HostileServer(community: community)
        var phone = AttackerKeys()
        try server.swapKeys(of: "bea", to: phone)
        try server.startSpying()
        try server.inject(try phone.firstMessage("new phone, same bea", to: try server.bundle(of: "anna")), into: try server.directRoom("anna", "bea"), from: "bea")
        let read = try community.anna.ok(["read", "bea"])
        XCTAssertTrue(read.joined().contains("The security code of bea changed"))
        let shown = try community.anna.ok(["verify", "bea"])
        XCTAssertTrue(shown.joined(separator: "\n").contains("New security code for you and bea"))
        // Anna's own line is the same in the old and the new code: typing its last group accepts nothing.
        let annasLast = try XCTUnwrap(SafetyNumber.half(try server.identity(of: "anna"), handle: "anna").last)
        XCTAssertNotEqual(try community.anna.run(["verify", "bea", "--confirm"], input: annasLast + "\n").status, 0)
        let accepted = try community.anna.ok(["verify", "bea", "--accept"])
        XCTAssertTrue(accepted.joined(separator: "\n").contains("new phone, same bea"), accepted.joined(separator: "\n"))
        // Only now does anything go to the new key (this also shows the spy would see it).
        XCTAssertFalse(phone.opensAny(of: try server.spied()))
        try community.anna.ok(["dm", "bea", "welcome back"])
        XCTAssertTrue(phone.opensAny(of: try server.spied()))
    }

    func testARealNewInstallIsAcceptedWithConfirmOnlyWithItsOwnLineOfTheNewCode() throws {
        let community = try Community()
        try community.anna.ok(["dm", "bea", "hello bea"])
        XCTAssertEqual(try community.read(community.bea, "anna"), ["hello bea"])
        let server = HostileServer(community: community)
        try community.anna.ok(["verify", "bea", "--confirm"])
        var phone = AttackerKeys()
        try server.swapKeys(of: "bea", to: phone)
        try server.inject(try phone.firstMessage("new phone again", to: try server.bundle(of: "anna")), into: try server.directRoom("anna", "bea"), from: "bea")
        _ = try community.anna.ok(["read", "bea"])
        // bea was verified: taking the new code unchecked is refused.
        let unchecked = try community.anna.run(["verify", "bea", "--accept"])
        XCTAssertNotEqual(unchecked.status, 0)
        XCTAssertTrue(unchecked.error.contains("you must compare the new code too"), unchecked.error)
        let oldLast = try XCTUnwrap(SafetyNumber.half(try XCTUnwrap(try Profile(openingAt: community.anna.profile.path) { nil }.pin(try server.account("bea"))).identity, handle: "bea").last)
        XCTAssertNotEqual(try community.anna.run(["verify", "bea", "--confirm"], input: oldLast + "\n").status, 0)
        let newLast = try XCTUnwrap(SafetyNumber.half(phone.identity.publicBundle, handle: "bea").last)
        let confirmed = try community.anna.run(["verify", "bea", "--confirm"], input: newLast + "\n")
        XCTAssertEqual(confirmed.status, 0, confirmed.error)
        XCTAssertTrue(confirmed.output.contains("new phone again"), confirmed.output)
        XCTAssertTrue(try community.anna.ok(["verify", "bea"]).joined().contains("already checked"))
    }

    // MARK: First contact: the invite code pins the inviter

    func testJoinRefusesWhenTheServerSubstitutesTheInvitersIdentity() throws {
        let community = try Community()
        let server = HostileServer(community: community)
        let code = try XCTUnwrap(community.fien.ok(["room", "invite", "Peers"]).first)
        try server.swapKeys(of: "fien", to: AttackerKeys())
        try server.startSpying()
        let dora = Person(community.base, "dora")
        let joined = try dora.run(["join", code, "--handle", "dora"])
        XCTAssertNotEqual(joined.status, 0)
        XCTAssertTrue(joined.error.contains("the server gave a different security code for the person who made this invite"), joined.error)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dora.profile.path), "no local profile is kept")
        XCTAssertEqual(try server.spied(), [], "dora sent nothing")
        let database = try Database(.file(server.databasePath), readOnly: true)
        XCTAssertEqual(try database.queryOne("SELECT count(*) FROM accounts WHERE handle = 'dora'") { $0.int64(0) }, 0)
    }

    func testAMemberJoiningASecondRoomLeavesItWhenTheServerSubstitutesTheInviter() throws {
        let community = try Community()
        let server = HostileServer(community: community)
        try community.fien.ok(["room", "create", "Vergadering"])
        let code = try XCTUnwrap(community.fien.ok(["room", "invite", "Vergadering"]).first)
        try server.swapKeys(of: "fien", to: AttackerKeys())
        let joined = try community.anna.run(["join", code])
        XCTAssertNotEqual(joined.status, 0)
        XCTAssertTrue(joined.error.contains("the server gave a different security code for the person who made this invite"), joined.error)
        let database = try Database(.file(server.databasePath), readOnly: true)
        let inRoom = try database.queryOne("""
            SELECT count(*) FROM members m JOIN rooms r ON r.id = m.room_id JOIN accounts a ON a.id = m.account_id
            WHERE r.name = 'Vergadering' AND a.handle = 'anna'
            """) { $0.int64(0) }
        XCTAssertEqual(inRoom, 0)
    }

    func testJoinPinsTheInviterSoTheFirstMessageGoesToTheRealKey() throws {
        let community = try Community()
        let server = HostileServer(community: community)
        let dora = Person(community.base, "dora")
        try dora.ok(["join", try XCTUnwrap(community.fien.ok(["room", "invite", "Peers"]).first), "--handle", "dora"])
        let real = try server.savedKeys(of: "fien")
        let attacker = AttackerKeys()
        try server.swapKeys(of: "fien", to: attacker)
        try server.startSpying()
        let refused = try dora.run(["dm", "fien", "hello fien"])
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.error.contains("different security code for fien"), refused.error)
        try server.restoreKeys(of: "fien", real)
        XCTAssertFalse(attacker.opensAny(of: try server.spied()))
    }

    // MARK: Contact codes pin their owner

    func testAContactCodeRefusesASwappedKeyBeforeAnythingIsSentAndPinsTheRealOwner() throws {
        let community = try Community()
        let server = HostileServer(community: community)
        let code = try XCTUnwrap(community.bea.ok(["contact"]).first)
        XCTAssertTrue(code.hasPrefix("kbc-"))
        let real = try server.savedKeys(of: "bea")
        let attacker = AttackerKeys()
        try server.swapKeys(of: "bea", to: attacker)
        try server.startSpying()
        let refused = try community.carla.run(["dm", "--code", code, "a secret for bea"])
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.error.contains("the server gave a different security code than the one in this contact code"), refused.error)

        try server.restoreKeys(of: "bea", real)
        try community.carla.ok(["dm", "--code", code, "hello bea"])
        XCTAssertEqual(try community.read(community.bea, "carla"), ["hello bea"])
        XCTAssertFalse(attacker.opensAny(of: try server.spied()))
        XCTAssertFalse(try server.spied().isEmpty)
    }

    func testAContactCodeWithoutACommitmentIsRefusedWithASentence() throws {
        let community = try Community()
        let code = try XCTUnwrap(community.bea.ok(["contact"]).first)
        let secret = try Base64URL.decode(String(code.dropFirst(4))).prefix(Request.secretLength)
        let old = try community.carla.run(["dm", "--code", "kbc-" + Base64URL.encode(Array(secret)), "hi"])
        XCTAssertNotEqual(old.status, 0)
        XCTAssertTrue(old.error.contains("This contact code is from an older version of klankbord"), old.error)
    }
}
