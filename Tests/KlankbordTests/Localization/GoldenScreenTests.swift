import Synchronization
import XCTest
import Klankbord
@testable import KlankbordCommands
@testable import KlankbordLocalization
@testable import KlankbordSystem

/// Whole screens and sentences, in each language, compared word for word with the texts in
/// `GoldenScreens+English.swift`, `GoldenScreens+Dutch.swift` and `GoldenScreens+Spanish.swift`.
///
/// When a catalog text changes on purpose, change the golden text with it: the difference is the
/// review of what a person will read.
final class GoldenScreenTests: XCTestCase {
    /// What one run of the CLI wrote, and its exit code.
    struct Screen {
        var exitCode: Int32
        var output: String
        var error: String
    }

    /// Collects the text the CLI writes; the terminal may call it from any thread.
    private final class Capture: Sendable {
        let text = Mutex<(output: String, error: String)>(("", ""))
    }

    /// Runs `klankbord` in this process. Without `XDG_DATA_HOME` and `HOME` in `environment`, the CLI
    /// would look for a profile under the current folder; a folder that does not exist keeps runs apart
    /// from any real profile (whose stored language would win over `LANG`).
    private func run(_ words: [String], environment: [String: String] = [:]) -> Screen {
        let capture = Capture()
        let terminal = Terminal { text, fd in
            capture.text.withLock { if fd == 2 { $0.error += text } else { $0.output += text } }
        }
        var environment = environment
        environment["XDG_DATA_HOME"] = environment["XDG_DATA_HOME"] ?? "/nonexistent/klankbord-golden"
        let code = CommandLineTool.run(words, environment: environment, terminal: terminal)
        return capture.text.withLock { Screen(exitCode: code, output: $0.output, error: $0.error) }
    }

    private static let goldens: [Language: GoldenScreens] = [.en: .english, .nl: .dutch, .es: .spanish]

    private func golden(_ language: Language) throws -> GoldenScreens {
        try XCTUnwrap(GoldenScreenTests.goldens[language], "no golden screens for \(language.rawValue)")
    }

    /// 14 January 2027, 18:00 UTC: 19:00 in Amsterdam (CET, winter time).
    private func meetingTime() throws -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try XCTUnwrap(TimeZone(identifier: "UTC"))
        return try XCTUnwrap(calendar.date(from: DateComponents(year: 2027, month: 1, day: 14, hour: 18, minute: 0)))
    }

    // MARK: Screens of the CLI

    func testTopLevelHelp() throws {
        for language in Language.allCases {
            let screen = run(["--help", "--lang", language.rawValue])
            XCTAssertEqual(screen.exitCode, 0, language.rawValue)
            XCTAssertEqual(screen.error, "", language.rawValue)
            XCTAssertEqual(screen.output, try golden(language).overviewHelp + "\n", language.rawValue)
        }
    }

    func testInviteCreateHelp() throws {
        for language in Language.allCases {
            let screen = run(["invite", "create", "--help", "--lang", language.rawValue])
            XCTAssertEqual(screen.exitCode, 0, language.rawValue)
            XCTAssertEqual(screen.error, "", language.rawValue)
            XCTAssertEqual(screen.output, try golden(language).inviteCreateHelp + "\n", language.rawValue)
        }
    }

    func testNotJoinedYetGoesToStandardErrorWithExitCodeFour() throws {
        for language in Language.allCases {
            let screen = run(["rooms", "--profile", "/nonexistent/x", "--lang", language.rawValue])
            XCTAssertEqual(screen.exitCode, 4, language.rawValue)
            XCTAssertEqual(screen.output, "", language.rawValue)
            XCTAssertEqual(screen.error, try golden(language).notJoinedYet + "\n", language.rawValue)
        }
    }

    // MARK: Sentences and formats

    func testInviteExpiredSentence() throws {
        for language in Language.allCases {
            XCTAssertEqual(ErrorText.sentence(for: .inviteExpired, Localizer(language)), try golden(language).inviteExpired)
        }
    }

    func testUnreadSummaryForOneAndForThree() throws {
        for language in Language.allCases {
            let t = Localizer(language)
            XCTAssertEqual(t.plural("unread.summary", count: 1), try golden(language).unreadOne)
            XCTAssertEqual(t.plural("unread.summary", count: 3), try golden(language).unreadThree)
        }
    }

    func testDateTimeIsAmsterdamTime() throws {
        let date = try meetingTime()
        for language in Language.allCases {
            XCTAssertEqual(Localizer(language).dateTime(date), try golden(language).meetingDateTime)
        }
    }

    func testMoney() throws {
        for language in Language.allCases {
            XCTAssertEqual(Localizer(language).money(cents: 2500), try golden(language).twentyFiveEuros)
        }
    }

    // MARK: Language from the environment

    func testLangSpanishWithoutFlagGivesSpanishHelp() throws {
        let screen = run(["--help"], environment: ["LANG": "es_ES.UTF-8"])
        XCTAssertEqual(screen.exitCode, 0)
        XCTAssertEqual(screen.output, try golden(.es).overviewHelp + "\n")
    }

    func testLangCGivesEnglishHelp() throws {
        let screen = run(["--help"], environment: ["LANG": "C"])
        XCTAssertEqual(screen.exitCode, 0)
        XCTAssertEqual(screen.output, try golden(.en).overviewHelp + "\n")
    }

    func testLangFlagWinsOverEnvironment() throws {
        let screen = run(["--help", "--lang", "nl"], environment: ["LANG": "es_ES.UTF-8", "LC_ALL": "es_ES.UTF-8"])
        XCTAssertEqual(screen.output, try golden(.nl).overviewHelp + "\n")
    }

    // MARK: The golden texts themselves

    func testGoldenTextsDifferPerLanguage() throws {
        let help = try Language.allCases.map { try golden($0).overviewHelp }
        XCTAssertEqual(Set(help).count, Language.allCases.count, "two languages share a golden help screen")
    }
}

/// The expected texts for one language. Screens are given without their last line break.
struct GoldenScreens {
    /// `klankbord --help`
    let overviewHelp: String
    /// `klankbord invite create --help`
    let inviteCreateHelp: String
    /// `klankbord rooms --profile /nonexistent/x` (standard error, exit code 4)
    let notJoinedYet: String
    /// The sentence for the server's `invite_expired`.
    let inviteExpired: String
    /// `unread.summary` for 1 and for 3.
    let unreadOne: String
    let unreadThree: String
    /// 2027-01-14 18:00 UTC, shown in Amsterdam time.
    let meetingDateTime: String
    /// 2500 cents.
    let twentyFiveEuros: String
}
