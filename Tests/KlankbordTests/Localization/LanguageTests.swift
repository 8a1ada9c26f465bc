import XCTest
import Klankbord

final class LanguageTests: XCTestCase {
    func testCodesAndLocaleNames() {
        let cases: [(String, Language?)] = [
            ("en", .en), ("nl", .nl), ("es", .es), ("ES", .es), ("Nl", .nl),
            ("es_ES.UTF-8", .es), ("nl_NL", .nl), ("nl-NL", .nl), ("nl_BE.UTF-8", .nl), ("es_MX", .es),
            ("en_GB.UTF-8@euro", .en), (" en_US ", .en), ("fy_NL.UTF-8", .nl),
            ("C", nil), ("POSIX", nil), ("C.UTF-8", nil), ("", nil), ("fr_FR.UTF-8", nil), ("eng", nil), ("e", nil),
        ]
        for (code, expected) in cases {
            XCTAssertEqual(Language(code: code), expected, "code \"\(code)\"")
        }
    }

    func testFlagComesFirst() {
        let environment = ["LC_ALL": "nl_NL.UTF-8", "LANG": "nl_NL.UTF-8"]
        XCTAssertEqual(Language.choose(flag: "es", profile: "nl", environment: environment), .es)
    }

    func testProfileComesBeforeEnvironment() {
        XCTAssertEqual(Language.choose(flag: nil, profile: "es", environment: ["LC_ALL": "nl_NL.UTF-8"]), .es)
    }

    func testEnvironmentOrderIsLCAllThenLCMessagesThenLang() {
        let all = ["LC_ALL": "es_ES.UTF-8", "LC_MESSAGES": "nl_NL.UTF-8", "LANG": "en_US.UTF-8"]
        XCTAssertEqual(Language.choose(flag: nil, profile: nil, environment: all), .es)
        let messages = ["LC_MESSAGES": "nl_NL.UTF-8", "LANG": "es_ES.UTF-8"]
        XCTAssertEqual(Language.choose(flag: nil, profile: nil, environment: messages), .nl)
        XCTAssertEqual(Language.choose(flag: nil, profile: nil, environment: ["LANG": "es_ES.UTF-8"]), .es)
    }

    func testUnknownValuesAreSkipped() {
        let environment = ["LC_ALL": "C", "LC_MESSAGES": "POSIX", "LANG": "nl_NL"]
        XCTAssertEqual(Language.choose(flag: "xx", profile: "", environment: environment), .nl)
        XCTAssertEqual(Language.choose(flag: nil, profile: nil, environment: ["LC_ALL": "", "LANG": "es"]), .es)
    }

    func testEnglishWhenNothingFits() {
        XCTAssertEqual(Language.choose(flag: nil, profile: nil, environment: [:]), .en)
        XCTAssertEqual(Language.choose(flag: nil, profile: nil, environment: ["LANG": "C.UTF-8", "LC_ALL": "de_DE"]), .en)
    }

    func testOtherVariablesAreIgnored() {
        XCTAssertEqual(Language.choose(flag: nil, profile: nil, environment: ["LC_TIME": "nl_NL", "LANGUAGE": "es"]), .en)
    }
}
