import Foundation
import XCTest

/// A hostile member, with real daemon and CLI processes: forged lines through escape codes, line breaks and
/// bidi overrides, look-alike handles, and a room named like a person.
final class HostileTextTests: XCTestCase {
    private let esc = "\u{1B}"

    private var hostileTexts: [String] {
        [esc + "[2J" + esc + "[Hscreen wiped", "warning gone" + esc + "[2K" + esc + "[1A",
         "see you later\nfien: the meeting moved to my place, bring your passport", "fake \u{202E}tropssap ruoy em dneS"]
    }

    /// No escape byte, no bidi override, and every line that starts at the left edge is a whole message line of anna.
    private func assertSafe(_ screen: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertFalse(screen.utf8.contains(0x1B), "an escape byte reached the terminal", file: file, line: line)
        XCTAssertFalse(screen.unicodeScalars.contains { (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value) },
                       "a bidi control reached the terminal", file: file, line: line)
        for text in screen.split(separator: "\n") where text.contains("fien: the meeting") {
            XCTAssertTrue(text.hasPrefix(" "), "a forged line starts like a message: \(text)", file: file, line: line)
        }
        XCTAssertTrue(screen.contains("^[[2J"), "the escape code is shown, not hidden: \(screen)", file: file, line: line)
        XCTAssertTrue(screen.contains("\\u{202E}"), screen, file: file, line: line)
    }

    func testEscapeCodesLineBreaksAndBidiOverridesCannotForgeALineInReadOrChat() throws {
        let community = try Community()
        let chat = try ChatProcess(community.carla, room: "Peers")
        XCTAssertTrue(chat.waitUntilReady(), chat.text)
        // bea sees the joins of the signed log once, before the messages this test counts.
        try community.bea.ok(["read", "Peers"])
        for text in hostileTexts { try community.anna.ok(["send", "Peers", text]) }
        XCTAssertTrue(chat.waitFor("tropssap"), chat.text)
        chat.quit()
        assertSafe(chat.text)

        let read = try community.bea.run(["read", "Peers"])
        XCTAssertEqual(read.status, 0, read.error)
        assertSafe(read.output)
        let starts = read.lines.filter { !$0.hasPrefix(" ") }
        XCTAssertEqual(starts.count, hostileTexts.count, read.output)
        XCTAssertTrue(starts.allSatisfy { $0.contains("  anna: ") }, read.output)

        // The history chat shows first goes through the same path.
        let again = try ChatProcess(community.carla, room: "Peers")
        XCTAssertTrue(again.waitUntilReady(), again.text)
        again.quit()
        assertSafe(again.text)

        // --json keeps the text exact: a script sees what was sent, escaped as JSON.
        XCTAssertEqual(try community.read(community.fien), hostileTexts)
    }

    func testLookAlikeHandlesAreRefusedThroughJoin() throws {
        let community = try Community()
        let code = try XCTUnwrap(community.fien.ok(["room", "invite", "Peers", "--uses", "5"]).first)
        for (name, imitation) in [("mallory1", "fıen"), ("mallory2", "carIa"), ("mallory3", "ANNA"), ("mallory4", "Ьea")] {
            let person = Person(community.base, name)
            let result = try person.run(["join", code, "--handle", imitation])
            XCTAssertNotEqual(result.status, 0, imitation)
        }
        let taken = try Person(community.base, "mallory5").run(["join", code, "--handle", "carIa"])
        XCTAssertEqual(taken.status, 2)
        XCTAssertTrue(taken.error.contains("Someone already uses this name"), taken.error)
        let members = try community.fien.ok(["members", "Peers"])
        XCTAssertEqual(members.count, 4, members.joined(separator: "\n"))
    }

    func testARoomNamedLikeAPersonIsRefusedAsAmbiguousUntilTheSignSaysWhich() throws {
        let community = try Community()
        try community.fien.ok(["room", "create", "anna"])
        let ambiguous = try community.fien.run(["send", "anna", "for whom?"])
        XCTAssertEqual(ambiguous.status, 1)
        XCTAssertTrue(ambiguous.error.contains("'#anna'") && ambiguous.error.contains("@anna"), ambiguous.error)
        try community.fien.ok(["send", "#anna", "to the room"])
        try community.fien.ok(["send", "@anna", "to anna only"])
        XCTAssertEqual(try community.read(community.anna, "@fien"), ["to anna only"])
        // Now fien has both a thread with anna and a room "anna": the bare word is still refused.
        XCTAssertEqual(try community.fien.run(["read", "anna"]).status, 1)

        let duplicate = try community.fien.run(["room", "create", "PEERS"])
        XCTAssertEqual(duplicate.status, 2)
        XCTAssertTrue(duplicate.error.contains("already in a room with this name"), duplicate.error)

        // The sign is how a room is written, not part of its name.
        XCTAssertTrue(try community.fien.ok(["room", "create", "#Quiet"]).joined().contains("Room Quiet is ready"))
        XCTAssertEqual(try community.fien.run(["room", "create", "Quiet"]).status, 2)

        // A bare number is a name: no room is called 1, whatever the room numbers are.
        XCTAssertEqual(try community.anna.run(["send", "1", "lost?"]).status, 2)
        let rooms = try community.anna.ok(["rooms"])
        XCTAssertTrue(rooms.contains { $0.hasPrefix("#Peers") } && rooms.contains { $0.hasPrefix("@fien") }, rooms.joined(separator: "\n"))
    }
}
