/// The chat's input line, fed the bytes a raw terminal delivers: typing, Backspace, Ctrl-U, Enter, Ctrl-C, Ctrl-D
/// and pastes. A paste keeps its line breaks and is sent whole with the next Enter, whether the terminal marks it
/// (bracketed paste, `ESC [200~` … `ESC [201~`) or it arrives as one burst with line breaks inside.
struct LineEditor {
    /// What a key asks the chat to do.
    enum Action: Equatable {
        /// Enter: the typed text (line breaks of pastes included).
        case submit(String)
        /// Ctrl-C, or Ctrl-D on an empty line (as in a shell: with text typed, it would throw that text away).
        case quit
    }

    /// The typed text as UTF-8 bytes; `\n` only where a paste had a line break.
    private(set) var bytes: [UInt8] = []
    /// An escape sequence being read (arrow keys, paste marks), which never lands in the text.
    private var escape: [UInt8]?
    private var pasting = false
    private var lastWasCarriageReturn = false

    /// The typed text.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Puts `text` back on the line (a message that could not be sent yet).
    mutating func restore(_ text: String) {
        bytes = Array(text.utf8)
    }

    /// Takes one read's worth of bytes. A line break with more input behind it in the same read is part of a
    /// paste, not an Enter: nobody types that fast.
    mutating func feed(_ chunk: [UInt8]) -> [Action] {
        var actions: [Action] = []
        for (index, byte) in chunk.enumerated() {
            let moreFollows = chunk[(index + 1)...].contains { $0 != 0x0D && $0 != 0x0A }
            if let action = take(byte, moreFollows: moreFollows) {
                actions.append(action)
                if action == .quit { return actions }
            }
        }
        return actions
    }

    private mutating func take(_ byte: UInt8, moreFollows: Bool) -> Action? {
        defer { lastWasCarriageReturn = byte == 0x0D }
        if var sequence = escape {
            sequence.append(byte)
            escape = sequence
            finishEscape(sequence)
            return nil
        }
        switch byte {
        case 0x1B:
            escape = [byte]
        case 0x0D, 0x0A:
            if byte == 0x0A && lastWasCarriageReturn { return nil }
            if pasting || moreFollows {
                bytes.append(0x0A)
            } else {
                defer { bytes = [] }
                return .submit(text)
            }
        case 0x03:
            if !pasting { return .quit }
        case 0x04:
            if !pasting && bytes.isEmpty { return .quit }
        case 0x7F, 0x08:
            removeLastCharacter()
        case 0x15:
            bytes = []
        case 0x09:
            bytes.append(byte)
        case 0x00..<0x20:
            break
        default:
            bytes.append(byte)
        }
        return nil
    }

    /// Ends an escape sequence once it is whole: `ESC [` … a final byte, `ESC O x`, or `ESC x`.
    private mutating func finishEscape(_ sequence: [UInt8]) {
        guard let last = sequence.last, sequence.count >= 2 else { return }
        let csi = sequence[1] == UInt8(ascii: "[")
        if sequence[1] == UInt8(ascii: "O") && sequence.count < 3 { return }
        if csi && (sequence.count == 2 || !(0x40...0x7E).contains(last)) {
            // A sequence no terminal sends this long is dropped rather than swallowing the text after it.
            if sequence.count > 16 { escape = nil }
            return
        }
        escape = nil
        if sequence == Array("\u{1B}[200~".utf8) { pasting = true }
        if sequence == Array("\u{1B}[201~".utf8) { pasting = false }
    }

    /// Backspace: the last character, with all the bytes of its UTF-8 form.
    private mutating func removeLastCharacter() {
        while let last = bytes.popLast(), last & 0xC0 == 0x80 {}
    }
}
