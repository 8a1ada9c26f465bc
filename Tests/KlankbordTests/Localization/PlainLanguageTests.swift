import XCTest
import Klankbord
@testable import KlankbordLocalization

/// Rough, mechanical checks of the B1 writing rules (docs/TRANSLATING.md): short sentences,
/// short entries, and no jargon. They cannot prove a text is clear, but they catch drift.
final class PlainLanguageTests: XCTestCase {
    static let maxWordsPerSentence = 25
    static let maxWordsPerEntry = 60

    /// A word a person may not know, with the key prefixes where it is allowed (texts for operators).
    struct Jargon {
        /// Matched case-insensitively anywhere in a word, so "decrypt" also finds "decrypted"
        /// and "token" also finds the Dutch compound "sessietoken".
        let stem: String
        var allowedUnder: [String] = []
    }

    static let jargon: [Language: [Jargon]] = [
        .en: [
            Jargon(stem: "authenticat"), Jargon(stem: "credential"), Jargon(stem: "cryptograph"), Jargon(stem: "decrypt"),
            Jargon(stem: "payload"), Jargon(stem: "sync"), Jargon(stem: "token"), Jargon(stem: "daemon", allowedUnder: ["daemon."]),
        ],
        .nl: [
            Jargon(stem: "authentic"), Jargon(stem: "synchronis"), Jargon(stem: "sync"), Jargon(stem: "token"),
            Jargon(stem: "decrypt"), Jargon(stem: "daemon", allowedUnder: ["daemon."]),
        ],
        .es: [
            Jargon(stem: "autentic"), Jargon(stem: "sincroniz"), Jargon(stem: "token"), Jargon(stem: "descifr"),
            Jargon(stem: "daemon", allowedUnder: ["daemon."]),
        ],
    ]

    // MARK: The checks, as functions over one table so they can be tested on bad examples too

    /// The sentences of a text: split on . ? ! and : (a colon often starts a new thought in a message).
    static func sentences(_ text: String) -> [String] {
        text.split(whereSeparator: { ".?!:".contains($0) }).map(String.init)
    }

