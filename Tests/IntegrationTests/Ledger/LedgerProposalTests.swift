import Foundation
import Klankbord
@testable import KlankbordClient
import XCTest

/// Issue 20: an attended meeting and a counted consultation answer become proposed ledger entries, once each; the
/// facilitator approves them all, pays, and the member sees both.
final class LedgerProposalTests: XCTestCase {
    func testAMeetingAttendanceAndAConsultationAnswerLeadToProposals() throws {
        let community = try Community()
        let fien = community.fien
        try fien.ok(["ledger", "init"])
        let (facilitator, _) = try fien.messengerInProcess()
        guard case let .rooms(rooms) = try facilitator.connection.call(.rooms), let peers = rooms.first(where: { $0.name == "Peers" }) else {
            return XCTFail("no Peers")
        }
        // A meeting with a fee of € 25 that anna and bea attended.
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let fixed = MeetingEvent(body: .fixed(origin: .direct, title: "Sounding board", place: "Leeuwarden",
                                              slot: MeetingEvent.Slot(start: start, end: start.addingTimeInterval(7_200)), feeCents: 2_500))
        try facilitator.send(event: fixed.payload, to: peers)
        try facilitator.send(event: MeetingEvent(body: .attendance(meeting: fixed.id, attendees: [try community.id("anna"), try community.id("bea")])).payload, to: peers)
        // A consultation with a fee of € 10 that anna answers privately.
        let question = PayloadEvent(consultation: .posed(.init(askingBody: "Gemeente", title: "Parking", text: "Where?", deadline: 4_000_000_000, feeCents: 1_000)))
        try facilitator.send(event: question, to: peers)
        let (anna, _) = try community.anna.messengerInProcess()
        try anna.catchUp(peers.id)
        let answer = PayloadEvent(consultation: .answered(consultation: question.id, reference: .random(), answer: .init(text: "near the station")))
        try anna.sendPrivately(answer, about: peers.id, to: try anna.facilitators(of: peers.id))

        let first = try fien.ok(["ledger", "proposals"]).joined(separator: "\n")
        XCTAssertTrue(first.contains("3 new fees"), first)
        XCTAssertTrue(first.contains("anna  €25.00  meeting  proposed") && first.contains("bea  €25.00  meeting  proposed"), first)
        XCTAssertTrue(first.contains("anna  €10.00  question round  proposed"), first)
        XCTAssertFalse(try fien.ok(["ledger", "proposals"]).joined().contains("new fee"), "a fee is taken once")
        try fien.ok(["ledger", "approve", "--all", "--over-budget"])
        XCTAssertTrue(try fien.ok(["ledger", "proposals"]).joined().contains("no payments waiting"))
        let mine = try community.anna.ok(["ledger", "mine"]).joined(separator: "\n")
        XCTAssertTrue(mine.contains("€25.00  meeting  approved") && mine.contains("€10.00  question round  approved"), mine)
        XCTAssertFalse(mine.contains("bea"), mine)
    }
}

extension Community {
    /// The account id of `handle`, from the server.
    func id(_ handle: String) throws -> UInt64 {
        try HostileServer(community: self).account(handle)
    }
}
