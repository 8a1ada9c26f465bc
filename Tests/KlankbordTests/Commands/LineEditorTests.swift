import XCTest
import Klankbord
@testable import KlankbordCommands

/// The chat's input line, slash commands and reconnect waits, byte by byte as a terminal delivers them.
final class LineEditorTests: XCTestCase {
    private func feed(_ editor: inout LineEditor, _ text: String) -> [LineEditor.Action] {
        editor.feed(Array(text.utf8))
    }

    func testTypingBackspaceCtrlUAndEnter() {
        var editor = LineEditor()
        XCTAssertEqual(feed(&editor, "hallo"), [])
        XCTAssertEqual(feed(&editor, "\u{7F}\u{7F}"), [])
        XCTAssertEqual(editor.text, "hal")
        XCTAssertEqual(feed(&editor, "\u{15}"), [])
        XCTAssertEqual(editor.text, "", "Ctrl-U empties the line")
        _ = feed(&editor, "café 👋")
        _ = feed(&editor, "\u{7F}")
        XCTAssertEqual(editor.text, "café ", "Backspace takes a whole character, not one byte of it")
        XCTAssertEqual(feed(&editor, "\r"), [.submit("café ")])
        XCTAssertEqual(editor.text, "")
    }

    func testCtrlCAndCtrlDLeave() {
        var editor = LineEditor()
        XCTAssertEqual(feed(&editor, "abc\u{03}def"), [.quit])
        var other = LineEditor()
        XCTAssertEqual(feed(&other, "x\u{04}"), [], "Ctrl-D with text typed keeps the text")
        XCTAssertEqual(other.text, "x")
        XCTAssertEqual(feed(&other, "\u{15}\u{04}"), [.quit], "Ctrl-D on an empty line leaves")
    }

    func testBracketedPasteKeepsLineBreaksAndControlKeysInside() {
        var editor = LineEditor()
        // Split over several reads, with the line break at the end of one read: only the paste marks tell.
        XCTAssertEqual(feed(&editor, "\u{1B}[200~first line\r"), [])
        XCTAssertEqual(feed(&editor, "second\u{03} line\u{1B}[201~"), [])
        XCTAssertEqual(editor.text, "first line\nsecond line")
        XCTAssertEqual(feed(&editor, "\r"), [.submit("first line\nsecond line")])
    }

    func testLineBreaksInsideOneBurstArePartOfAPaste() {
        var editor = LineEditor()
        XCTAssertEqual(feed(&editor, "one\ntwo\r\nthree\r"), [.submit("one\ntwo\nthree")])
    }

    func testArrowKeysAndOtherEscapesNeverLandInTheText() {
        var editor = LineEditor()
        _ = feed(&editor, "a\u{1B}[A\u{1B}OB\u{1B}[1;5Cb")
        XCTAssertEqual(editor.text, "ab")
    }

    func testSlashCommandsInThreeLanguagesAndUnknownWords() {
        for word in ["/quit", "/salir", "/stoppen", "/Salir"] { XCTAssertEqual(SlashCommand(word), .quit, word) }
        for word in ["/help", "/ayuda", "/hulp"] { XCTAssertEqual(SlashCommand(word), .help, word) }
        for word in ["/who", "/wie", "/quien", "/quién"] { XCTAssertEqual(SlashCommand(word), .who, word) }
        XCTAssertEqual(SlashCommand("/salri now"), .unknown("/salri"))
        XCTAssertNil(SlashCommand("hello"))
        XCTAssertNil(SlashCommand("//not a command"))
        XCTAssertEqual(SlashCommand.message(from: "//not a command"), "/not a command")
    }

    func testBackoffDoublesUpToThirtySecondsAndStartsOverAfterSuccess() {
        var backoff = Backoff()
        XCTAssertEqual((0..<7).map { _ in backoff.delay() }, [1, 2, 4, 8, 16, 30, 30])
        backoff.reset()
        XCTAssertEqual(backoff.delay(), 1)
    }

    func testInputLineShowsTheEndThatFits() {
        XCTAssertEqual(ChatScreen.tail(of: "abcdef", columns: 3), "def")
        XCTAssertEqual(ChatScreen.tail(of: "ab👋", columns: 3), "b👋", "a wide character takes two columns")
        XCTAssertEqual(ChatScreen.tail(of: "ab", columns: 10), "ab")
    }
}
