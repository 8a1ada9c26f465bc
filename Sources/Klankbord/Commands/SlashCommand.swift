/// A line typed in the chat that starts with `/`: a command for the chat itself, never sent to the room.
/// Each command has its English, Dutch and Spanish word; `//` at the start sends the rest as a message.
enum SlashCommand: Equatable {
    case quit
    case help
    case who
    /// A `/word` that is no command: it is not sent either, so a typo never reaches the whole group.
    case unknown(String)

    static let quitWords: Set<String> = ["quit", "q", "stoppen", "stop", "salir"]
    static let helpWords: Set<String> = ["help", "hulp", "ayuda", "?"]
    static let whoWords: Set<String> = ["who", "wie", "quien", "quién"]

    /// What a typed line is: a command, or text to send (nil).
    init?(_ line: String) {
        guard line.hasPrefix("/"), !line.hasPrefix("//") else { return nil }
        let word = String(line.dropFirst().prefix { !$0.isWhitespace }).lowercased()
        if Self.quitWords.contains(word) {
            self = .quit
        } else if Self.helpWords.contains(word) {
            self = .help
        } else if Self.whoWords.contains(word) {
            self = .who
        } else {
            self = .unknown("/" + word)
        }
    }

    /// The text to send for a line that is no command: `//x` sends `/x`.
    static func message(from line: String) -> String {
        line.hasPrefix("//") ? String(line.dropFirst()) : line
    }
}

/// Waits between tries to reach the server again: 1, 2, 4, 8, 16, then every 30 seconds.
struct Backoff {
    static let longest = 30.0
    private(set) var next = 1.0

    /// The wait before the next try (and doubles the one after).
    mutating func delay() -> Double {
        defer { next = min(next * 2, Self.longest) }
        return next
    }

    /// After a try that worked.
    mutating func reset() {
        next = 1
    }
}
