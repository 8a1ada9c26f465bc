import Synchronization
import XCTest
import Klankbord
@testable import KlankbordCommands
@testable import KlankbordLocalization
@testable import KlankbordSystem

/// The Dutch and Spanish command words: every command has them, none clashes, and the CLI, its help and its
/// hints use them.
final class CommandWordsTests: XCTestCase {
    private final class Capture: Sendable {
        let text = Mutex<(output: String, error: String)>(("", ""))
    }

    /// Runs the CLI in this process with no profile (a folder that does not exist).
    private func run(_ words: [String]) -> (code: Int32, output: String, error: String) {
        let capture = Capture()
        let terminal = Terminal { text, fd in
            capture.text.withLock { if fd == 2 { $0.error += text } else { $0.output += text } }
        }
        let code = CommandLineTool.run(words + ["--profile", "/nonexistent/klankbord-words"], environment: ["LANG": "C"], terminal: terminal)
        return capture.text.withLock { (code, $0.output, $0.error) }
    }

    func testEveryCommandHasADutchAndASpanishWord() {
        for command in CommandLineTool.commands {
            for language in [Language.nl, .es] {
                XCTAssertNotEqual(CommandWords.written(command.name, in: language), command.name, "\(command.name) has no \(language.rawValue) words")
            }
        }
        for option in Arguments.valueOptions.union(Arguments.switches) {
            XCTAssertNotNil(CommandWords.options[option], "--\(option) has no Dutch or Spanish name")
        }
    }

    /// A word means one thing whatever the language: no word of one command is a word of another command.
    func testNoWordNamesTwoThings() {
        var owner: [String: String] = [:]
        for (english, words) in CommandWords.commands {
            for word in [english] + words.all {
                if let other = owner[word], other != english { XCTFail("\(word) names both \(other) and \(english)") }
                owner[word] = english
            }
        }
        for (group, table) in CommandWords.subcommands {
            var inGroup: [String: String] = [:]
            for (english, words) in table {
                for word in [english] + words.all {
                    if let other = inGroup[word], other != english { XCTFail("\(group) \(word) names both \(other) and \(english)") }
                    inGroup[word] = english
                }
            }
        }
        var options: [String: String] = [:]
        for (english, words) in CommandWords.options {
            for word in [english] + words.all {
                if let other = options[word], other != english { XCTFail("--\(word) names both --\(other) and --\(english)") }
                options[word] = english
            }
        }
    }

    func testCommandsAreFoundInEachLanguage() throws {
        let cases: [([String], String)] = [
            (["enviar", "Peers", "hola"], "send"), (["stuur", "Peers", "hoi"], "send"), (["send", "Peers", "hi"], "send"),
            (["grupo", "crear", "X"], "room create"), (["groep", "maak", "X"], "room create"),
            (["invitacion", "anular", "3"], "invite revoke"), (["invitación", "lista"], "invite list"), (["uitnodiging", "intrekken", "3"], "invite revoke"),
            (["pánico"], "panic"), (["privado", "anna"], "dm"), (["comprobar", "bea"], "verify"), (["Enviar", "x", "y"], "send"),
        ]
        for (words, expected) in cases {
            let (command, _) = try XCTUnwrap(CommandLineTool.find(words), words.joined(separator: " "))
            XCTAssertEqual(command.name, expected)
        }
        // The words after the command are left as they are: a room called "crear" is still a room.
        XCTAssertEqual(try XCTUnwrap(CommandLineTool.find(["enviar", "crear", "hola"])).1, 1)
        XCTAssertNil(CommandLineTool.find(["mandar"]))
    }

    func testOptionsAndRolesInEachLanguage() throws {
        let arguments = try Arguments(["--perfil", "/tmp/x", "--rol", "facilitadora", "--usos", "3", "--dias=2", "--ayuda", "--ahora", "--taal", "nl"])
        XCTAssertEqual(arguments.value("profile"), "/tmp/x")
        XCTAssertEqual(arguments.value("role"), "facilitadora")
        XCTAssertEqual(arguments.value("uses"), "3")
        XCTAssertEqual(arguments.value("days"), "2")
        XCTAssertEqual(arguments.value("lang"), "nl")
        XCTAssertTrue(arguments.has("help"))
        XCTAssertTrue(arguments.has("now"))
        XCTAssertThrowsError(try Arguments(["--perfiles", "x"]))
        XCTAssertEqual(CommandWords.role("facilitadora"), .facilitator)
        XCTAssertEqual(CommandWords.role("Begeleider"), .facilitator)
        XCTAssertEqual(CommandWords.role("miembro"), .member)
        XCTAssertEqual(CommandWords.role("vertrouwd"), .trusted)
        XCTAssertEqual(CommandWords.role("administradora"), .operator)
        XCTAssertEqual(CommandWords.role("operator"), .operator)
        XCTAssertNil(CommandWords.role("jefa"))
    }

