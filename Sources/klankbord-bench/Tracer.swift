import Foundation
import Glibc

/// A tracer (`strace`, `perf record`, `perf trace`) attached to the daemon for the measured part of one run
/// only (`--tracer`), so that start-up, enrolment and room set-up stay out of its counts. `make bench-trace`
/// uses it; the figures of a traced run are for shares, not for the run's own CPU or latency.
final class Tracer {
    struct StartError: Error, CustomStringConvertible {
        let description: String
    }

    private let pid: pid_t
    private let watchdog: Watchdog
    private var stopped = false

    /// Runs `command` with `/bin/sh -c 'exec …'` (so that the signal reaches the tracer itself), with
    /// `{pid}` replaced by the daemon's process id, its output and error in `folder`. Waits `settle`
    /// seconds for it to attach and fails if it has already ended by then.
    init(command: String, daemonPID: pid_t, folder: String, settle: Double, watchdog: Watchdog) throws(StartError) {
        let expanded = command.replacingOccurrences(of: "{pid}", with: String(daemonPID))
        do {
            pid = try ChildProcess.spawn("/bin/sh", ["-c", "exec " + expanded], environment: ProcessInfo.processInfo.environment,
                                         stdoutPath: folder + "/tracer.stdout", stderrPath: folder + "/tracer.stderr")
        } catch {
            throw StartError(description: error.description)
        }
        self.watchdog = watchdog
        watchdog.track(process: pid)
        if let status = ChildProcess.wait(pid, timeout: settle) {
            watchdog.forget(process: pid)
            stopped = true
            let log = ProcessStats.readSmallFile(folder + "/tracer.stderr") ?? ""
            throw StartError(description: "the tracer ended with status \(status) before the run: \(expanded)\n\(log)")
        }
    }

    deinit { stop() }

    /// SIGINT (strace detaches and prints its summary, perf writes its data), up to 60 s to finish, then SIGKILL.
    func stop() {
        guard !stopped else { return }
        stopped = true
        kill(pid, SIGINT)
        if ChildProcess.wait(pid, timeout: 60) == nil {
            kill(pid, SIGKILL)
            ChildProcess.wait(pid)
        }
        watchdog.forget(process: pid)
    }
}
