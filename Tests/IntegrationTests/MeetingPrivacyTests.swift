import Foundation
import Klankbord
@testable import KlankbordClient
@testable import KlankbordCrypto
@testable import KlankbordE2E
@testable import KlankbordLocalization
@testable import KlankbordMeetings
@testable import KlankbordProtocol
@testable import KlankbordStorage
@testable import KlankbordSystem
import XCTest

/// Who learns what about meetings, with real processes: an anonymous poll's votes reach only the facilitators the
/// signed log names (also when the server claims other roles), a member who joins later gets the plans but no
/// vote, and meeting events from someone without the role count on no client.
final class MeetingPrivacyTests: XCTestCase {
    let title = "Stil-overleg"
    let place = "Kamer-achter-de-bieb"

    func testAnonymousVotesReachOnlyTheFacilitatorAndALaterMemberGetsPlansButNoVotes() throws {
        let c = try Community()
        let room = try HostileServer(community: c).room("Peers")
        let poll = try MeetingCLI.code(c.fien, ["meeting", "poll", "Peers", title, MeetingCLI.day(10), "19:00-21:00", MeetingCLI.day(11), "19:00-21:00",
                                                "--place", place, "--deadline", MeetingCLI.day(5), "--anonymous"])
        XCTAssertTrue(try c.anna.ok(["meeting", "vote", poll, "1=yes"]).first?.contains("only to the facilitators") ?? false)
        try c.bea.ok(["meeting", "vote", poll, "1=no", "2=yes"])

        // The facilitator's client shares the counts (never who answered what) when it next looks.
        XCTAssertTrue(try c.fien.ok(["meeting", "list"]).contains { $0.hasSuffix("anna: 1 yes") })
        XCTAssertEqual(try votes(c.fien, room).count, 2, "the facilitator holds both votes")
        XCTAssertEqual(try votes(c.anna, room).map(\.sender), [try account(c.anna)], "anna holds only her own")
        XCTAssertEqual(try votes(c.bea, room).map(\.sender), [try account(c.bea)], "bea holds only her own")
        XCTAssertEqual(try votes(c.carla, room), [], "carla holds none")

        let slots = try MeetingCLI.objects(c.carla, ["meeting", "list"]).filter { $0["kind"] as? String == "slot" }
        XCTAssertEqual(slots.map { [$0["yes"], $0["maybe"], $0["no"]] as? [Int] }, [[1, 0, 1], [1, 0, 0]])
        XCTAssertEqual(try votes(c.carla, room), [], "the counts carry no vote")

        // dora joins later: the facilitator's client hands her the open poll and the coming meeting, not a vote.
        let meeting = try MeetingCLI.code(c.fien, ["meeting", "create", "Peers", "Later-overleg", MeetingCLI.day(20), "19:00-21:00", "--place", place])
        let dora = Person(c.base, "dora")
        try dora.ok(["join", try XCTUnwrap(c.fien.ok(["room", "invite", "Peers"]).first), "--handle", "dora"])
        try c.fien.ok(["agenda"])
        let codes = try MeetingCLI.objects(dora, ["agenda"]).compactMap { $0["code"] as? String }
        XCTAssertEqual(Set(codes), [poll, meeting], "dora sees the open poll and the coming meeting")
        XCTAssertEqual(try votes(dora, room), [], "and no vote")
        let slotsForDora = try MeetingCLI.objects(dora, ["meeting", "list"]).filter { $0["kind"] as? String == "slot" }
        XCTAssertEqual(slotsForDora.map { $0["yes"] as? Int }, [1, 1], "the shared counts come along")
    }

    func testAHostileServerCannotMakeAFacilitatorNorTakeOneAway() throws {
        let c = try Community()
        let server = HostileServer(community: c)
        let room = try server.room("Peers")
        let anna = try account(c.anna), fien = try account(c.fien)
        // The server says anna is a facilitator and fien is not.
        try server.tamper { database in
            try database.run("UPDATE accounts SET role = ? WHERE id = ?", [.integer(2), .id(anna)])
            try database.run("UPDATE accounts SET role = ? WHERE id = ?", [.integer(4), .id(fien)])
        }
        let refused = try c.anna.run(["meeting", "poll", "Peers", title, MeetingCLI.day(10), "19:00-21:00", MeetingCLI.day(11), "19:00-21:00",
                                      "--place", place, "--deadline", MeetingCLI.day(5)])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.error.contains(Localizer(.en)("meeting.error.not_facilitator")), refused.error)