    static func wordCount(_ text: String) -> Int {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).count
    }

    /// Every problem in `table` (key → text) for `language`, as sentences a translator can act on.
    static func problems(in table: [String: String], _ language: Language) -> [String] {
        var found: [String] = []
        for (key, text) in table.sorted(by: { $0.key < $1.key }) {
            let words = wordCount(text)
            if words > maxWordsPerEntry {
                found.append("\(language.rawValue) \(key): \(words) words; keep an entry at \(maxWordsPerEntry) or fewer")
            }
            for sentence in sentences(text) where wordCount(sentence) > maxWordsPerSentence {
                found.append("\(language.rawValue) \(key): sentence of \(wordCount(sentence)) words, split it: \"\(sentence)\"")
            }
            let lowered = text.lowercased()
            for word in jargon[language] ?? [] where lowered.contains(word.stem) {
                if word.allowedUnder.contains(where: { key.hasPrefix($0) }) { continue }
                found.append("\(language.rawValue) \(key): \"\(word.stem)…\" is jargon; say it in common words")
            }
        }
        return found
    }

    private func table(_ language: Language) -> [String: String] {
        var table: [String: String] = [:]
        for key in Catalog.shared.keys(in: language) { table[key] = Catalog.shared.template(key, language) }
        return table
    }

    // MARK: The catalog

    func testEveryLanguageHasShortSentencesAndEntries() {
        for language in Language.allCases {
            let table = table(language)
            XCTAssertFalse(table.isEmpty, "\(language.rawValue) has no texts")
            let long = PlainLanguageTests.problems(in: table, language).filter { !$0.contains("jargon") }
            XCTAssertEqual(long, [], "\(language.rawValue): texts that are too long")
        }
    }

    func testNoLanguageUsesJargon() {
        for language in Language.allCases {
            let jargon = PlainLanguageTests.problems(in: table(language), language).filter { $0.contains("jargon") }
            XCTAssertEqual(jargon, [], "\(language.rawValue): jargon")
        }
    }

    func testJargonListExistsForEveryLanguage() {
        for language in Language.allCases {
            XCTAssertFalse(PlainLanguageTests.jargon[language]?.isEmpty ?? true, "no jargon list for \(language.rawValue)")
        }
    }

    // MARK: The glossary (docs/TRANSLATING.md)

    /// Words that the glossary replaces: the formal "u" / "usted", "kamer" or "sala" for a room,
    /// "handle" for a name. Option names such as `--handle` are code, so they do not count.
    static let avoided: [Language: Set<String>] = [
        .en: ["handle", "handles"],
        .nl: ["u", "uw", "kamer", "kamers", "ruimte", "ruimtes", "handle", "handles"],
        .es: ["usted", "ustedes", "sala", "salas", "handle", "handles", "facilitador", "facilitadores"],
    ]

    /// The words of a text, lower-cased, without `{placeholders}` and option names (words that start with `-`).
    static func plainWords(_ text: String) -> [String] {
        Catalog.placeholders(in: text)
            .reduce(text) { $0.replacingOccurrences(of: "{\($1)}", with: " ") }
            .lowercased()
            .split(whereSeparator: { !$0.isLetter && $0 != "-" })
            .map(String.init)
            .filter { !$0.hasPrefix("-") }
    }

    func testWordChoicesFollowTheGlossary() {
        for language in Language.allCases {
            for (key, text) in table(language) {
                let used = Set(PlainLanguageTests.plainWords(text)).intersection(PlainLanguageTests.avoided[language] ?? [])
                XCTAssertEqual(used, [], "\(language.rawValue) \(key): use the glossary word instead")
            }
        }
        // Spanish says "persona(s) facilitadora(s)" every time, never "facilitadora" alone; `--rol facilitadora` is a
        // value typed on the command line (CommandWords), code like an option name.
        for (key, text) in table(.es) {
            let lowered = text.lowercased().replacingOccurrences(of: "personas facilitadora", with: "persona facilitadora")
                .replacingOccurrences(of: "--rol facilitadora", with: "--rol")
            XCTAssertEqual(lowered.components(separatedBy: "facilitadora").count, lowered.components(separatedBy: "persona facilitadora").count,
                           "es \(key): write \"persona facilitadora\" or \"personas facilitadoras\"")
        }
    }

    // MARK: The checker itself

    func testCheckerFindsALongSentence() {
        let long = Array(repeating: "word", count: 26).joined(separator: " ") + "."
        let problems = PlainLanguageTests.problems(in: ["x": long], .en)
        XCTAssertEqual(problems.count, 1)
        XCTAssertTrue(problems.first?.contains("26 words") ?? false)
    }

    func testCheckerSplitsOnEveryStopAndAllowsExactlyTheLimit() {
        let twentyFive = Array(repeating: "word", count: 25).joined(separator: " ")
        XCTAssertEqual(PlainLanguageTests.problems(in: ["x": twentyFive + "."], .en), [])
        for stop in [".", "?", "!", ":"] {
            let twoHalves = Array(repeating: "word", count: 20).joined(separator: " ")
            XCTAssertEqual(PlainLanguageTests.problems(in: ["x": twoHalves + stop + " " + twoHalves], .en), [], "split on \(stop)")
        }
    }

    func testCheckerFindsALongEntry() {
        let sentence = Array(repeating: "word", count: 10).joined(separator: " ") + ". "
        let problems = PlainLanguageTests.problems(in: ["x": String(repeating: sentence, count: 7)], .en)
        XCTAssertEqual(problems.count, 1)
        XCTAssertTrue(problems.first?.contains("70 words") ?? false)
    }

    func testGlossaryWordsIgnoreOptionsAndPlaceholders() {
        XCTAssertEqual(PlainLanguageTests.plainWords("Kies --handle {handle}, of uw Naam."), ["kies", "of", "uw", "naam"])
    }

    func testCheckerFindsJargonInAnyFormButAllowsDaemonForOperators() {
        XCTAssertEqual(PlainLanguageTests.problems(in: ["x": "Could not decrypt it."], .en).count, 1)
        XCTAssertEqual(PlainLanguageTests.problems(in: ["x": "The message was Decrypted."], .en).count, 1)
        XCTAssertEqual(PlainLanguageTests.problems(in: ["x": "Het sessietoken is oud."], .nl).count, 1)
        XCTAssertEqual(PlainLanguageTests.problems(in: ["x": "No se pudo sincronizar."], .es).count, 1)
        XCTAssertEqual(PlainLanguageTests.problems(in: ["cli.x": "Start the daemon."], .en).count, 1)
        XCTAssertEqual(PlainLanguageTests.problems(in: ["daemon.x": "Start the daemon."], .en), [])
    }
}
