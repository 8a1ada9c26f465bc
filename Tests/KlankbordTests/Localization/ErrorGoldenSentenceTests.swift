import XCTest
import Klankbord
@testable import KlankbordClient
@testable import KlankbordCommands
@testable import KlankbordLocalization
@testable import KlankbordProtocol

/// The sentences that replaced misleading ones (issue 21), word for word in each language, as `ErrorText` and the
/// commands fill them in. When a text changes on purpose, change it here too.
final class ErrorGoldenSentenceTests: XCTestCase {
    private static let server = ServerAddress(host: "127.0.0.1", port: 7447)

    func testServerDownIsNotNoInternet() {
        let golden: [Language: (down: String, unreachable: String)] = [
            .en: ("The server 127.0.0.1:7447 does not answer right now, but your internet works. Try again later. If it keeps happening, tell your facilitator.",
                  "Cannot reach the server 127.0.0.1:7447. Check your internet connection and try again. If it keeps happening, ask your facilitator."),
            .nl: ("De server 127.0.0.1:7447 reageert nu niet, maar je internet werkt wel. Probeer het later opnieuw. Blijft het zo? Zeg het dan tegen je begeleider.",
                  "klankbord kan de server 127.0.0.1:7447 niet bereiken. Controleer je internetverbinding en probeer het opnieuw. Blijft het misgaan? Vraag dan je begeleider om hulp."),
            .es: ("El servidor 127.0.0.1:7447 no responde ahora, pero tu internet funciona. Inténtalo más tarde. Si sigue así, díselo a tu persona facilitadora.",
                  "klankbord no puede conectar con el servidor 127.0.0.1:7447. Revisa tu conexión a internet e inténtalo de nuevo. Si el problema sigue, pide ayuda a la persona facilitadora."),
        ]
        for language in Language.allCases {
            let t = Localizer(language)
            XCTAssertEqual(ErrorText.sentence(for: .serverDown, server: Self.server, t), golden[language]?.down)
            XCTAssertEqual(ErrorText.sentence(for: .cannotReachServer, server: Self.server, t), golden[language]?.unreachable)
        }
    }

    func testTooLargeSaysTheLimit() {
        let golden: [Language: String] = [
            .en: "This message is too long. The most is 15872 characters. Make it shorter and try again.",
            .nl: "Dit bericht is te lang. Het mag hoogstens 15872 tekens zijn. Maak het korter en probeer het opnieuw.",
            .es: "Este mensaje es demasiado largo. El máximo es 15872 caracteres. Hazlo más corto e inténtalo de nuevo.",
        ]
        for language in Language.allCases {
            XCTAssertEqual(ErrorText.sentence(for: .tooLarge, Localizer(language)), golden[language])
        }
    }

    func testMissingProfileNamesTheFolder() {
        let golden: [Language: String] = [
            .en: "There is no profile in /home/x/.local/share/klankbord. Did you join with another folder? Then add --profile and that folder. New here? Ask a facilitator for an invite code, then type: klankbord join <code>",
            .nl: "Er is geen profiel in /home/x/.local/share/klankbord. Deed je mee met een andere map? Zet dan --profiel en die map erachter. Ben je nieuw? Vraag een begeleider om een uitnodigingscode. Typ daarna: klankbord meedoen <code>",
            .es: "No hay ningún perfil en /home/x/.local/share/klankbord. ¿Te uniste con otra carpeta? Entonces añade --perfil y esa carpeta. ¿Es tu primera vez? Pide un código de invitación a una persona facilitadora. Después escribe: klankbord unirse <código>",
        ]
        for language in Language.allCases {
            XCTAssertEqual(ErrorText.sentence(for: .missing, directory: "/home/x/.local/share/klankbord", Localizer(language)), golden[language])
        }
    }

