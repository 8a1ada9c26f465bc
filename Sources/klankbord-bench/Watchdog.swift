import Foundation
import Glibc
import Synchronization

/// Bounds every run in time and cleans up after an interruption: a thread that waits for SIGINT or
/// SIGTERM (blocked everywhere else) or for the armed deadline, then kills what the bench started,
/// removes its temporary folders and exits.
final class Watchdog: Sendable {
    private struct State {
        var deadline: Double?
        var label = ""
        var processes: Set<pid_t> = []
        var directories: Set<String> = []
    }

    private let state = Mutex(State())

    /// Blocks SIGINT and SIGTERM in this thread and every thread made after it; call first thing in main.
    static func blockStopSignals() {
        var signals = stopSignals()
        pthread_sigmask(SIG_BLOCK, &signals, nil)
    }

    private static func stopSignals() -> sigset_t {
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGTERM)
        return signals
    }

    /// Starts the watching thread.
    func start() {
        Thread.detachNewThread { [self] in watch() }
    }

    /// Stops the bench if `label` is still running `seconds` from now.
    func arm(_ label: String, seconds: Double) {
        state.withLock {
            $0.deadline = monotonicSeconds() + seconds
            $0.label = label
        }
    }

    func disarm() {
        state.withLock { $0.deadline = nil }
    }

    /// Remembers a child process to kill on abort.
    func track(process pid: pid_t) { _ = state.withLock { $0.processes.insert(pid) } }
    func forget(process pid: pid_t) { _ = state.withLock { $0.processes.remove(pid) } }

    /// Remembers a temporary folder to remove on abort.
    func track(directory path: String) { _ = state.withLock { $0.directories.insert(path) } }
    func forget(directory path: String) { _ = state.withLock { $0.directories.remove(path) } }

    private func watch() {
        var signals = Self.stopSignals()
        var pause = timespec(tv_sec: 0, tv_nsec: 200_000_000)
        while true {
            let received = sigtimedwait(&signals, nil, &pause)
            if received == SIGINT || received == SIGTERM { abort("interrupted") }
            let (deadline, label) = state.withLock { ($0.deadline, $0.label) }
            if let deadline, monotonicSeconds() > deadline { abort("watchdog: \(label) ran past its time limit") }
        }
    }

    private func abort(_ reason: String) -> Never {
        let (processes, directories) = state.withLock { ($0.processes, $0.directories) }
        for pid in processes {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        for path in directories { try? FileManager.default.removeItem(atPath: path) }
        FileHandle.standardError.write(Data("klankbord-bench: \(reason); stopped the daemon and removed its data\n".utf8))
        exit(3)
    }
}

/// Seconds on the monotonic clock.
func monotonicSeconds() -> Double {
    Double(monotonicNanos()) / 1e9
}
