import Glibc
import KlankbordProtocol

/// A test-only hook that stops the relay thread at a named point of a send, so a crash test can kill the
/// daemon exactly there. Compiled in but inert: it exists only when `KLANKBORD_TEST_PAUSE` names a point.
///
/// When a batch holding a `send` reaches the point, the hook creates the file named by
/// `KLANKBORD_TEST_PAUSE_MARKER` and blocks the relay thread for good; the test waits for the file and
/// sends SIGKILL. Never set these variables on a real server: the first send would stop it.
struct TestPause: Sendable {
    /// Where a send can be stopped.
    enum Point: String, Sendable {
        /// Inside the transaction, after the send's writes succeeded and before COMMIT.
        case beforeCommit = "send-before-commit"
        /// After COMMIT returned, before the answer is handed to the event loop.
        case afterCommit = "send-after-commit"
    }

    let point: Point
    let marker: String

    /// The hook the environment asks for, or nil (the normal case).
    static func fromEnvironment(_ environment: [String: String]) -> TestPause? {
        guard let name = environment["KLANKBORD_TEST_PAUSE"], let point = Point(rawValue: name),
              let marker = environment["KLANKBORD_TEST_PAUSE_MARKER"], !marker.isEmpty else { return nil }
        return TestPause(point: point, marker: marker)
    }

    /// Blocks forever when `here` is the chosen point and the batch holds a send; otherwise returns at once.
    func reached(_ here: Point, _ requests: [Request]) {
        guard here == point, requests.contains(where: { if case .send = $0 { true } else { false } }) else { return }
        let descriptor = open(marker, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        if descriptor >= 0 { close(descriptor) }
        while true { sleep(3600) }
    }
}
