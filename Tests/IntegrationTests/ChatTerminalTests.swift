import Foundation
import XCTest

/// `klankbord chat` on a real pseudo-terminal and in two windows at once: what a person typing sees.
final class ChatTerminalTests: XCTestCase {
    /// A message arriving while a line is half typed appears above it; the typed line stays whole and is sent.
    /// `/salir` leaves and an unknown `/word` is not sent; the terminal is restored afterwards.
    func testHalfTypedLineSurvivesArrivingMessagesAndSlashWordsAreNeverSent() throws {
        let community = try Community()
        let chat = try TerminalChat(community.carla, room: "Peers")
        XCTAssertTrue(chat.waitUntilReady(), chat.text)
        chat.type("half typed")
        XCTAssertTrue(chat.waitUntil { $0.screen.last == "> half typed" }, chat.screen.joined(separator: "\n"))
        // A narrower window: the input line is drawn again with the end of the text that fits (12 - "> " - 1).
        chat.resize(columns: 12)
        XCTAssertTrue(chat.waitUntil { $0.screen.last == "> alf typed" }, chat.screen.joined(separator: "\n"))
        chat.resize(columns: 120)
        XCTAssertTrue(chat.waitUntil { $0.screen.last == "> half typed" }, chat.screen.joined(separator: "\n"))
        try community.anna.ok(["send", "Peers", "hello from anna"])
        XCTAssertTrue(chat.waitUntil { $0.screen.contains { $0.hasSuffix("anna: hello from anna") } && $0.screen.last == "> half typed" },
                      chat.screen.joined(separator: "\n"))
        XCTAssertFalse(chat.screen.dropLast().contains { $0.contains("half typed") }, "the typed text never lands in a message line")
        chat.type(" line\r")
        XCTAssertTrue(chat.waitUntil { $0.screen.contains { $0.hasSuffix("carla: half typed line  ✓") } }, chat.screen.joined(separator: "\n"))
        XCTAssertEqual(try community.read(community.anna, waitingFor: 1), ["half typed line"])
        chat.type("/nada\r")
        XCTAssertTrue(chat.waitFor("/nada is not a command"), chat.text)
        chat.type("/salir\r")
        XCTAssertTrue(chat.waitForExit(), "/salir leaves the chat")
        XCTAssertTrue(chat.terminalRestored, "line mode and echo are back")
        XCTAssertEqual(try community.read(community.anna), [], "no slash word was sent to the group")
    }

    /// A 10,000-character paste with a line break goes out as one message; one above the limit is refused, said
    /// with the limit, and nothing is sent. Ctrl-C leaves.
    func testLongPasteArrivesWholeAndOneAboveTheLimitIsNotSent() throws {
        let community = try Community()
        let chat = try TerminalChat(community.carla, room: "Peers")
        XCTAssertTrue(chat.waitUntilReady(), chat.text)
        let long = String(repeating: "abcdefghij", count: 500) + "\n" + String(repeating: "klmnopqrst", count: 499) + "xyz123456"
        XCTAssertEqual(long.count, 10_000)
        chat.paste(long)
        chat.type("\r")
        XCTAssertTrue(chat.waitFor("✓", timeout: 20), String(chat.text.suffix(500)))
        XCTAssertEqual(try community.read(community.anna, waitingFor: 1), [long], "the paste arrives whole, line break included")
        chat.paste(String(repeating: "z", count: 20_000))
        chat.type("\r")
        XCTAssertTrue(chat.waitFor("The most is 15872"), String(chat.text.suffix(500)))
        chat.type("\u{03}")
        XCTAssertTrue(chat.waitForExit(), "Ctrl-C leaves")
        XCTAssertTrue(chat.terminalRestored)
        XCTAssertEqual(try community.read(community.anna), [], "nothing above the limit was sent")
    }

    /// The daemon stops and starts again during a chat: one line says so, the typed text stays, and the messages
    /// sent meanwhile appear once each.
    func testChatReconnectsAfterTheServerRestartsAndShowsMissedMessagesOnce() throws {
        let community = try Community()
        let chat = try TerminalChat(community.carla, room: "Peers")
        XCTAssertTrue(chat.waitUntilReady(), chat.text)
        try community.anna.ok(["send", "Peers", "before the break"])
        XCTAssertTrue(chat.waitFor("anna: before the break"), chat.text)
        let port = community.daemon.port
        community.daemon.terminate()
        XCTAssertTrue(chat.waitFor("The server is restarting"), chat.text)
        // The daemon's computer then refuses: the chat says the server is down, not that the internet is.
        XCTAssertTrue(chat.waitFor("does not answer right now, but your internet works"), chat.text)
        chat.type("kept text")
        // Long enough for the backoff to grow, so the messages below are sent while the chat is still away.
        Thread.sleep(forTimeInterval: 3.5)
        try community.daemon.start(port: port)
        try community.anna.ok(["send", "Peers", "missed one"])
        try community.bea.ok(["send", "Peers", "missed two"])
        XCTAssertTrue(chat.waitFor("You are connected again", timeout: 40), chat.text)
        XCTAssertTrue(chat.waitUntil { $0.screen.contains { $0.hasSuffix("bea: missed two") } }, chat.screen.joined(separator: "\n"))
        XCTAssertTrue(chat.waitUntil { $0.screen.last == "> kept text" }, "the typed text stayed: \(chat.screen.joined(separator: "\n"))")
        chat.type("\r")
        XCTAssertEqual(try community.read(community.anna, waitingFor: 2), ["missed two", "kept text"])
        chat.type("/quit\r")
        XCTAssertTrue(chat.waitForExit())
        let screen = chat.screen
        for text in ["anna: before the break", "anna: missed one", "bea: missed two"] {
            XCTAssertEqual(screen.filter { $0.hasSuffix(text) }.count, 1, "\(text) shown once: \(screen.joined(separator: "\n"))")
        }
        XCTAssertEqual(screen.filter { $0.contains("The server is restarting") }.count, 1, "said in one line")
        XCTAssertEqual(screen.filter { $0.contains("but your internet works") }.count, 1, "the server being down is said once")
    }

    /// Two `chat` windows of one profile: each shows every message, including those the other window sent.
    func testTwoChatWindowsOfOneProfileBothShowEveryMessage() throws {
        let community = try Community()
        let first = try ChatProcess(community.carla, room: "Peers")
        let second = try ChatProcess(community.carla, room: "Peers")
        XCTAssertTrue(first.waitUntilReady(), first.text)
        XCTAssertTrue(second.waitUntilReady(), second.text)
        for round in 1...3 {
            try community.anna.ok(["send", "Peers", "anna \(round)"])
            try community.bea.ok(["send", "Peers", "bea \(round)"])
        }
        first.type("from the first window")
        for window in [first, second] {
            for round in 1...3 {
                XCTAssertTrue(window.waitFor("anna: anna \(round)"), window.text)
                XCTAssertTrue(window.waitFor("bea: bea \(round)"), window.text)
            }
        }
        XCTAssertTrue(second.waitFor("carla: from the first window"), second.text)
        first.quit()
        second.quit()
        XCTAssertEqual(try community.read(community.anna), ["bea 1", "bea 2", "bea 3", "from the first window"])
    }
}
