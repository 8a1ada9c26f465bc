import KlankbordLocalization

/// Why a configuration could not be read. Line 0 means a command-line override.
public enum ConfigError: Error, Equatable, Sendable {
    /// The file could not be opened or is not UTF-8 text.
    case unreadable(path: String)
    /// The line is not `key = value`.
    case syntax(line: Int)
    /// The key is not a setting.
    case unknownKey(line: Int, key: String)
    /// The value does not fit the key; `expected` describes it in short English, such as
    /// "a whole number from 1024 to 65535".
    case invalidValue(line: Int, key: String, expected: String)
    /// The key was already set earlier in the same file.
    case duplicateKey(line: Int, key: String)

    /// A plain-English sentence for operators naming the line, such as
    /// "klankbord.conf line 12: max_frame_bytes must be a whole number from 1024 to 65535."
    public var message: String {
        message(file: "klankbord.conf")
    }

    /// The plain-English sentence, with `file` as the file's name.
    public func message(file: String) -> String {
        localizedMessage(Localizer(.en), file: file)
    }

    /// The sentence in the localizer's language, with `file` as the file's name.
    public func localizedMessage(_ t: Localizer, file: String = "klankbord.conf") -> String {
        switch self {
        case .unreadable(let path):
            return t("config.error.unreadable", ["path": path])
        case .syntax(let line):
            return t("config.error.syntax", ["where": Self.location(t, file: file, line: line)])
        case .unknownKey(let line, let key):
            return t("config.error.unknown_key", ["where": Self.location(t, file: file, line: line), "key": key])
        case .invalidValue(let line, let key, let expected):
            // The English `expected` is re-made in the reader's language from the key's setting.
            let described = ConfigSetting.named(key)?.expectation.text(t) ?? expected
            return t("config.error.invalid_value", [
                "where": Self.location(t, file: file, line: line), "key": key, "expected": described,
            ])
        case .duplicateKey(let line, let key):
            return t("config.error.duplicate_key", ["where": Self.location(t, file: file, line: line), "key": key])
        }
    }

    private static func location(_ t: Localizer, file: String, line: Int) -> String {
        line == 0 ? t("config.location.override") : t("config.location.file_line", ["file": file, "line": String(line)])
    }
}
