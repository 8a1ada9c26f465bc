import Foundation
import Klankbord
@testable import KlankbordClient
@testable import KlankbordConsultations
@testable import KlankbordE2E
import XCTest

/// Issue 19 with real processes: a facilitator asks, members answer privately, the report has exactly the counted
/// answers, and nobody else (another member, the server) ever holds an answer or who gave it.
final class ConsultationFlowTests: XCTestCase {
    private let question = "Wat vind je van SENTINEL-QUESTION-5c1d?"
    private let sentinels = ["SENTINEL-ANNA-FIRST-a1e0", "SENTINEL-ANNA-LAST-77b2", "SENTINEL-BEA-0d4c", "SENTINEL-CARLA-93f1",
                             "SENTINEL-FOLLOWUP-6a2e"]

    /// The consultation events `person`'s profile holds for `room`, decrypted: what a seized, unlocked device shows.
    static func heldConsultationEvents(_ person: Person, room: UInt64) throws -> (me: UInt64, events: [FeatureEvent]) {
        let profile = try Profile(openingAt: person.profile.path) { nil }
        let me = try XCTUnwrap(profile.account?.id)
        return (me, profile.featureEvents(room, prefix: "consultation."))
    }

    static let answerTypes: Set<String> = ["consultation.answered", "consultation.changed", "consultation.withdrawn"]

    /// The code `consult pose --json` printed.
    static func code(_ lines: [String]) throws -> String {
        let json = try XCTUnwrap(lines.last { $0.hasPrefix("{") })
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        return try XCTUnwrap(object["code"] as? String)
    }

