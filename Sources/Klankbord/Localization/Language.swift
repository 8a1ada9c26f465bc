/// A language Klankbord speaks. Every sentence a person reads exists in all three.
public enum Language: String, CaseIterable, Sendable {
    /// English.
    case en
    /// Dutch (Nederlands).
    case nl
    /// Spanish (español).
    case es
}

extension Language {
    /// The environment variables read for a language, strongest first (POSIX order).
    public static let environmentVariables = ["LC_ALL", "LC_MESSAGES", "LANG"]

    /// The language to use.
    ///
    /// Choice order: the explicit flag value, then the profile setting, then `LC_ALL`, `LC_MESSAGES`
    /// and `LANG` (for example `es_ES.UTF-8` gives `.es`), then English. A value that names no
    /// language we speak (`C`, `POSIX`, `fr_FR`, empty) is skipped, so the next one decides.
    /// A CLI that wants to reject a bad flag checks it with `Language(code:)` first.
    public static func choose(flag: String?, profile: String?, environment: [String: String]) -> Language {
        let candidates = [flag, profile] + environmentVariables.map { environment[$0] }
        for candidate in candidates {
            if let candidate, let language = Language(code: candidate) { return language }
        }
        return .en
    }

    /// The language named by a code such as `es`, `ES`, `nl-NL`, `es_ES.UTF-8` or `en_GB@euro`.
    ///
    /// Returns `nil` for `C`, `POSIX`, empty text and languages we do not speak. Frisian (`fy`,
    /// as in `fy_NL.UTF-8`) gives Dutch: everyone who reads Frisian in Friesland reads Dutch too.
    public init?(code: String) {
        let trimmed = code.trimmingASCIISpaces().lowercased()
        let primary = trimmed.prefix { !"_-.@".contains($0) }
        switch primary {
        case "en": self = .en
        case "nl", "fy": self = .nl
        case "es": self = .es
        default: return nil
        }
    }
}

extension String {
    /// The text without leading and trailing spaces, tabs, carriage returns and line feeds.
    package func trimmingASCIISpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
