import Glibc
import KlankbordSystem

/// What the chat shows: messages scroll above, the input line stays at the bottom. On a raw terminal every
/// message first erases the input line, prints, then draws the prompt and the typed text again, so an arriving
/// message never lands inside a half-typed line. Without a terminal (a pipe) it prints lines only.
struct ChatScreen {
    /// Whether the input line is drawn (standard input is a terminal in raw mode).
    let drawsInput: Bool
    let terminal: Terminal
    static let prompt = "> "
    private static let eraseLine = "\r\u{1B}[2K"

    /// Prints what `body` prints above the input line, then draws the line with `typed` again.
    func above(typed: String, _ body: () -> Void) {
        if drawsInput { terminal.prompt(Self.eraseLine) }
        body()
        redraw(typed: typed)
    }

    /// Erases the input line (the chat ends, and the shell's prompt should start on a clean line).
    func eraseInput() {
        if drawsInput { terminal.prompt(Self.eraseLine) }
    }

    /// Draws the input line: the prompt and as much of the end of `typed` as fits on one row. Line breaks from a
    /// paste show as ↵ and the text is made safe like a message, so nothing typed or pasted can move the cursor.
    func redraw(typed: String) {
        guard drawsInput else { return }
        let shown = TerminalText.inline(typed.replacingLineBreaks)
        let room = max(1, (columns ?? 80) - TerminalText.width(of: Self.prompt) - 1)
        terminal.prompt(Self.eraseLine + Self.prompt + Self.tail(of: shown, columns: room))
    }

    /// The terminal's width now (it is read again on every drawing, so a resized window is followed).
    var columns: Int? { terminal.columns }

    /// The end of `text` that fits in `columns`.
    static func tail(of text: String, columns: Int) -> String {
        var used = 0
        var start = text.endIndex
        while start > text.startIndex {
            let before = text.index(before: start)
            used += TerminalText.width(of: text[before])
            if used > columns { break }
            start = before
        }
        return String(text[start...])
    }
}

private extension String {
    var replacingLineBreaks: String {
        String(unicodeScalars.map { $0 == "\n" ? "↵" : Character($0) })
    }
}
