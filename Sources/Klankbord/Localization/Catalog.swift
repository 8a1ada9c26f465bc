/// The catalog: every sentence a person reads, keyed by a stable dotted key.
///
/// Texts live in `Catalog+English.swift`, `Catalog+Dutch.swift` and `Catalog+Spanish.swift`.
/// A placeholder is written `{name}`. A plural key is stored as `key.one` and `key.other`.
/// A key missing in one language falls back to English, then to the key itself: never a crash.
public struct Catalog: Sendable {
    /// The catalog the program uses: the three built-in tables.
    public static let shared = Catalog(tables: [.en: english, .nl: dutch, .es: spanish])

    private let tables: [Language: [String: String]]

    /// A catalog over the given tables; mainly for tests. English is the fallback language.
    public init(tables: [Language: [String: String]]) {
        self.tables = tables
    }

    /// The text for `key` in `language` with its `{placeholders}` filled in from `arguments`.
    ///
    /// A placeholder with no argument stays as written, so a missing argument shows instead of vanishing.
    public func text(_ key: String, _ language: Language, _ arguments: [String: String] = [:]) -> String {
        let template = tables[language]?[key] ?? tables[.en]?[key] ?? key
        return Catalog.fill(template, arguments)
    }

    /// The plural text for `key` and `count`: `key.one` or `key.other`, chosen by the language's rule.
    ///
    /// `{count}` is available as a placeholder. If the needed form is missing, `key.other` is used.
    public func plural(_ key: String, count: Int, _ language: Language, _ arguments: [String: String] = [:]) -> String {
        var filled = arguments
        filled["count"] = String(count)
        let category = PluralRule.rule(for: language)(count)
        let preferred = "\(key).\(category.rawValue)"
        let formKey = has(preferred) ? preferred : "\(key).\(PluralCategory.other.rawValue)"
        return text(formKey, language, filled)
    }

    /// Whether `key` exists in any language, either as a plain key or as a plural key (`key.other`).
    public func has(_ key: String) -> Bool {
        tables.values.contains { $0[key] != nil || $0["\(key).\(PluralCategory.other.rawValue)"] != nil }
    }

    /// Every key in the catalog (plural keys with their `.one` / `.other` ending), sorted.
    public var keys: [String] {
        Set(tables.values.flatMap(\.keys)).sorted()
    }

    /// The keys stored for one language, sorted; used by the completeness tests.
    public func keys(in language: Language) -> [String] {
        (tables[language]?.keys).map { $0.sorted() } ?? []
    }

    /// The raw template for `key` in exactly `language`, without fallback or filling.
    public func template(_ key: String, _ language: Language) -> String? {
        tables[language]?[key]
    }

    /// The names of the `{placeholders}` in `template`.
    public static func placeholders(in template: String) -> Set<String> {
        var names = Set<String>()
        forEachToken(in: template) { token in
            if case .placeholder(let name) = token { names.insert(name) }
        }
        return names
    }

    /// Replaces each `{name}` with `arguments[name]` in one pass, so an argument that itself
    /// contains braces (a handle, say) is never filled in again.
    static func fill(_ template: String, _ arguments: [String: String]) -> String {
        guard !arguments.isEmpty, template.contains("{") else { return template }
        var result = ""
        forEachToken(in: template) { token in
            switch token {
            case .literal(let text): result += text
            case .placeholder(let name): result += arguments[name] ?? "{\(name)}"
            }
        }
        return result
    }

    private enum Token {
        case literal(Substring)
        case placeholder(String)
    }

    /// Splits a template into literal text and `{name}` placeholders (a name is letters, digits and `_`).
    private static func forEachToken(in template: String, _ body: (Token) -> Void) {
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: "}") else { break }
            let name = rest[afterOpen..<close]
            if !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) {
                body(.literal(rest[..<open]))
                body(.placeholder(String(name)))
                rest = rest[rest.index(after: close)...]
            } else {
                body(.literal(rest[...open]))
                rest = rest[afterOpen...]
            }
        }
        body(.literal(rest))
    }
}
