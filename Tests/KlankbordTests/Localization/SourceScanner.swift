import Foundation

/// Reads the package's `Sources/` as text, for checks that look at how the code uses the catalog.
enum SourceScanner {
    /// One use of a catalog key found in the sources.
    struct KeyUse: Hashable {
        enum Kind: Hashable { case text, plural, stored }
        /// The key as written in the string literal.
        let key: String
        /// `t("…")` / `Catalog.shared.text("…")`, `t.plural("…")` / `Catalog.shared.plural("…")`, or `L10nKey("…")`.
        let kind: Kind
        /// The file, relative to `Sources/`.
        let file: String
    }

    /// The package root, found from this file's place in `Tests/KlankbordTests/Localization/`.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Every `.swift` file under `Sources/`: its path relative to `Sources/` and its text, sorted by path.
    static func swiftFiles() throws -> [(path: String, text: String)] {
        let sources = packageRoot.appendingPathComponent("Sources")
        guard let enumerator = FileManager.default.enumerator(atPath: sources.path) else { return [] }
        var files: [(path: String, text: String)] = []
        while let relative = enumerator.nextObject() as? String {
            guard relative.hasSuffix(".swift") else { continue }
            let text = try String(contentsOf: sources.appendingPathComponent(relative), encoding: .utf8)
            files.append((relative, text))
        }
        return files.sorted { $0.path < $1.path }
    }

    /// Every string literal passed as the first argument of a localizer call:
    /// `t("key"`, `t.plural("key"`, `Catalog.shared.text("key"`, `Catalog.shared.plural("key"`, `L10nKey("key"`.
    /// Lines that are comments (starting with `//`) are skipped, so documentation examples do not count.
    /// A literal with interpolation (`"date.month.\(n)"`) is not matched: such keys go in `dynamicKeys`.
    static func keyUses() throws -> [KeyUse] {
        let pattern = #"\b(t|t\.plural|Catalog\.shared\.text|Catalog\.shared\.plural|L10nKey)\(\s*"([^"\\]*)""#
        let regex = try NSRegularExpression(pattern: pattern)
        var uses: [KeyUse] = []
        for file in try swiftFiles() {
            for line in file.text.split(separator: "\n") {
                let code = String(line)
                if code.trimmingCharacters(in: .whitespaces).hasPrefix("//") { continue }
                let range = NSRange(code.startIndex..., in: code)
                for match in regex.matches(in: code, range: range) {
                    guard let callRange = Range(match.range(at: 1), in: code),
                          let keyRange = Range(match.range(at: 2), in: code) else { continue }
                    let call = code[callRange]
                    let kind: KeyUse.Kind = call == "L10nKey" ? .stored : call.hasSuffix("plural") ? .plural : .text
                    uses.append(KeyUse(key: String(code[keyRange]), kind: kind, file: file.path))
                }
            }
        }
        return uses
    }

    /// The keys of a catalog source file in the order they are written, such as `Catalog+Dutch.swift`.
    static func catalogKeysInOrder(file name: String) throws -> [String] {
        let url = packageRoot.appendingPathComponent("Sources/Klankbord/Localization/\(name)")
        let text = try String(contentsOf: url, encoding: .utf8)
        let regex = try NSRegularExpression(pattern: #"^\s*"([^"]+)"\s*:"#, options: .anchorsMatchLines)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
            Range(match.range(at: 1), in: text).map { String(text[$0]) }
        }
    }
}
