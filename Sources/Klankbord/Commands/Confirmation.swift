/// The check behind "Type yes to go on": does a typed answer match the catalog's yes-word?
enum Confirmation {
    /// Whether `answer` is `yes`, ignoring case, spaces around it, and accents.
    ///
    /// Accents are ignored because many keyboards cannot easily type "í": in Spanish both "sí"
    /// and "si" confirm. Nothing else does, not even the English "yes" in another language,
    /// because what follows (`panic`) cannot be undone.
    static func confirms(_ answer: String?, yes: String) -> Bool {
        guard let answer else { return false }
        let typed = folded(answer)
        return !typed.isEmpty && typed == folded(yes)
    }

    /// Lower case, trimmed, with the accented vowels of Dutch and Spanish written plain.
    static func folded(_ text: String) -> String {
        String(text.trimmingASCIISpaces().lowercased().map { plain[$0] ?? $0 })
    }

    /// Accented vowels and their plain letter. A `Character` key matches both the composed
    /// ("í") and decomposed ("i" + U+0301) spelling, since `Character` equality is canonical.
    private static let plain: [Character: Character] = {
        var table: [Character: Character] = [:]
        let groups: [(String, Character)] = [("áàâäã", "a"), ("éèêë", "e"), ("íìîï", "i"), ("óòôöõ", "o"), ("úùûü", "u")]
        for (accented, letter) in groups {
            for character in accented { table[character] = letter }
        }
        return table
    }()
}