    /// "Update klankbord" only where a newer version is the cause; a garbled answer or request is not that.
    func testUpdateIsSaidOnlyForAVersionCause() {
        let versionCauses: Set<String> = ["error.client.unsupported_version", "error.server.unsupported_version", "error.server.unknown_type"]
        let updateWords: [Language: String] = [.en: "update klankbord", .nl: "nieuwe versie van klankbord", .es: "actualiza klankbord"]
        for language in Language.allCases {
            let word = updateWords[language] ?? ""
            for key in Catalog.shared.keys(in: language) where key.hasPrefix("error.") && !versionCauses.contains(key) {
                XCTAssertFalse(Localizer(language)(key).lowercased().contains(word), "\(language.rawValue) \(key) asks to update klankbord")
            }
        }
        XCTAssertEqual(ErrorText.sentence(for: .protocolViolation, server: Self.server, Localizer(.es)),
                       "El servidor envió una respuesta que klankbord no entiende, así que klankbord se ha parado. Inténtalo más tarde. Si sigue pasando, díselo a tu persona facilitadora.")
    }

    func testNothingNewInAPrivateConversationNamesThePerson() {
        let golden: [Language: String] = [
            .en: "No new messages in your private conversation with bea.",
            .nl: "Geen nieuwe berichten in je privégesprek met bea.",
            .es: "No hay mensajes nuevos en tu conversación privada con bea.",
        ]
        for language in Language.allCases {
            XCTAssertEqual(Localizer(language)("cli.read.nothing_new_direct", ["handle": "bea"]), golden[language])
        }
    }

    func testRevokeUnknownVerifyNotFoundAndInviteState() {
        let golden: [Language: [String]] = [
            .en: ["There is no invite with number 99. Type klankbord invite list to see your invites and their numbers.",
                  "You share no room or private conversation with anyone called fien. You can only check the code of people you share one with. Type klankbord rooms to see yours.",
                  "1 of 3 left, until Thu 14 Jan 2027, 19:00", "2 of 3 left, until Thu 14 Jan 2027, 19:00",
                  "This invite is for one person, as facilitator. It works until Thu 14 Jan 2027, 19:00."],
            .nl: ["Er is geen uitnodiging met nummer 99. Typ klankbord uitnodiging lijst om je uitnodigingen en hun nummers te zien.",
                  "Je deelt geen groep of privégesprek met iemand die fien heet. Je kunt alleen de code controleren van mensen met wie je er een deelt. Typ klankbord groepen om die van jou te zien.",
                  "nog 1 van 3, tot do 14 jan 2027, 19:00", "nog 2 van 3, tot do 14 jan 2027, 19:00",
                  "Deze uitnodiging is voor één persoon, als begeleider. De code werkt tot do 14 jan 2027, 19:00."],
            .es: ["No hay ninguna invitación con el número 99. Escribe klankbord invitacion lista para ver tus invitaciones y sus números.",
                  "No compartes ningún grupo ni conversación privada con nadie llamado fien. Solo puedes comprobar el código de personas con quien compartes uno. Escribe klankbord grupos para ver los tuyos.",
                  "queda 1 de 3, hasta el jueves 14 ene 2027, 19:00", "quedan 2 de 3, hasta el jueves 14 ene 2027, 19:00",
                  "Con esta invitación puede entrar una persona, con el rol de persona facilitadora. El código funciona hasta el jueves 14 ene 2027, 19:00."],
        ]
        // 14 January 2027, 18:00 UTC.
        let until = Date(timeIntervalSince1970: 1_799_949_600)
        for language in Language.allCases {
            let t = Localizer(language)
            let when = t.dateTime(until)
            let said = [t("cli.invite.revoke_unknown", ["id": "99"]), t("cli.verify.not_found", ["handle": "fien"]),
                        t.plural("cli.invite.state.open", count: 1, ["total": "3", "until": when]),
                        t.plural("cli.invite.state.open", count: 2, ["total": "3", "until": when]),
                        t.plural("cli.invite.created", count: 1, ["role": t(Role.facilitator.label), "until": when])]
            XCTAssertEqual(said, golden[language], language.rawValue)
        }
    }
}