    /// The sentence for an unknown role names the role words of its own language, which the CLI takes.
    func testUnknownRoleSentenceNamesTheRoleWordsOfItsLanguage() {
        for language in Language.allCases {
            let sentence = Localizer(language)("cli.invite.unknown_role", ["role": "x"])
            for word in CommandWords.roleList(in: language) {
                XCTAssertTrue(sentence.contains(word), "\(language.rawValue) names \(word)")
                XCTAssertNotNil(CommandWords.role(word))
            }
        }
    }

    /// Every `klankbord <words>` a Dutch or Spanish sentence tells a person to type is a command in that language's words.
    func testHintsUseTheWordsOfTheirLanguage() throws {
        for language in [Language.nl, .es] {
            for key in Catalog.shared.keys(in: language) where key.hasPrefix("cli.") || key.hasPrefix("help.") || key.hasPrefix("error.") {
                let text = Localizer(language)(key)
                var rest = text[...]
                while let range = rest.range(of: "klankbord ") {
                    let word = rest[range.upperBound...].prefix { $0.isLetter }
                    rest = rest[range.upperBound...]
                    guard !word.isEmpty, let english = CommandWords.command(String(word)) else { continue }
                    XCTAssertNotEqual(String(word), english, "\(language.rawValue) \(key) tells the person to type the English \(word)")
                }
            }
        }
    }

    func testGroupHelpListsItsCommandsInTheLanguage() {
        let spanish = run(["grupo", "--ayuda", "--idioma", "es"])
        XCTAssertEqual(spanish.code, 0)
        XCTAssertTrue(spanish.output.hasPrefix("Los comandos que empiezan con klankbord grupo:"), spanish.output)
        for usage in ["klankbord grupo crear <nombre>", "klankbord grupo invitar <grupo>", "klankbord grupo salir <grupo>", "klankbord grupo quitar <grupo> <nombre>"] {
            XCTAssertTrue(spanish.output.contains(usage), usage)
        }
        let english = run(["invite", "--help"])
        XCTAssertEqual(english.code, 0)
        XCTAssertTrue(english.output.contains("klankbord invite revoke <number>"), english.output)
        XCTAssertFalse(english.output.contains("room create"), "only the invite commands")
        // Without --help the group alone is incomplete: its help, and exit code 1.
        XCTAssertEqual(run(["room"]).code, 1)
        // `help send` is the help of send.
        XCTAssertTrue(run(["ayuda", "enviar", "--idioma", "es"]).output.hasPrefix("Cómo se usa: klankbord enviar <grupo> <texto>"))
    }

    func testOverviewShowsTheLanguagesWordsFirstAndTheEnglishBeside() {
        let spanish = run(["--help", "--lang", "es"]).output
        XCTAssertTrue(spanish.contains("  enviar (send) "), spanish)
        XCTAssertTrue(spanish.contains("  grupo crear (room create) "), spanish)
        XCTAssertTrue(spanish.contains("  --perfil <carpeta>"), spanish)
        let dutch = run(["--help", "--lang", "nl"]).output
        XCTAssertTrue(dutch.contains("  stuur (send) "), dutch)
        let english = run(["--help"]).output
        XCTAssertTrue(english.contains("  send            "), english)
        XCTAssertFalse(english.contains("(send)"), "English shows each word once")
    }

    /// A command that prints no data says so in its help instead of pretending `--json` works.
    func testHelpSaysWhichCommandsHaveNoJSON() {
        XCTAssertTrue(run(["lock", "--help"]).output.contains("This command prints no data, so --json changes nothing."))
        XCTAssertFalse(run(["lang", "--help"]).output.contains("prints no data"))
    }

    /// Every ledger action has a Dutch and a Spanish word that reaches the same action (`cuentas mios` is `ledger mine`).
    func testEveryLedgerActionHasItsWordsInDutchAndSpanish() throws {
        let words = try XCTUnwrap(CommandWords.subcommands["ledger"])
        for (english, translations) in words {
            XCTAssertNotNil(LedgerCommands.action(english), english)
            for word in translations.all {
                XCTAssertEqual(CommandWords.subcommand(word, of: "ledger"), english, word)
            }
        }
        XCTAssertEqual(CommandWords.subcommand("mios", of: "ledger"), "mine")
        XCTAssertEqual(CommandWords.subcommand("ontvangen", of: "ledger"), "confirm")
    }
}
