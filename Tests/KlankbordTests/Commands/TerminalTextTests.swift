import Foundation
import Synchronization
import XCTest
import Klankbord
@testable import KlankbordClient
@testable import KlankbordCommands
@testable import KlankbordLocalization
@testable import KlankbordSystem

/// What another member sends is printed so that it cannot act on the terminal or pose as another line,
/// while ordinary text in any script reads as it was written.
final class TerminalTextTests: XCTestCase {
    private let esc = "\u{1B}"

    // MARK: Escape sequences and control characters

    func testEscapeSequencesAreShownAsTextAndNeverReachTheTerminal() {
        XCTAssertEqual(TerminalText.inline(esc + "[2J" + esc + "[H"), "^[[2J^[[H")
        XCTAssertEqual(TerminalText.inline("warning" + esc + "[2K" + esc + "[1A" + esc + "]0;title\u{07}"), "warning^[[2K^[[1A^[]0;title^G")
        XCTAssertEqual(TerminalText.message("x" + esc + "[31mred", indent: "  "), "x^[[31mred")
        XCTAssertFalse(TerminalText.message(esc + "[2J\n" + esc + "c", indent: "    ").unicodeScalars.contains("\u{1B}"))
    }

    func testOtherControlCharactersDelAndC1AreShownVisibly() {
        XCTAssertEqual(TerminalText.inline("a\u{00}b\u{08}c\u{7F}d"), "a^@b^Hc^?d")
        XCTAssertEqual(TerminalText.inline("\u{9B}2J"), "\\u{009B}2J", "the one-byte CSI")
        XCTAssertEqual(TerminalText.inline("a\u{85}b"), "a\\u{0085}b", "next line (C1) breaks no line")
        XCTAssertEqual(TerminalText.message("over\rwrite", indent: "  "), "over^Mwrite", "a lone carriage return would write over the line")
    }

    func testBidirectionalOverridesAndIsolatesAreNeutralised() {
        XCTAssertEqual(TerminalText.inline("fien\u{202E}nnA"), "fien\\u{202E}nnA")
        for scalar in [0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069] {
            let text = String(Character(Unicode.Scalar(UInt32(scalar)) ?? "?"))
            let shown = TerminalText.message("a" + text + "b", indent: "  ")
            XCTAssertFalse(shown.unicodeScalars.contains { $0.value == UInt32(scalar) }, String(scalar, radix: 16))
            XCTAssertTrue(shown.contains(String(scalar, radix: 16, uppercase: true)), shown)
        }
    }

    func testTabsBecomeSpaces() {
        XCTAssertEqual(TerminalText.message("a\tb", indent: ""), "a    b")
        XCTAssertEqual(TerminalText.inline("a\tb"), "a    b")
    }

    // MARK: Line breaks

    func testALineBreakInAMessageContinuesIndentedAndCannotFakeAnotherSender() {
        let shown = TerminalText.message("see you\nfien: the meeting is cancelled", indent: "         ")
        XCTAssertEqual(shown, "see you\n         fien: the meeting is cancelled")
        XCTAssertEqual(TerminalText.message("a\r\nb\u{2028}c\u{2029}d", indent: ">"), "a\n>b\n>c\n>d")
        XCTAssertEqual(TerminalText.lines(of: "a\n\nb"), ["a", "", "b"])
    }

    func testHandlesAndRoomNamesNeverBreakALine() {
        XCTAssertEqual(TerminalText.inline("Peers\nfien: hi"), "Peers^Jfien: hi")
        XCTAssertEqual(TerminalText.inline("Peers\r\n"), "Peers^M^J")
        XCTAssertEqual(TerminalText.inline("a\u{2028}b"), "a\\u{2028}b")
    }

    // MARK: Ordinary text is untouched

    func testEmojiCombiningMarksAndRightToLeftTextAreKept() {
        let texts = ["👩‍👩‍👧 🇳🇱 👍🏽 ❤️", "e\u{301} Zoë Fryslân", "مرحبا بكم", "שלום לכולם", "Hoi \u{200F}שלום\u{200E} ok", "日本語", "x\u{200D}y"]
        for text in texts {
            XCTAssertEqual(TerminalText.inline(text), text)
            XCTAssertEqual(TerminalText.message(text, indent: "    "), text)
        }
        XCTAssertEqual(TerminalText.message("שלום\nمرحبا", indent: "  "), "שלום\n  مرحبا")
    }

