import Foundation
import XCTest

/// SIGKILL at exact points of a send, chosen with the daemon's test-only pause hook: between the writes
/// and COMMIT, and between COMMIT and the answer. Both directions are checked: nothing acknowledged is
/// lost, and a send whose answer never came is not reported as sent (`klankbord send` fails).
final class KillPointTests: XCTestCase {
    func testKillBetweenTheWritesAndCommitLosesOnlyTheUnacknowledgedSend() throws {
        let community = try Community()
        try killDuringSend(in: community, at: "send-before-commit")
        XCTAssertEqual(try community.read(community.bea), ["vooraf 1", "vooraf 2", "vooraf 3"], "acknowledged kept; the unanswered send was rolled back")
    }

    func testKillBetweenCommitAndAnswerKeepsTheSendOnceAndTheClientWasNotToldItWasSent() throws {
        let community = try Community()
        try killDuringSend(in: community, at: "send-after-commit")
        XCTAssertEqual(try community.read(community.bea), ["vooraf 1", "vooraf 2", "vooraf 3", "tijdens"], "committed before the kill, stored once")
        try community.anna.ok(["send", "Peers", "erna"])
        XCTAssertEqual(try community.read(community.bea), ["erna"], "a later send does not store the unanswered one again")
    }

    /// Three acknowledged sends, then a restart with the hook at `point`, a fourth send that stops there,
    /// SIGKILL, and a normal restart. Checks the fourth `klankbord send` failed.
    private func killDuringSend(in community: Community, at point: String, file: StaticString = #filePath, line: UInt = #line) throws {
        for index in 1...3 { try community.anna.ok(["send", "Peers", "vooraf \(index)"]) }
        XCTAssertEqual(community.daemon.terminate(), 0)
        let marker = community.base.appendingPathComponent("paused-\(point)")
        try community.daemon.start(port: community.daemon.port,
                                   environment: ["KLANKBORD_TEST_PAUSE": point, "KLANKBORD_TEST_PAUSE_MARKER": marker.path])
        let sending = BackgroundCommand(community.anna, ["send", "Peers", "tijdens"])
        let deadline = Date().addingTimeInterval(20)
        while !FileManager.default.fileExists(atPath: marker.path) && Date() < deadline { usleep(10_000) }
        XCTAssertTrue(FileManager.default.fileExists(atPath: marker.path), "the relay reached \(point)", file: file, line: line)
        community.daemon.kill9()
        let result = try XCTUnwrap(sending.wait(timeout: 30), "klankbord send did not end after the kill", file: file, line: line)
        XCTAssertNotEqual(result.status, 0, "a send with no answer is not reported as sent", file: file, line: line)
        try community.daemon.start(port: community.daemon.port)
    }
}

/// A `klankbord` command running on a background thread, for killing the daemon while it waits.
final class BackgroundCommand: @unchecked Sendable {
    private let lock = NSLock()
    private var result: CLIResult?
    private let done = DispatchSemaphore(value: 0)

    init(_ person: Person, _ words: [String]) {
        Thread.detachNewThread { [self] in
            let finished = try? person.run(words)
            lock.withLock { result = finished }
            done.signal()
        }
    }

    /// What the command printed and returned, or nil when it did not end within `timeout` seconds.
    func wait(timeout: Double) -> CLIResult? {
        guard done.wait(timeout: .now() + timeout) == .success else { return nil }
        return lock.withLock { result }
    }
}
