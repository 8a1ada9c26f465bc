import Foundation
import XCTest

/// Announcements with read confirmations, with real daemon and CLI processes: members' devices confirm to the
/// facilitator when they showed an announcement; only that facilitator sees who has and has not read it.
final class AnnouncementTests: XCTestCase {
    func testTheFacilitatorSeesWhoReadTheAnnouncementAndNobodyElseDoes() throws {
        let community = try Community()
        let sent = try community.fien.ok(["announce", "Peers", "De", "bijeenkomst", "is", "nu", "in", "het", "buurthuis."]).joined()
        XCTAssertTrue(sent.contains("Your announcement is in Peers with number"), sent)
        XCTAssertEqual(try community.read(community.anna), ["Announcement: De bijeenkomst is nu in het buurthuis."])

        var screen = try community.fien.ok(["seen", "Peers"]).joined(separator: "\n")
        XCTAssertTrue(screen.contains("fien: Announcement: De bijeenkomst is nu in het buurthuis."), screen)
        XCTAssertTrue(screen.contains("Read by: anna"), screen)
        XCTAssertTrue(screen.contains("Not read yet: bea, carla"), screen)

        XCTAssertEqual(try community.read(community.bea).count, 1)
        _ = try community.read(community.anna)  // reading again confirms nothing twice
        screen = try community.fien.ok(["seen", "Peers"]).joined(separator: "\n")
        XCTAssertTrue(screen.contains("Read by: anna, bea"), screen)
        XCTAssertTrue(screen.contains("Not read yet: carla"), screen)

        // Members see no confirmations, and a member cannot post an announcement.
        XCTAssertTrue(try community.anna.ok(["seen", "Peers"]).joined().contains("You have no announcements in Peers"))
        let member = try community.carla.run(["announce", "Peers", "Ik", "ook"])
        XCTAssertEqual(member.status, 1)
        XCTAssertTrue(member.error.contains("Only facilitators can post announcements."), member.error)
    }
}
