/// Text that other people chose (messages, handles, room names, invite labels, anything the server relays)
/// made safe to print on a terminal: nothing in it can move the cursor, clear the screen, recolour or hide
/// text, turn the line around, or start a line that looks like it came from someone else.
///
/// Neutralised characters are shown, not dropped, so a person can see that something odd was sent:
/// - C0 control characters and DEL in caret notation, the way terminals echo them: ESC is `^[`, DEL is `^?`.
///   The rest of an escape sequence (`[2J`) is then ordinary text, so no sequence can reach the terminal.
/// - C1 control characters (U+0080–U+009F, among them the one-byte CSI) and the bidirectional embedding,
///   override and isolate characters (U+202A–U+202E, U+2066–U+2069) as `\u{202E}`: they have no caret form,
///   and U+FFFD would hide which one it was.
/// Right-to-left letters, emoji (with their joiners), combining marks and the left-to-right and
/// right-to-left marks (U+200E, U+200F, U+061C), which only nudge the order of neutral characters, are kept.
enum TerminalText {
    /// What a tab becomes: a terminal would jump to its next tab stop, which can line text up under someone else's.
    static let tab = "    "

    /// One line for a handle, a room name or a label: also line breaks are shown as characters.
    static func inline(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars { append(scalar, to: &out) }
        return out
    }

    /// A message body: its lines, the second and later ones starting with `indent`, so a line break in a message
    /// can never start a line of its own that looks like the next message. With `columns` (the terminal's width)
    /// and `prefix` (how many columns come before the text on its first line), long lines are cut here, so the
    /// terminal never wraps one back to the left edge, where its rest could pass for a message of someone else.
    static func message(_ text: String, indent: String, columns: Int? = nil, prefix: Int = 0) -> String {
        var pieces = lines(of: text)
        if let columns, columns - width(of: indent) >= minimumColumns, columns - prefix >= minimumColumns {
            var wrapped: [String] = []
            for (index, line) in pieces.enumerated() {
                wrapped += wrap(line, first: index == 0 ? columns - prefix : columns - width(of: indent), rest: columns - width(of: indent))
            }
            pieces = wrapped
        }
        return pieces.joined(separator: "\n" + indent)
    }

    /// Below this many free columns a line is left to the terminal: cutting it would help nobody read it.
    static let minimumColumns = 10

    /// `line` cut into pieces of at most `first` columns, then `rest` columns (at least one character each).
    static func wrap(_ line: String, first: Int, rest: Int) -> [String] {
        var pieces: [String] = []
        var current = ""
        var used = 0
        for character in line {
            let needed = width(of: character)
            let room = pieces.isEmpty ? first : rest
            if used + needed > room && !current.isEmpty {
                pieces.append(current)
                current = ""
                used = 0
            }
            current.append(character)
            used += needed
        }
        pieces.append(current)
        return pieces
    }

    /// The columns `text` takes on a terminal, rounded up where unsure (see `width(of:)` for a character).
    static func width(of text: String) -> Int {
        text.reduce(0) { $0 + width(of: $1) }
    }

    /// Two columns for wide characters (East Asian wide and full-width letters, emoji), one for the rest.
    /// Erring towards two only cuts a line early; erring towards one could let the terminal wrap it.
    static func width(of character: Character) -> Int {
        for scalar in character.unicodeScalars {
            let value = scalar.value
            if scalar.properties.isEmojiPresentation || (0x1100...0x115F).contains(value) || (0x2E80...0xA4CF).contains(value)
                || (0xAC00...0xD7A3).contains(value) || (0xF900...0xFAFF).contains(value) || (0xFE30...0xFE4F).contains(value)
                || (0xFF00...0xFF60).contains(value) || (0xFFE0...0xFFE6).contains(value) || (0x1F000...0x1FAFF).contains(value)
                || (0x20000...0x3FFFD).contains(value) {
                return 2
            }
        }
        return 1
    }

    /// The lines of a message body, each made safe. `\n`, `\r\n`, U+2028 and U+2029 break a line; a lone `\r`
    /// (which would return to the start of the line and write over it) is shown as `^M`.
    static func lines(of text: String) -> [String] {
        var lines: [String] = []
        var current = ""
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            switch scalar.value {
            case 0x0A, 0x2028, 0x2029:
                lines.append(current)
                current = ""
            case 0x0D where index + 1 < scalars.count && scalars[index + 1].value == 0x0A:
                continue
            default:
                append(scalar, to: &current)
            }
        }
        lines.append(current)
        return lines
    }

    /// Appends `scalar`, or the visible stand-in of a character the terminal would act on.
    private static func append(_ scalar: Unicode.Scalar, to out: inout String) {
        switch scalar.value {
        case 0x09:
            out += tab
        case 0x00...0x1F:
            out += "^"
            out.unicodeScalars.append(Unicode.Scalar(UInt8(scalar.value + 0x40)))
        case 0x7F:
            out += "^?"
        case 0x80...0x9F, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029:
            out += escaped(scalar)
        default:
            out.unicodeScalars.append(scalar)
        }
    }

    /// `\u{202E}`: four or more upper-case hex digits, as Swift and JavaScript write it.
    private static func escaped(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "\\u{" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + "}"
    }
}
