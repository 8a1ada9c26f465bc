import Foundation
import XCTest

/// The everyday client of issue 21 as real daemon and CLI processes: a day in Spanish words, the errors that used
/// to mislead, `dm` by name after a contact code, and unread counts without one's own messages.
final class EverydayClientTests: XCTestCase {
    private let spanish = ["LANG": "es_ES.UTF-8"]

    /// A Spanish reader types only Spanish words and reads only Spanish sentences; their own messages are not "new".
    func testASpanishDayWithoutEnglishWords() throws {
        let community = try Community()
        let anna = community.anna, bea = community.bea, fien = community.fien

        XCTAssertEqual(try anna.run(["leer", "Peers"], environment: spanish).status, 0)
        for text in ["hola", "¿vienes el martes?"] {
            let sent = try anna.run(["enviar", "Peers", text], environment: spanish)
            XCTAssertEqual(sent.status, 0, sent.error)
            XCTAssertEqual(sent.output, "Enviado a Peers.\n")
        }
        XCTAssertEqual(try bea.run(["enviar", "#Peers", "sí, allí estaré"], environment: spanish).status, 0)

        // Two of the three messages after anna's read cursor are her own: one is new to her.
        let rooms = try anna.run(["grupos"], environment: spanish)
        XCTAssertEqual(rooms.status, 0, rooms.error)
        XCTAssertTrue(rooms.output.contains("#Peers  (4 miembros)  1 mensaje nuevo\n"), rooms.output)
        XCTAssertFalse(rooms.output.contains("3 mensajes nuevos"), rooms.output)
        let listed = try anna.run(["grupos", "--json"], environment: spanish)
        XCTAssertTrue(listed.output.contains("\"unread\":1"), listed.output)
        let read = try anna.run(["leer", "Peers"], environment: spanish)
        XCTAssertTrue(read.output.contains("bea: sí, allí estaré"), read.output)
        XCTAssertTrue(try anna.run(["grupos"], environment: spanish).output.contains("#Peers"))
        XCTAssertFalse(try anna.run(["grupos"], environment: spanish).output.contains("mensaje nuevo"))

        // Invites with Spanish words and role values; what is left says "queda" for one.
        let made = try fien.run(["invitacion", "crear", "--rol", "miembro", "--usos", "1", "--dias", "2"], environment: spanish)
        XCTAssertEqual(made.status, 0, made.error)
        XCTAssertTrue(made.output.contains("con el rol de miembro"), made.output)
        let invites = try fien.run(["invitacion", "lista"], environment: spanish)
        XCTAssertTrue(invites.output.contains("queda 1 de 1, hasta el "), invites.output)
        XCTAssertFalse(invites.output.contains("quedan 1"), invites.output)
        let wrongRole = try fien.run(["invitacion", "crear", "--rol", "jefa"], environment: spanish)
        XCTAssertEqual(wrongRole.status, 1)
        XCTAssertTrue(wrongRole.error.contains("Escribe --rol miembro, --rol confianza, --rol facilitadora o --rol administradora."), wrongRole.error)

        // `invite revoke 99` names the number and `invite list`, not a copied code.
        let revoke = try fien.run(["invitacion", "anular", "99"], environment: spanish)
        XCTAssertEqual(revoke.status, 2)
        XCTAssertEqual(revoke.error, "No hay ninguna invitación con el número 99. Escribe klankbord invitacion lista para ver tus invitaciones y sus números.\n")

        // The operator shares no room with fien: verify says so instead of "check the spelling".
        let verify = try community.op.run(["comprobar", "fien"], environment: spanish)
        XCTAssertEqual(verify.status, 2)
        XCTAssertTrue(verify.error.hasPrefix("No compartes ningún grupo ni conversación privada con nadie llamado fien."), verify.error)

        XCTAssertEqual(try anna.run(["idioma", "--json"], environment: spanish).output, "{\"lang\":\"es\"}\n")
        // --json on the commands that print data beyond the lists.
        let created = try fien.run(["grupo", "crear", "Otra", "--json"], environment: spanish).output
        XCTAssertTrue(created.hasPrefix("{\"id\":") && created.hasSuffix(",\"name\":\"Otra\"}\n"), created)
        let sent = try bea.run(["enviar", "Peers", "para scripts", "--json"], environment: spanish).output
        XCTAssertTrue(sent.hasPrefix("{\"room\":") && sent.contains(",\"seq\":"), sent)
        let code = try anna.run(["comprobar", "bea", "--json"], environment: spanish).output
        XCTAssertTrue(code.hasPrefix("{\"handle\":\"bea\",\"code\":\"") && code.hasSuffix("\",\"verified\":false}\n"), code)
        XCTAssertTrue(try anna.run(["quiensoy"], environment: spanish).output.contains("anna"))
    }

    /// A text longer than one message can carry is refused before anything is sent, with the limit in the sentence.
    func testAHundredKilobyteMessageIsRefusedWithTheLimit() throws {
        let community = try Community()
        let long = String(repeating: "a", count: 100_000)
        let result = try community.carla.run(["send", "Peers", long])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.error, "This message is too long: 100000 characters. The most is 15872. Nothing was sent. Make it shorter or send it in parts.\n")
        let dm = try community.carla.run(["dm", "anna", long], environment: spanish)
        XCTAssertTrue(dm.error.contains("El máximo es 15872"), dm.error)
        XCTAssertEqual(try community.read(community.fien), [])
        XCTAssertEqual(try community.read(community.anna, "@carla"), [])
    }

    /// After a thread was opened with a contact code (no shared room), `dm <name>` writes in that thread.
    func testDirectByNameAfterTheContactCode() throws {
        let community = try Community()
        let dora = Person(community.base, "dora")
        let invite = try XCTUnwrap(community.fien.ok(["invite", "create", "--role", "member"]).first)
        try dora.ok(["join", invite, "--handle", "dora"])
        let line = try XCTUnwrap(community.anna.ok(["contact", "--json"]).first)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        let code = try XCTUnwrap(object["code"] as? String)
        XCTAssertNotNil(object["expires_at"] as? Int)
        try dora.ok(["dm", "--code", code, "hello anna"])
        let again = try dora.run(["dm", "anna", "me again"])
        XCTAssertEqual(again.status, 0, again.error)
        XCTAssertEqual(try dora.run(["privado", "@anna", "y otra vez"], environment: spanish).status, 0)
        XCTAssertEqual(try community.read(community.anna, "@dora"), ["hello anna", "me again", "y otra vez"])
        XCTAssertEqual(try community.anna.run(["leer", "@dora"], environment: spanish).output,
                       "No hay mensajes nuevos en tu conversación privada con dora.\n")
    }

    /// Without `--profile`, a person who joined with another folder is told which folder was looked at.
    func testAForgottenProfileNamesTheFolderLookedAt() throws {
        let home = try Products.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: home) }
        let process = Process()
        process.executableURL = Products.cli
        process.arguments = ["rooms"]
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = home.path
        environment["LANG"] = "C"
        for name in ["XDG_DATA_HOME", "LC_ALL", "LC_MESSAGES", "KLANKBORD_PASSPHRASE"] { environment.removeValue(forKey: name) }
        process.environment = environment
        let stderr = Pipe()
        process.standardError = stderr
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let error = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 4)
        XCTAssertTrue(error.hasPrefix("There is no profile in \(home.path)/.local/share/klankbord. Did you join with another folder? Then add --profile"), error)
    }
}
