import Foundation
import XCTest

/// The same scripted session in three languages, as real processes.
final class LanguageSessionTests: XCTestCase {
    func testSessionSpeaksTheChosenLanguage() throws {
        let community = try Community()
        var anna = community.anna
        let spanish = ["LANG": "es_ES.UTF-8"]
        try community.fien.ok(["send", "Peers", "hola a todas"])

        anna.language = "es_ES.UTF-8"
        XCTAssertTrue(try anna.run(["read", "Peers"], environment: spanish).output.contains("hola a todas"))
        XCTAssertTrue(try anna.run(["read", "Peers"], environment: spanish).output.contains("No hay mensajes nuevos"))
        let refused = try anna.run(["room", "create", "X"], environment: spanish)
        XCTAssertEqual(refused.status, 2)
        XCTAssertTrue(refused.error.contains("No tienes permiso"), refused.error)

        anna.language = "C"
        XCTAssertTrue(try anna.run(["read", "Peers", "--lang", "nl"]).output.contains("Geen nieuwe berichten"))
        XCTAssertTrue(try anna.run(["read", "Peers"]).output.contains("No new messages"))

        // A stored choice is used when no flag is given, and beats LANG.
        try anna.ok(["lang", "nl"])
        XCTAssertTrue(try anna.run(["read", "Peers"], environment: spanish).output.contains("Geen nieuwe berichten"))
    }
}
