/// The plural form a count needs. English, Dutch and Spanish all need only these two.
public enum PluralCategory: String, Sendable {
    /// Exactly one (and minus one): "1 new message".
    case one
    /// Every other count, zero included: "0 new messages", "2 new messages".
    case other
}

/// Picks the plural form for a count, one small rule per language (CLDR cardinal rules, integers only).
public enum PluralRule {
    /// The rule for `language`.
    public static func rule(for language: Language) -> @Sendable (Int) -> PluralCategory {
        switch language {
        case .en: return english
        case .nl: return dutch
        case .es: return spanish
        }
    }

    /// English: one for 1, other for everything else.
    @Sendable public static func english(_ count: Int) -> PluralCategory { oneIfOne(count) }

    /// Dutch: one for 1, other for everything else.
    @Sendable public static func dutch(_ count: Int) -> PluralCategory { oneIfOne(count) }

    /// Spanish: one for 1, other for everything else.
    @Sendable public static func spanish(_ count: Int) -> PluralCategory { oneIfOne(count) }

    private static func oneIfOne(_ count: Int) -> PluralCategory {
        count == 1 || count == -1 ? .one : .other
    }
}
