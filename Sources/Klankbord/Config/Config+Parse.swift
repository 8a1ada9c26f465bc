#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension Config {
    /// Reads settings from the text of a `klankbord.conf` file, starting from the defaults.
    ///
    /// Each line is `key = value` (spaces around `=` optional), blank, or a comment: `#` starts a
    /// comment at the start of a line or after a space or tab. The first problem is thrown with its line number.
    public static func parse(_ text: String) throws(ConfigError) -> Config {
        var config = Config()
        var seen = Set<String>()
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
        for (index, rawLine) in lines.enumerated() {
            let number = index + 1
            let line = index == 0 && rawLine.hasPrefix("\u{FEFF}") ? rawLine.dropFirst() : rawLine
            guard let (key, value) = try setting(in: line, number: number) else { continue }
            guard let setting = ConfigSetting.named(key, includingOverrideOnly: false) else {
                throw .unknownKey(line: number, key: key)
            }
            guard seen.insert(key).inserted else { throw .duplicateKey(line: number, key: key) }
            try config.assign(setting, value, line: number)
        }
        return config
    }

    /// Reads and parses the file at `path`.
    public static func load(path: String) throws(ConfigError) -> Config {
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: path)),
              let text = String(validating: data, as: UTF8.self) else {
            throw .unreadable(path: path)
        }
        return try parse(text)
    }

    /// Applies `key=value` pairs on top of this configuration, in order (a later pair wins).
    ///
    /// Keys are the file keys, plus `port` to change only the listen port (for `--port`).
    /// Errors carry line 0.
    public mutating func apply(overrides: [(key: String, value: String)]) throws(ConfigError) {
        for (rawKey, rawValue) in overrides {
            let key = rawKey.trimmingASCIISpaces()
            guard let setting = ConfigSetting.named(key) else { throw .unknownKey(line: 0, key: key) }
            try assign(setting, rawValue.trimmingASCIISpaces(), line: 0)
        }
    }

    private mutating func assign(_ setting: ConfigSetting, _ value: String, line: Int) throws(ConfigError) {
        // A NUL would cut the value short where it meets C (an address or a path): refuse it outright.
        guard !value.unicodeScalars.contains("\0"), setting.assign(&self, value) else {
            throw .invalidValue(line: line, key: setting.key, expected: setting.expectation.english)
        }
    }

    /// The key and value on one line, or `nil` for a blank or comment line.
    private static func setting(in line: Substring, number: Int) throws(ConfigError) -> (String, String)? {
        let content = String(withoutComment(line)).trimmingASCIISpaces()
        if content.isEmpty { return nil }
        guard let equals = content.firstIndex(of: "=") else { throw .syntax(line: number) }
        let key = String(content[..<equals]).trimmingASCIISpaces()
        let value = String(content[content.index(after: equals)...]).trimmingASCIISpaces()
        guard !key.isEmpty else { throw .syntax(line: number) }
        return (key, value)
    }

    /// The line up to a `#` that begins it or follows a space or tab; a `#` inside a value stays.
    private static func withoutComment(_ line: Substring) -> Substring {
        var previous: Character = " "
        for index in line.indices {
            let character = line[index]
            if character == "#", previous == " " || previous == "\t" { return line[..<index] }
            previous = character
        }
        return line
    }
}
