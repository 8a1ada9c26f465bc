import Synchronization
import Klankbord

/// The real CLI run inside the bench's process (`CommandLineTool.run`, the same code `klankbord` runs), for
/// seeding: the facilitator's hundreds of commands (rooms, invites, meetings) without a process start each. What it
/// prints is captured.
struct InProcessCLI {
    /// Where the folders of the people's profiles go.
    let folder: String

    /// Collects what one command printed (standard output only).
    private final class Capture: Sendable {
        let text = Mutex("")
        let problems = Mutex("")
    }

    /// Runs `words` as the person `name`; throws with what the command said when it fails.
    @discardableResult
    func must(_ name: String, _ words: [String]) throws(BenchFailure) -> String {
        let capture = Capture()
        let terminal = Terminal { text, fd in
            if fd == 1 { capture.text.withLock { $0 += text } } else { capture.problems.withLock { $0 += text } }
        }
        let status = CommandLineTool.run(words + ["--profile", profile(name)], environment: ["LANG": "C"], terminal: terminal)
        guard status == 0 else {
            throw BenchFailure(description: "klankbord \(words.prefix(2).joined(separator: " ")) (\(name)) exited \(status): \(capture.problems.withLock { $0 })")
        }
        return capture.text.withLock { $0 }
    }

    /// The first line a command printed (an invite code).
    func firstLine(_ name: String, _ words: [String]) throws(BenchFailure) -> String {
        guard let line = try must(name, words).split(separator: "\n").first else {
            throw BenchFailure(description: "klankbord \(words.first ?? "") printed nothing")
        }
        return String(line)
    }

    /// The profile folder of `name`.
    func profile(_ name: String) -> String { folder + "/profiles-" + name }
}
