import Foundation
@testable import KlankbordStorage
import XCTest

/// The ledger room is exempt from message retention (issue 20): `ledger init` marks it with `roomKeep`, and a real
/// daemon's clean-up then removes old chat messages but keeps the ledger's events for a facilitator who had not read
/// them yet.
final class LedgerRetentionTests: XCTestCase {
    func testOldLedgerEventsSurviveRetentionWhileOldChatMessagesGo() throws {
        let community = try Community(daemonArguments: ["--set", "retention_days=1"])
        let fien = community.fien
        try fien.ok(["ledger", "init"])
        let gea = try community.addFacilitator("gea")
        try community.joinLedger(gea)
        let id = try paymentID(in: try fien.ok(["ledger", "add", "anna", "20", "--purpose", "travel", "--date", "2027-04-01"]))
        try fien.ok(["ledger", "approve", id, "--over-budget"])
        try community.anna.ok(["send", "Peers", "CHAT-OLD-5521"])

        // Three days pass on the server: every stored event is now older than the retention period.
        try HostileServer(community: community).tamper { database in
            try database.run("UPDATE events SET time = time - ?", [.integer(3 * 86_400)])
        }
        // The first clean-up runs a minute after the start.
        let deadline = Date().addingTimeInterval(120)
        var status = ""
        while Date() < deadline {
            status = try DaemonAdmin.run(["status", "--json", "--set", "retention_days=1"], dataDirectory: community.daemon.dataDirectory).output
                .replacingOccurrences(of: " ", with: "")
            if !status.contains("\"last_cleanup_at\":null"), status.contains("\"last_cleanup_at\"") { break }
            Thread.sleep(forTimeInterval: 1)
        }
        XCTAssertFalse(status.contains("\"removed_events\":0"), status)

        // gea never read the ledger room: she still gets both steps from the server.
        XCTAssertEqual(try gea.ok(["ledger", "verify"]).first, "The payment list is complete and correct: 2 steps checked.")
        XCTAssertFalse(try community.read(community.bea).contains("CHAT-OLD-5521"), "a normal room's old message is gone")
    }
}
