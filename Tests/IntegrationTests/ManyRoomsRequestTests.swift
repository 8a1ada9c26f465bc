import Foundation
import XCTest

/// `agenda` and `consult list` read every room of the person. With a year of history (51 rooms) each room cost
/// about six round trips to the server (the inbox, the room's events, the roster and the room log, twice), and the
/// commands took a quarter of a second. Now the inbox and the roster are read once, events only of rooms that
/// moved, and each room's log once: the daemon's own request counters say so.
final class ManyRoomsRequestTests: XCTestCase {
    private let extraRooms = ["Kamer1", "Kamer2", "Kamer3", "Kamer4"]

    /// What one command asked of the daemon, by request type.
    private func requests(of community: Community, during words: [String]) throws -> [String: Int] {
        let before = try MetricsScrape.requests(of: community.daemon)
        try community.fien.ok(words)
        let after = try MetricsScrape.requests(of: community.daemon)
        return after.reduce(into: [:]) { delta, pair in
            let grown = pair.value - (before[pair.key] ?? 0)
            if grown > 0 { delta[pair.key] = grown }
        }
    }

    func testAgendaAndConsultListAskOncePerRoomNotSixTimes() throws {
        let community = try Community(daemonArguments: ["--set", "metrics_listen=127.0.0.1:0"])
        for name in extraRooms { try community.fien.ok(["room", "create", name]) }
        try community.fien.ok(["meeting", "create", "Peers", "Overleg", "2030-03-04", "19:00-20:30", "--place", "Buurthuis"])
        // Once to take in everything there is; then nothing moved, and the second time is what a day looks like.
        try community.fien.ok(["agenda"])
        try community.fien.ok(["consult", "list"])
        let rooms = 1 + extraRooms.count
        for words in [["agenda"], ["consult", "list"]] {
            let asked = try requests(of: community, during: words)
            XCTAssertEqual(asked["inboxFetch"], 1, "\(words): the inbox once, not once per room: \(asked)")
            XCTAssertNil(asked["fetch"], "\(words): no room moved, so no room's events are asked for: \(asked)")
            XCTAssertEqual(asked["logFetch"], 1 + rooms, "\(words): the roster once and each room's log once: \(asked)")
            XCTAssertLessThanOrEqual(asked.values.reduce(0, +), 4 + rooms, "\(words): \(asked)")
        }

        // A room that moved is caught up: anna's message in Peers is fetched, the quiet rooms are not.
        try community.anna.ok(["send", "Peers", "tot dinsdag"])
        let asked = try requests(of: community, during: ["agenda"])
        XCTAssertEqual(asked["fetch"], 1, "only the room with a new event: \(asked)")
    }
}
