import XCTest
import Klankbord
@testable import KlankbordCommands
@testable import KlankbordLocalization

/// The new sentences about naming rooms and people, word for word in each language (golden texts).
final class ReferenceSentenceTests: XCTestCase {
    private struct Expected {
        let ambiguous: String
        let sameName: String
        let ready: String
        let nameTaken: String
        let unknown: String
    }

    private let expected: [Language: Expected] = [
        .en: Expected(ambiguous: "Hulplijn is the name of a room and of a person. Write '#Hulplijn' for the room or @Hulplijn for the person.",
                      sameName: "You are in more than one room called Peers. Choose one by its number: id:3, id:9.",
                      ready: "Room Peers is ready. Invite people with: klankbord room invite '#Peers'",
                      nameTaken: "You are already in a room with this name. Choose another name.",
                      unknown: "You have no room and no conversation called anna. Type klankbord rooms to see them. To start one with a person, write @anna."),
        .nl: Expected(ambiguous: "Hulplijn is de naam van een groep en van een persoon. Schrijf '#Hulplijn' voor de groep of @Hulplijn voor de persoon.",
                      sameName: "Je zit in meer dan één groep met de naam Peers. Kies er één met het nummer: id:3, id:9.",
                      ready: "De groep Peers is klaar. Nodig mensen uit met: klankbord groep uitnodigen '#Peers'",
                      nameTaken: "Je zit al in een groep met deze naam. Kies een andere naam.",
                      unknown: "Je hebt geen groep en geen gesprek met de naam anna. Typ klankbord groepen om ze te zien. Schrijf @anna om een gesprek met een persoon te beginnen."),
        .es: Expected(ambiguous: "Hulplijn es el nombre de un grupo y de una persona. Escribe '#Hulplijn' para el grupo o @Hulplijn para la persona.",
                      sameName: "Estás en más de un grupo con el nombre Peers. Elige uno por su número: id:3, id:9.",
                      ready: "El grupo Peers está listo. Invita a personas con: klankbord grupo invitar '#Peers'",
                      nameTaken: "Ya estás en un grupo con este nombre. Elige otro nombre.",
                      unknown: "No tienes ningún grupo ni ninguna conversación con el nombre anna. Escribe klankbord grupos para verlos. Para empezar una con una persona, escribe @anna."),
    ]

    func testEveryNewSentenceInEveryLanguage() throws {
        for language in Language.allCases {
            let t = Localizer(language)
            let want = try XCTUnwrap(expected[language], language.rawValue)
            XCTAssertEqual(t("cli.reference.ambiguous", ["name": "Hulplijn"]), want.ambiguous)
            XCTAssertEqual(t("cli.reference.same_name", ["room": "Peers", "ids": "id:3, id:9"]), want.sameName)
            XCTAssertEqual(t("cli.room.ready", ["room": "Peers"]), want.ready)
            XCTAssertEqual(ErrorText.sentence(for: .nameTaken, t), want.nameTaken)
            XCTAssertEqual(t("cli.reference.unknown", ["name": "anna"]), want.unknown)
        }
    }

    func testEveryCommandThatNamesARoomExplainsTheSignsInItsHelp() throws {
        for language in Language.allCases {
            let t = Localizer(language)
            for command in CommandLineTool.commands {
                let help = Help.command(command, t)
                XCTAssertEqual(help.contains(t("help.references")), Help.takesReference.contains(command.name), "\(language.rawValue) \(command.name)")
            }
            XCTAssertTrue(t("help.references").contains("'#Peers'"), language.rawValue)
        }
        XCTAssertTrue(Help.takesReference.isSubset(of: Set(CommandLineTool.commands.map(\.name))))
    }
}
