/// A localizer bound to one language: what the CLI passes around, usually named `t`.
///
/// ```swift
/// let t = Localizer(.nl)
/// print(t("error.generic"))
/// print(t.plural("unread.summary", count: 3))
/// ```
public struct Localizer: Sendable {
    /// The language every text comes in.
    public let language: Language
    /// The catalog the texts come from.
    public let catalog: Catalog

    /// A localizer over the shared catalog.
    public init(_ language: Language) {
        self.init(language, catalog: .shared)
    }

    /// A localizer over another catalog; mainly for tests.
    public init(_ language: Language, catalog: Catalog) {
        self.language = language
        self.catalog = catalog
    }

    /// The text for `key` with its `{placeholders}` filled in, e.g. `t("invite.expired")`.
    public func callAsFunction(_ key: String, _ arguments: [String: String] = [:]) -> String {
        catalog.text(key, language, arguments)
    }

    /// The text for a key kept as an `L10nKey`.
    public func callAsFunction(_ key: L10nKey, _ arguments: [String: String] = [:]) -> String {
        catalog.text(key.rawValue, language, arguments)
    }

    /// The plural text for `key` and `count` (`key.one` / `key.other`); `{count}` is filled in.
    public func plural(_ key: String, count: Int, _ arguments: [String: String] = [:]) -> String {
        catalog.plural(key, count: count, language, arguments)
    }
}
