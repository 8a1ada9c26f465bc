import XCTest
import Klankbord
@testable import KlankbordProtocol

/// Handles are pseudonyms their owners choose: short, readable, and impossible to fake with look-alike letters.
final class HandleTests: XCTestCase {
    func testHandlesOfThreeToThirtyTwoCharactersAreAccepted() {
        XCTAssertNotNil(Handle("Ana"))
        XCTAssertNotNil(Handle(String(repeating: "a", count: 32)))
        XCTAssertNil(Handle("An"))
        XCTAssertNil(Handle(""))
        XCTAssertNil(Handle(String(repeating: "a", count: 33)))
    }

    func testLengthCountsCharactersNotBytes() {
        XCTAssertNotNil(Handle("ñññ"))
        XCTAssertNotNil(Handle(String(repeating: "é", count: 32)))
        XCTAssertNil(Handle(String(repeating: "é", count: 33)))
    }

    func testDigitsUnderscoreDashAndDotAreAllowedAfterTheFirstCharacter() {
        for text in ["ana.b-c_1", "9lives", "A_B", "x.y.z", "hulp-lijn"] {
            XCTAssertNotNil(Handle(text), text)
        }
        for text in ["_ana", ".ana", "-ana"] {
            XCTAssertNil(Handle(text), text)
        }
    }

    func testLatinLettersWithAccentsAreAllowed() {
        for text in ["Señora_B", "Zoë", "Łukasz", "Ærøskøbing", "François", "Dvořák", "Şebnem", "Fryslân"] {
            XCTAssertNotNil(Handle(text), text)
            XCTAssertEqual(Handle(text)?.text, text)
        }
    }

    func testLookAlikeLettersFromOtherScriptsAreRefused() {
        let cyrillicA = "\u{0430}", cyrillicCapitalA = "\u{0410}", greekCapitalAlpha = "\u{0391}", cyrillicO = "\u{043E}"
        for text in [cyrillicA + "na", cyrillicCapitalA + "na", "An" + cyrillicA, greekCapitalAlpha + "na", "B" + cyrillicO + "b", "Анна"] {
            XCTAssertNil(Handle(text), text.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " "))
        }
    }

    func testSpacesSymbolsInvisibleAndFullWidthCharactersAreRefused() {
        for text in ["ana b", "ana@b", "ana/b", "ana×b", "ana÷b", "ana😀", "an\u{200D}a", "an\u{00A0}a", "\u{202E}ana",
                     "\u{FF21}na", "ana\n", "ana\u{0334}", "ana:b", "ana's"] {
            XCTAssertNil(Handle(text), text.debugDescription)
        }
    }

    func testUniquenessKeyIgnoresCase() {
        XCTAssertEqual(Handle("Señora_B")?.key, Handle("SEÑORA_b")?.key)
        XCTAssertEqual(Handle("ANA")?.key, "ana")
        XCTAssertEqual(Handle("ANA")?.text, "ANA")
        XCTAssertNotEqual(Handle("Ana")?.key, Handle("Anna")?.key)
    }
}
