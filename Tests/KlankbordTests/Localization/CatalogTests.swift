import XCTest
import Klankbord
@testable import KlankbordCommands
@testable import KlankbordLocalization

final class CatalogTests: XCTestCase {
    private let catalog = Catalog.shared

    /// Keys the code builds at run time, so no string literal names them.
    private let dynamicKeys: Set<String> = Set(
        (1...7).map { "date.weekday.\($0)" } + (1...12).map { "date.month.\($0)" }
    )

    /// Keys seeded for the CLI before it uses them. Remove a key here as soon as the code uses it;
    /// the test says so when it happens, so this list never goes stale.
    private let pendingKeys: Set<String> = ["error.generic"]

    private let sourceFiles = ["en": "Catalog+English.swift", "nl": "Catalog+Dutch.swift", "es": "Catalog+Spanish.swift"]

    // MARK: Completeness

    func testEveryKeyIsPresentAndNonEmptyInAllLanguages() {
        XCTAssertFalse(catalog.keys.isEmpty)
        for key in catalog.keys {
            for language in Language.allCases {
                let text = catalog.template(key, language)
                XCTAssertNotNil(text, "\(key) is missing in \(language.rawValue)")
                XCTAssertFalse(text?.trimmingCharacters(in: .whitespaces).isEmpty ?? true, "\(key) is empty in \(language.rawValue)")
            }
        }
    }

    func testPlaceholdersAreTheSameInAllLanguages() {
        for key in catalog.keys {
            let english = catalog.template(key, .en).map(Catalog.placeholders(in:))
            for language in Language.allCases where language != .en {
                let other = catalog.template(key, language).map(Catalog.placeholders(in:))
                XCTAssertEqual(other, english, "\(key): placeholders in \(language.rawValue) differ from English")
            }
        }
    }

    func testPluralKeysComeInOneAndOtherPairs() {
        let keys = Set(catalog.keys)
        for key in keys {
            if key.hasSuffix(".one") {
                XCTAssertTrue(keys.contains(String(key.dropLast(4)) + ".other"), "\(key) has no .other")
            }
            if key.hasSuffix(".other") {
                XCTAssertTrue(keys.contains(String(key.dropLast(6)) + ".one"), "\(key) has no .one")
            }
        }
        XCTAssertTrue(catalog.template("unread.summary.other", .en)?.contains("{count}") ?? false)
    }

    func testCatalogSourcesListEachKeyOnceInSortedOrder() throws {
        for (code, file) in sourceFiles {
            let keys = try SourceScanner.catalogKeysInOrder(file: file)
            XCTAssertEqual(keys, keys.sorted(), "\(file) is not sorted by key")
            XCTAssertEqual(Set(keys).count, keys.count, "\(file) has a key twice")
            let language = try XCTUnwrap(Language(rawValue: code))
            XCTAssertEqual(keys, catalog.keys(in: language), "\(file) and the catalog disagree")
        }
    }

    // MARK: Use in the sources

    func testEveryCatalogKeyIsUsedInSources() throws {
        let uses = try SourceScanner.keyUses()
        XCTAssertFalse(uses.isEmpty, "the scanner found no localizer calls at all")
        let plain = Set(uses.filter { $0.kind != .plural }.map(\.key))
        let pluralBases = Set(uses.filter { $0.kind != .text }.map(\.key))
        for key in catalog.keys where !dynamicKeys.contains(key) {
            let base = key.split(separator: ".").dropLast().joined(separator: ".")
            let isPluralForm = key.hasSuffix(".one") || key.hasSuffix(".other")
            let used = plain.contains(key) || (isPluralForm && pluralBases.contains(base))
            if pendingKeys.contains(key) {
                XCTAssertFalse(used, "\(key) is used now: remove it from pendingKeys in CatalogTests")
            } else {
                XCTAssertTrue(used, "\(key) is in the catalog but no code uses it: use it, remove it, or list it in dynamicKeys")
            }
        }
    }