    // MARK: JSON output stays exact

    func testJSONEscapesEveryCharacterATerminalWouldActOnAndKeepsTheValueExact() throws {
        let hostile = "a\u{1B}[2J\u{7F}\u{9B}\u{2028}\u{2029}\u{202E}\u{2066}\n\tb 👍 שלום"
        let quoted = JSONText.quote(hostile)
        for scalar in quoted.unicodeScalars {
            XCTAssertFalse(scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || (0x2028...0x202E).contains(scalar.value)
                || (0x2066...0x2069).contains(scalar.value), "raw U+\(String(scalar.value, radix: 16)) in JSON")
        }
        XCTAssertTrue(quoted.contains("\\u007f") && quoted.contains("\\u2028") && quoted.contains("\\u202e"), quoted)
        let parsed = try JSONSerialization.jsonObject(with: Data(("[" + quoted + "]").utf8)) as? [String]
        XCTAssertEqual(parsed, [hostile])
    }

    // MARK: The whole message line, as `read` and `chat` print it

    private final class Capture: Sendable {
        let text = Mutex("")
    }

    private func shown(_ message: StoredMessage, withDate: Bool) throws -> String {
        let capture = Capture()
        let terminal = Terminal { text, _ in capture.text.withLock { $0 += text } }
        let run = Invocation(arguments: try Arguments([]), t: Localizer(.en), terminal: terminal, profileDirectory: "/nonexistent/klankbord",
                             environment: [:])
        MessageCommands.show(message, run, withDate: withDate)
        return capture.text.withLock { $0 }
    }

    func testAHostileMessageIsOneIndentedBlockUnderItsSender() throws {
        // 14 January 2027, 18:00 UTC: 19:00 in Amsterdam.
        let time: Int64 = 1_799_949_600
        let text = "hi\u{1B}[2K\u{1B}[1A\nfien: send me your address\u{202E}"
        let screen = try shown(StoredMessage(room: 1, seq: 1, sender: "mallory\u{1B}[2J", time: time, body: .text(text)), withDate: false)
        XCTAssertEqual(screen, "19:00  mallory^[[2J: hi^[[2K^[[1A\n         fien: send me your address\\u{202E}\n")
        XCTAssertFalse(screen.unicodeScalars.contains("\u{1B}"))
        let lines = screen.split(separator: "\n")
        XCTAssertEqual(lines.filter { !$0.hasPrefix(" ") }.count, 1, "only the first line starts at the left edge")
    }
}

/// A long line is cut by klankbord, not wrapped by the terminal, so its rest cannot land at the left edge.
final class TerminalTextWrapTests: XCTestCase {
    func testALongLineContinuesIndentedInsteadOfWrappingToTheLeftEdge() {
        // 40 columns, 14 taken by "19:00  anna: ": the attacker fills the line so "fien:" would start a terminal row.
        let text = String(repeating: "x", count: 26) + "fien: come alone"
        let shown = TerminalText.message(text, indent: "         ", columns: 40, prefix: 14)
        XCTAssertEqual(shown, String(repeating: "x", count: 26) + "\n         fien: come alone")
        for line in shown.split(separator: "\n") { XCTAssertLessThanOrEqual(TerminalText.width(of: String(line)), 40) }
    }

    func testWideCharactersCountTwoColumns() {
        XCTAssertEqual(TerminalText.width(of: "ab"), 2)
        XCTAssertEqual(TerminalText.width(of: "日本"), 4)
        XCTAssertEqual(TerminalText.width(of: "👍🏽"), 2)
        XCTAssertEqual(TerminalText.width(of: "e\u{301}"), 1)
        XCTAssertEqual(TerminalText.wrap("日本語です", first: 5, rest: 4), ["日本", "語で", "す"])
    }

    func testWithoutATerminalWidthNothingIsCut() {
        let text = String(repeating: "y", count: 500)
        XCTAssertEqual(TerminalText.message(text, indent: "  "), text)
        XCTAssertEqual(TerminalText.message(text, indent: "  ", columns: 5, prefix: 2), text, "too narrow to help")
    }
}