        // fien still plans; bea's anonymous vote goes to fien only, never to anna.
        let poll = try MeetingCLI.code(c.fien, ["meeting", "poll", "Peers", title, MeetingCLI.day(10), "19:00-21:00", MeetingCLI.day(11), "19:00-21:00",
                                                "--place", place, "--deadline", MeetingCLI.day(5), "--anonymous"])
        try c.bea.ok(["meeting", "vote", poll, "2=yes"])
        try c.fien.ok(["meeting", "list"])
        try c.anna.ok(["meeting", "list"])
        XCTAssertEqual(try votes(c.fien, room).map(\.sender), [try account(c.bea)])
        XCTAssertEqual(try votes(c.anna, room), [], "the server's fake facilitator gets no vote")

        // anna's own (modified) client sends a meeting anyway: every client ignores it, facilitators are warned.
        let fake = MeetingEvent(body: .fixed(origin: .direct, title: "Nep-overleg", place: "ergens", slot:
            MeetingEvent.Slot(start: Date().addingTimeInterval(86_400), end: Date().addingTimeInterval(90_000)), feeCents: 100_000))
        try send(fake, as: c.anna, c)
        for person in [c.bea, c.carla, c.fien] {
            let shown = try person.ok(["agenda"]).joined(separator: "\n")
            XCTAssertFalse(shown.contains("Nep-overleg"), shown)
        }
        let warned = try c.fien.run(["meeting", "list"])
        XCTAssertTrue(warned.error.contains(Localizer(.en)("meeting.warning.not_facilitator", ["handle": "anna"]).prefix(40)), warned.error)
        XCTAssertFalse(try c.bea.run(["meeting", "list"]).error.contains("anna"), "members are not bothered with the warning")
    }

    // MARK: Helpers

    /// The `meeting.vote` events `person`'s device holds for `room`, read from their sealed profile.
    private func votes(_ person: Person, _ room: UInt64) throws -> [FeatureEvent] {
        try Profile(openingAt: person.profile.path, passphrase: { nil }).featureEvents(room, prefix: "meeting.vote")
    }

    private func account(_ person: Person) throws -> UInt64 {
        try XCTUnwrap(try Profile(openingAt: person.profile.path, passphrase: { nil }).account).id
    }

    /// Sends `event` to Peers from `person`'s own keys, past the CLI's checks, as a modified client would.
    private func send(_ event: MeetingEvent, as person: Person, _ c: Community) throws {
        let profile = try Profile(openingAt: person.profile.path, passphrase: { nil })
        let serverKey = try X25519.PrivateKey(secret: KeyFile.load(path: c.daemon.dataDirectory.path + "/server.key", length: 32)).publicKey
        let connection = try ClientConnection(address: ServerAddress(host: "127.0.0.1", port: c.daemon.port), serverKey: serverKey,
                                              deviceKey: profile.deviceKey())
        let messenger = Messenger(profile: profile, connection: connection, account: try XCTUnwrap(profile.account))
        guard case let .rooms(rooms) = try connection.call(.rooms), let peers = rooms.first(where: { $0.name == "Peers" }) else {
            return XCTFail("no room Peers")
        }
        try messenger.send(event: event.payload, to: peers)
    }
}

/// The one-time mentions: any command mentions a meeting within 48 hours and a poll closing within 24 hours once.
final class MeetingReminderTests: XCTestCase {
    func testAnyCommandMentionsASoonMeetingAndAClosingPollOnce() throws {
        let c = try Community()
        let soon = AmsterdamTime(Date().addingTimeInterval(30 * 3600))
        let date = String(format: "%04d-%02d-%02d", soon.year, soon.month, soon.day)
        let start = String(format: "%02d:%02d", soon.hour, soon.minute)
        let end = String(format: "%02d:%02d", (soon.hour + 1) % 24, soon.minute)
        guard soon.hour < 23 else { throw XCTSkip("the hour after \(start) is on the next day") }
        try c.fien.ok(["meeting", "create", "Peers", "Snel-overleg", date, "\(start)-\(end)", "--place", "online"])
        let deadline = AmsterdamTime(Date().addingTimeInterval(20 * 3600))
        try c.fien.ok(["meeting", "poll", "Peers", "Snel-peiling", MeetingCLI.day(10), "19:00-21:00", MeetingCLI.day(11), "19:00-21:00",
                       "--place", "online", "--deadline", String(format: "%04d-%02d-%02d %02d:%02d", deadline.year, deadline.month, deadline.day,
                                                                 deadline.hour, deadline.minute)])
        let first = try c.anna.run(["read", "Peers"])
        XCTAssertEqual(first.status, 0, first.error)
        XCTAssertTrue(first.error.contains("Soon: Snel-overleg starts on"), first.error)
        XCTAssertTrue(first.error.contains("Soon: the poll Snel-peiling closes on"), first.error)
        let second = try c.anna.run(["rooms"])
        XCTAssertFalse(second.error.contains("Soon:"), "once is enough: \(second.error)")
        let ics = try c.anna.run(["meeting", "ics"])
        XCTAssertFalse(ics.output.contains("Soon"), "a calendar file never gets a reminder")
    }
}
