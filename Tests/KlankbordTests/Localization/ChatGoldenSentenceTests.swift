import XCTest
import Klankbord
@testable import KlankbordCommands
@testable import KlankbordLocalization

/// Every sentence the chat view says, word for word in each language, with the slash words of that language.
/// When a text changes on purpose, change it here too: the difference is the review of what a person will read.
final class ChatGoldenSentenceTests: XCTestCase {
    private static let values = ["room": "Peers", "text": "hoi", "count": "20000", "limit": "15872", "command": "/nada", "handles": "anna, bea", "handle": "bea"]

    private static let golden: [Language: [String: String]] = [
        .en: [
            "cli.chat.delivered": "hoi  ✓",
            "cli.chat.disconnected": "The connection to the server is gone. Klankbord keeps trying to connect again. What you type stays here.",
            "cli.chat.help": "Commands: /who shows who is in this room. /help shows this text. /quit stops the chat. To send a line that starts with /, type // at the start.",
            "cli.chat.not_connected": "There is no connection to the server right now, so nothing was sent. Your text stays here. Press Enter again when you are connected.",
            "cli.chat.reconnected": "You are connected again. Missed messages are shown above.",
            "cli.chat.started": "You are in Peers. Type a message and press Enter. Type /help to see the commands, or /quit to stop.",
            "cli.chat.started_direct": "This is your private conversation with bea. Type a message and press Enter. Type /help to see the commands, or /quit to stop.",
            "cli.chat.too_long": "This message is too long: 20000 characters. The most is 15872. Nothing was sent. Make it shorter or send it in parts.",
            "cli.chat.unknown_command": "/nada is not a command, so nothing was sent. Type /help to see the commands.",
            "cli.chat.who": "In this room: anna, bea.",
        ],
        .nl: [
            "cli.chat.delivered": "hoi  ✓",
            "cli.chat.disconnected": "De verbinding met de server is weg. Klankbord probeert steeds opnieuw te verbinden. Wat je typt, blijft staan.",
            "cli.chat.help": "Opdrachten: /wie laat zien wie in deze groep zit. /hulp laat deze tekst zien. /stoppen stopt de chat. Wil je een regel sturen die met / begint? Typ dan // aan het begin.",
            "cli.chat.not_connected": "Er is nu geen verbinding met de server, dus er is niets verstuurd. Je tekst blijft staan. Druk weer op Enter als er verbinding is.",
            "cli.chat.reconnected": "Je bent weer verbonden. Berichten die je miste, staan hierboven.",
            "cli.chat.started": "Je bent in Peers. Typ een bericht en druk op Enter. Typ /hulp voor de opdrachten, of /stoppen om te stoppen.",
            "cli.chat.started_direct": "Dit is je privégesprek met bea. Typ een bericht en druk op Enter. Typ /hulp voor de opdrachten, of /stoppen om te stoppen.",
            "cli.chat.too_long": "Dit bericht is te lang: 20000 tekens. Het mogen er hoogstens 15872 zijn. Er is niets verstuurd. Maak het korter of stuur het in delen.",
            "cli.chat.unknown_command": "/nada is geen opdracht, dus er is niets verstuurd. Typ /hulp om de opdrachten te zien.",
            "cli.chat.who": "In deze groep: anna, bea.",
        ],
        .es: [
            "cli.chat.delivered": "hoi  ✓",
            "cli.chat.disconnected": "Se perdió la conexión con el servidor. Klankbord sigue intentando conectar. Lo que escribes se queda aquí.",
            "cli.chat.help": "Órdenes: /quien muestra quién está en este grupo. /ayuda muestra este texto. /salir cierra el chat. Para enviar una línea que empieza con /, escribe // al principio.",
            "cli.chat.not_connected": "Ahora no hay conexión con el servidor, así que no se envió nada. Tu texto se queda aquí. Pulsa Enter otra vez cuando haya conexión.",
            "cli.chat.reconnected": "Ya tienes conexión otra vez. Arriba están los mensajes que no viste.",
            "cli.chat.started": "Estás en Peers. Escribe un mensaje y pulsa Enter. Escribe /ayuda para ver las órdenes, o /salir para salir.",
            "cli.chat.started_direct": "Esta es tu conversación privada con bea. Escribe un mensaje y pulsa Enter. Escribe /ayuda para ver las órdenes, o /salir para salir.",
            "cli.chat.too_long": "Este mensaje es demasiado largo: 20000 caracteres. El máximo es 15872. No se envió nada. Hazlo más corto o envíalo en partes.",
            "cli.chat.unknown_command": "/nada no es una orden, así que no se envió nada. Escribe /ayuda para ver las órdenes.",
            "cli.chat.who": "En este grupo: anna, bea.",
        ],
    ]

    func testEveryChatSentenceInEachLanguage() throws {
        for language in Language.allCases {
            let sentences = try XCTUnwrap(Self.golden[language], "no golden chat sentences for \(language.rawValue)")
            for (key, expected) in sentences {
                XCTAssertEqual(Localizer(language)(key, Self.values), expected, "\(language.rawValue) \(key)")
            }
        }
    }

    /// Each language's help and first line name slash words that the chat really takes, and they are its own.
    func testSlashWordsNamedInEachLanguageWork() throws {
        let named: [Language: (quit: String, help: String, who: String)] = [.en: ("/quit", "/help", "/who"), .nl: ("/stoppen", "/hulp", "/wie"),
                                                                             .es: ("/salir", "/ayuda", "/quien")]
        for language in Language.allCases {
            let words = try XCTUnwrap(named[language])
            let help = Localizer(language)("cli.chat.help")
            for word in [words.quit, words.help, words.who] { XCTAssertTrue(help.contains(word), "\(language.rawValue) help names \(word)") }
            XCTAssertEqual(SlashCommand(words.quit), .quit)
            XCTAssertEqual(SlashCommand(words.help), .help)
            XCTAssertEqual(SlashCommand(words.who), .who)
            XCTAssertTrue(Localizer(language)("cli.chat.started", Self.values).contains(words.quit))
            XCTAssertTrue(Localizer(language)("cli.chat.started_direct", Self.values).contains(words.quit))
        }
    }
}