    func testEveryKeyUsedInSourcesExists() throws {
        for use in try SourceScanner.keyUses() {
            let exact = catalog.template(use.key, .en) != nil
            let plural = catalog.template(use.key + ".one", .en) != nil && catalog.template(use.key + ".other", .en) != nil
            switch use.kind {
            case .text: XCTAssertTrue(exact, "\(use.file) uses \(use.key), which is not in the catalog")
            case .plural: XCTAssertTrue(plural, "\(use.file) uses plural \(use.key), which needs .one and .other")
            case .stored: XCTAssertTrue(exact || plural, "\(use.file) keeps L10nKey \(use.key), which is not in the catalog")
            }
        }
    }

    func testScannerFindsEachCallForm() throws {
        let uses = try SourceScanner.keyUses()
        XCTAssertTrue(uses.contains { $0.key == "config.error.syntax" && $0.kind == .text })
        XCTAssertFalse(uses.contains { $0.key.contains("\\") }, "interpolated keys must not be collected")
    }

    // MARK: Look-up behaviour

    func testMissingKeyFallsBackToEnglishThenToTheKey() {
        let small = Catalog(tables: [.en: ["only.english": "Hello {name}"], .nl: [:]])
        XCTAssertEqual(small.text("only.english", .nl, ["name": "Sam"]), "Hello Sam")
        XCTAssertEqual(small.text("only.english", .es, ["name": "Sam"]), "Hello Sam")
        XCTAssertEqual(small.text("no.such.key", .nl), "no.such.key")
        XCTAssertEqual(Localizer(.es)("no.such.key"), "no.such.key")
        XCTAssertEqual(small.plural("no.such.plural", count: 2, .en), "no.such.plural.other")
    }

    func testPlaceholdersAreFilledOnceAndUnknownOnesStay() {
        let small = Catalog(tables: [.en: ["k": "{a} and {b}, {not a placeholder} {"]])
        XCTAssertEqual(small.text("k", .en, ["a": "{b}"]), "{b} and {b}, {not a placeholder} {")
        XCTAssertEqual(small.text("k", .en), "{a} and {b}, {not a placeholder} {")
        XCTAssertEqual(Catalog.placeholders(in: "{where}: {key} must be {expected}."), ["where", "key", "expected"])
    }

    func testPluralFallsBackToOtherWhenOneIsMissing() {
        let small = Catalog(tables: [.en: ["x.other": "{count} things"]])
        XCTAssertEqual(small.plural("x", count: 1, .en), "1 things")
    }

    func testHasFindsPlainAndPluralKeys() {
        XCTAssertTrue(catalog.has("error.generic"))
        XCTAssertTrue(catalog.has("unread.summary"))
        XCTAssertTrue(catalog.has("unread.summary.one"))
        XCTAssertFalse(catalog.has("no.such.key"))
        XCTAssertEqual(catalog.keys, catalog.keys.sorted())
    }

    // MARK: The panic confirmation

    func testPanicPromptNamesTheYesWordAndTheAnswerIsAccepted() {
        let expected: [Language: String] = [.en: "yes", .nl: "ja", .es: "sí"]
        for language in Language.allCases {
            let t = Localizer(language)
            let yes = t("cli.panic.yes")
            XCTAssertEqual(yes, expected[language])
            XCTAssertTrue(t("cli.panic.confirm").contains(" \(yes) "), "\(language.rawValue): the prompt must say which word to type")
            for typed in [yes, yes.uppercased(), "  \(yes)\t", Confirmation.folded(yes)] {
                XCTAssertTrue(Confirmation.confirms(typed, yes: yes), "\(language.rawValue): \"\(typed)\" should confirm")
            }
            for typed in [nil, "", "no", "nee", "y", yes + "s", "\(yes) \(yes)"] {
                XCTAssertFalse(Confirmation.confirms(typed, yes: yes), "\(language.rawValue): \"\(typed ?? "nil")\" must not confirm")
            }
        }
        // Spanish: with or without the accent, composed or decomposed, in any case.
        for typed in ["sí", "si", "SI", "Sí", "SÍ", "si\u{301}"] {
            XCTAssertTrue(Confirmation.confirms(typed, yes: "sí"), typed)
        }
        XCTAssertFalse(Confirmation.confirms("yes", yes: "sí"), "the English word does not confirm in Spanish")
    }

    func testStoredKeyTranslates() {
        let key = L10nKey("error.generic")
        XCTAssertEqual(Localizer(.nl)(key), "Er ging iets mis. Probeer het later opnieuw.")
        XCTAssertEqual(key.description, "error.generic")
    }
}