    /// Every file below `folder`, as raw bytes.
    static func files(in folder: URL) throws -> [(String, Data)] {
        let paths = FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String } ?? []
        return try paths.compactMap { relative in
            let url = folder.appendingPathComponent(relative)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else { return nil }
            return (relative, try Data(contentsOf: url))
        }
    }

    func testAFacilitatorAsksMembersAnswerPrivatelyAndTheReportCountsTheLastAnswers() throws {
        let community = try Community()
        // Three languages in one run: the facilitator reads Dutch, anna English, bea Spanish.
        var fien = community.fien, anna = community.anna, bea = community.bea
        fien.language = "nl_NL.UTF-8"
        anna.language = "en_GB.UTF-8"
        bea.language = "es_ES.UTF-8"
        let carla = community.carla
        let dora = Person(community.base, "dora")
        try dora.ok(["join", try XCTUnwrap(fien.ok(["room", "invite", "Peers"]).first), "--handle", "dora"])

        let posed = try fien.ok(["consult", "pose", "Peers", question, "--title", "Vergunning", "--body", "Gemeente Leeuwarden", "--days", "2",
                                 "--options", "ja|nee", "--fee", "25", "--json"])
        let code = try Self.code(posed)
        let listed = try anna.ok(["consult", "list"]).joined(separator: "\n")
        XCTAssertTrue(listed.contains("Vergunning") && listed.contains("You have not answered yet"), listed)
        XCTAssertTrue(listed.contains("€25.00"), listed)

        let answered = try anna.run(["consult", "answer", code, "--choice", "1", sentinels[0]])
        XCTAssertEqual(answered.status, 0, answered.error)
        XCTAssertTrue(answered.output.contains("Your answer went only to the facilitators: fien"), answered.output)
        try anna.ok(["consult", "change", code, "--choice", "2", sentinels[1] + " (zoals dora zei, bel 06-12345678)"])
        let beaAnswer = try bea.run(["consult", "answer", code, sentinels[2]])
        XCTAssertTrue(beaAnswer.output.contains("Tu respuesta fue solo a las personas facilitadoras: fien"), beaAnswer.output)
        try carla.ok(["consult", "answer", code, "--choice", "1", sentinels[3]])
        try carla.ok(["consult", "withdraw", code])

        // Bad input gets a sentence, not a dump.
        let pose = ["consult", "pose", "Peers", "?", "--title", "t", "--body", "b"]
        let past = try fien.run(pose + ["--deadline", "2020-01-01 10:00"])
        XCTAssertEqual(past.status, 1)
        XCTAssertTrue(past.error.contains("Deze tijd is al voorbij"), past.error)
        XCTAssertTrue(try fien.run(pose + ["--deadline", "31-02-2027"]).error.contains("Geef de laatste dag om te antwoorden"))
        XCTAssertTrue(try fien.run(pose + ["--days", "1", "--fee", "-5"]).error.contains("Schrijf de vergoeding in euro"))
        let badOption = try dora.run(["consult", "answer", code, "--choice", "7"])
        XCTAssertEqual(badOption.status, 1)
        XCTAssertTrue(badOption.error.contains("7 is not one of the choices"), badOption.error)
        let empty = try dora.run(["consult", "answer", code, "   "])
        XCTAssertTrue(empty.error.contains("Your answer is empty"), empty.error)
        XCTAssertEqual(try dora.run(["consult", "change", code, "x"]).status, 2, "no answer to change")
        XCTAssertEqual(try anna.run(["consult", "close", code]).status, 2, "a member cannot close")
        XCTAssertEqual(try anna.run(["consult", "pose", "Peers", "--title", "x", "--body", "y", "--days", "1", "z"]).status, 2)

        // Members see their own answer and whether it counts; the facilitator sees how many and who is missing.
        let annaView = try anna.ok(["consult", "list"]).joined(separator: "\n")
        XCTAssertTrue(annaView.contains(sentinels[1]) && annaView.contains("Your answer counts."), annaView)
        XCTAssertFalse(annaView.contains(sentinels[2]))
        XCTAssertTrue(try carla.ok(["consult", "list"]).joined(separator: "\n").contains("You took your answer back."))
        let fienView = try fien.ok(["consult", "list"]).joined(separator: "\n")
        XCTAssertTrue(fienView.contains("Tot nu toe tellen 2 antwoorden."), fienView)
        XCTAssertTrue(fienView.contains("Nog niet geantwoord: carla, dora"), fienView)
        XCTAssertFalse(fienView.contains(sentinels[1]), "the list never shows answers")

        // One reminder each.
        XCTAssertTrue(try fien.ok(["consult", "remind", code]).joined().contains("carla, dora"))
        XCTAssertTrue(try fien.ok(["consult", "remind", code]).joined().contains("Niemand om aan te herinneren"))
        XCTAssertTrue(try dora.ok(["consult", "list"]).joined(separator: "\n").contains("The facilitator reminds you"))

        // A follow-up from the answer itself reaches only its author.
        let answers = try fien.ok(["consult", "answers", code])
        XCTAssertFalse(answers.joined().contains("anna") || answers.joined().contains("bea"), "no author is shown")
        let annaLine = try XCTUnwrap(answers.firstIndex { $0.contains(sentinels[1]) })
        let answerCode = String(try XCTUnwrap(answers[annaLine - 1].dropFirst().split(separator: "]").first))
        XCTAssertTrue(answers[annaLine + 1].contains("noemt"), "flagged: \(answers)")
        try fien.ok(["consult", "followup", code, answerCode, "Wat bedoel je met " + sentinels[4] + "?"])
        let asked = try anna.ok(["consult", "list"]).joined(separator: "\n")
        XCTAssertTrue(asked.contains(sentinels[4]) && asked.contains("To reply, send a new answer with klankbord consult change " + code), asked)
        XCTAssertFalse(try bea.ok(["consult", "list"]).joined(separator: "\n").contains(sentinels[4]))

        // Other members' devices hold the question, never an answer or who answered.
        for (person, own) in [(dora, [String]()), (bea, [sentinels[2]]), (carla, [sentinels[3]])] {
            let (me, held) = try Self.heldConsultationEvents(person, room: HostileServer(community: community).room("Peers"))
            let answersOfOthers = held.filter { $0.sender != me && Self.answerTypes.contains($0.event.type) }
            XCTAssertEqual(answersOfOthers.count, 0, "\(person.profile.lastPathComponent) holds someone else's answer")
            XCTAssertTrue(held.contains { $0.event.type == "consultation.posed" }, "but it holds the question")
            let text = held.map { String(decoding: $0.event.serialized(), as: UTF8.self) }.joined()
            for sentinel in [sentinels[0], sentinels[1], sentinels[2], sentinels[3], sentinels[4]] where !own.contains(sentinel) {
                XCTAssertFalse(text.contains(sentinel), "\(person.profile.lastPathComponent) holds \(sentinel)")
            }
        }

        // The report: not before the deadline, not below the minimum unless forced, only the two counted answers.
        let early = try fien.run(["consult", "report", code])
        XCTAssertEqual(early.status, 2)
        XCTAssertTrue(early.error.contains("Je kunt het verslag maken als de tijd om te antwoorden voorbij is"), early.error)
        try fien.ok(["consult", "close", code])
        sleep(1)
        let late = try anna.run(["consult", "change", code, "te laat"])
        XCTAssertEqual(late.status, 2)
        XCTAssertTrue(late.error.contains("The time to answer this question is over"), late.error)
        XCTAssertTrue(try fien.run(["consult", "report", code]).error.contains("Aantal antwoorden: 2"))
        XCTAssertEqual(try bea.run(["consult", "report", code, "--force", "x"]).status, 2, "someone else's consultation")
        let file = community.base.appendingPathComponent("verslag.csv")
        let written = try fien.ok(["consult", "report", code, "--format", "csv", "--force", "kleine groep", "--output", file.path])
        XCTAssertTrue(written.joined(separator: "\n").contains("--redact " + answerCode), "\(written)")
        let report = try String(contentsOf: file, encoding: .utf8)
        XCTAssertTrue(report.contains(sentinels[1]) && report.contains(sentinels[2]), report)
        XCTAssertFalse(report.contains(sentinels[0]) || report.contains(sentinels[3]), "a changed or withdrawn answer is gone")
        XCTAssertFalse(report.contains("anna") || report.contains("bea") || report.contains("dora"), "no handle in the report")
        XCTAssertTrue(report.contains("mensen die antwoordden,,2"), report)
        let redacted = try fien.ok(["consult", "report", code, "--force", "kleine groep", "--redact", answerCode]).joined(separator: "\n")
        XCTAssertFalse(redacted.contains(sentinels[1]))
        XCTAssertTrue(redacted.contains(sentinels[2]))

        // Fees: one proposal per counted answer, for the ledger.
        let fees = try fien.ok(["consult", "report", code, "--fees"]).joined(separator: "\n")
        XCTAssertTrue(fees.contains("anna: € 25,00") && fees.contains("bea: € 25,00") && !fees.contains("carla"), fees)
        XCTAssertTrue(fees.contains("samen € 50,00"), fees)

        // The server never held any of it as text: data directory, write-ahead log and log.
        let serverTexts = [question, "Vergunning", "Gemeente Leeuwarden"] + sentinels
        XCTAssertEqual(community.daemon.terminate(), 0)
        for (name, bytes) in try Self.files(in: community.daemon.dataDirectory) + [("daemon log", Data(community.daemon.logText().utf8))] {
            for sentinel in serverTexts {
                XCTAssertNil(bytes.range(of: Data(sentinel.utf8)), "\(sentinel) found in the server's \(name)")
            }
        }
    }
}
