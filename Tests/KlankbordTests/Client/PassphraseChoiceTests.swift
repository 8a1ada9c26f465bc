import Synchronization
import XCTest
import Klankbord
@testable import KlankbordCommands
@testable import KlankbordCrypto
@testable import KlankbordLocalization
@testable import KlankbordSystem

/// Choosing the passphrase of a new profile at the terminal: told first what none means, typed twice.
final class PassphraseChoiceTests: XCTestCase {
    private final class Screen: Sendable {
        let text = Mutex("")
    }

    /// Runs the choice with `answers` typed in turn; returns the result (or the failure) and the screen.
    private func choose(_ answers: [String?]) -> (Result<SecretBytes?, CommandFailure>, String) {
        let screen = Screen()
        let terminal = Terminal { text, _ in screen.text.withLock { $0 += text } }
        var queue = answers[...]
        let result = Result { () throws(CommandFailure) -> SecretBytes? in
            try PassphraseChoice.ask(terminal: terminal, t: Localizer(.en)) {
                guard let next = queue.popFirst() else { return nil }
                return next.map { SecretBytes(copying: Array($0.utf8)) }
            }
        }
        return (result, screen.text.withLock { $0 })
    }

    func testNoPassphraseIsExplainedBeforeTheChoiceAndAfterIt() throws {
        let (result, screen) = choose([""])
        XCTAssertNil(try result.get())
        let warning = "anyone who opens the files on this device can read your messages"
        let prompt = try XCTUnwrap(screen.range(of: "Choose a passphrase"))
        let before = try XCTUnwrap(screen.range(of: warning))
        XCTAssertLessThan(before.lowerBound, prompt.lowerBound, "the person hears what none means before choosing")
        XCTAssertTrue(screen.contains("You chose no passphrase. Anyone who opens the files on this device can read your messages."), screen)
    }

    func testATypoInTheSecondAnswerAsksAgainInsteadOfLockingThePersonOut() throws {
        let (result, screen) = choose(["blue kettle sings", "blue kettel sings", "blue kettle sings", "blue kettle sings"])
        XCTAssertEqual(try result.get(), SecretBytes(copying: Array("blue kettle sings".utf8)))
        XCTAssertTrue(screen.contains("The two passphrases are not the same."), screen)
        XCTAssertEqual(screen.components(separatedBy: "Type the passphrase again:").count - 1, 2)
    }

    func testStoppingBeforeTheSecondAnswerJoinsNothing() {
        let (result, _) = choose(["blue kettle sings", nil])
        guard case let .failure(.message(key, _, exitCode)) = result else { return XCTFail("expected a refusal, got \(result)") }
        XCTAssertEqual(key, L10nKey("cli.passphrase.not_confirmed"))
        XCTAssertEqual(exitCode, 1)
    }
}
