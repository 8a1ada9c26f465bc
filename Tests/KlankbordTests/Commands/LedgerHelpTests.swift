import XCTest
import Klankbord
@testable import KlankbordCommands
@testable import KlankbordLocalization

/// The ledger's help names its actions in the reader's own words, and each word it names works as typed.
final class LedgerHelpTests: XCTestCase {
    private func help(_ language: Language) throws -> String {
        let command = try XCTUnwrap(CommandLineTool.commands.first { $0.name == "ledger" })
        return Help.command(command, Localizer(language))
    }

    func testTheLedgerHelpListsTheActionsInTheReadersLanguage() throws {
        let dutch = try help(.nl), spanish = try help(.es), english = try help(.en)
        XCTAssertTrue(dutch.contains("begin, nieuw, voorstellen, goedkeuren, betaald, afwijzen, terugdraaien, controleer, begroting, exporteer, "
                                     + "reservekopie, herstel, overdragen, grens."), dutch)
        XCTAssertTrue(dutch.contains("met mijn,") && dutch.contains("met ontvangen <nummer>"), dutch)
        XCTAssertTrue(spanish.contains("iniciar, anotar, propuestas, aprobar, pagado, rechazar, revertir, comprobar, presupuesto, exportar, "
                                       + "copia, restaurar, traspasar, limite."), spanish)
        XCTAssertTrue(spanish.contains("con mios,") && spanish.contains("con recibido <número>"), spanish)
        XCTAssertTrue(english.contains("init, add, proposals, approve, pay, reject, reverse, verify, budget, export, backup, restore, handover, allowance."),
                      english)
        for text in [dutch, spanish] {
            for word in ["proposals", "approve", "reject", "handover", "allowance", "met mine", "con mine", "confirm <"] {
                XCTAssertFalse(text.contains(word), "\(word) in \(text)")
            }
        }
    }

    func testEveryActionTheHelpNamesIsALedgerAction() {
        for language in Language.allCases {
            let arguments = HelpWords.arguments("ledger", language)
            let named = (arguments["actions"] ?? "").components(separatedBy: ", ") + [arguments["mine"] ?? "", arguments["confirm"] ?? ""]
            XCTAssertEqual(named.count, HelpWords.ledgerFacilitatorActions.count + 2)
            for word in named {
                let action = CommandWords.subcommand(word, of: "ledger") ?? word
                XCTAssertNotNil(LedgerCommands.action(action), "\(language.rawValue): \(word)")
            }
        }
    }
}
