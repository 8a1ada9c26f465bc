import Foundation
import Glibc
import Klankbord

/// A real `klankbordd` the bench started: fresh data folder, loopback, port 0, raised limits.
/// `stop()` ends it by its process id and removes the folder.
final class Daemon {
    struct StartError: Error, CustomStringConvertible {
        let description: String
    }

    /// The limits the bench raises so that the daemon's abuse protection does not throttle the load.
    static let benchSettings: [(String, String)] = [
        ("events_per_second", "1000000"), ("event_burst", "1000000"), ("handshakes_per_second", "1000000"),
        ("max_connections", "20000"), ("redeem_attempts_per_minute", "1000"), ("redeems_per_minute", "100000"), ("max_members_per_room", "1000"),
        ("max_rooms_per_account", "100000"), ("write_buffer_bytes", "268435456"), ("idle_timeout_s", "3600"),
        ("handshake_timeout_s", "60"), ("max_inbox_per_device", "10000000"),
    ]

    let pid: pid_t
    let port: UInt16
    let firstInvite: InviteCode
    /// The temporary folder: `var/` (data), `stdout`, `stderr`.
    let folder: String
    private let watchdog: Watchdog
    private var stopped = false

    var dataDirectory: String { folder + "/var" }
    var address: ServerAddress { ServerAddress(host: "127.0.0.1", port: port) }
    var serverKey: X25519.PublicKey { firstInvite.serverKey }

    /// Starts the daemon at `binary` in a new folder under `parent` and waits (20 s at most) for its
    /// first invite and "listening on" line.
    init(binary: String, parent: String, extraSettings: [(String, String)] = [], watchdog: Watchdog) throws(StartError) {
        var template = Array((parent + "/klankbord-bench.XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ buffer in buffer.baseAddress.flatMap { mkdtemp($0) } }) else {
            throw StartError(description: "cannot make a temporary folder under \(parent)")
        }
        folder = String(cString: made)
        self.watchdog = watchdog
        watchdog.track(directory: folder)
        var arguments = ["--data-dir", folder + "/var", "--listen", "127.0.0.1:0", "--log-level", "warn"]
        for (key, value) in Daemon.benchSettings + extraSettings { arguments += ["--set", "\(key)=\(value)"] }
        var environment = ProcessInfo.processInfo.environment
        environment["LANG"] = "C"
        environment["LC_ALL"] = nil
        do {
            pid = try ChildProcess.spawn(binary, arguments, environment: environment,
                                         stdoutPath: folder + "/stdout", stderrPath: folder + "/stderr")
        } catch {
            try? FileManager.default.removeItem(atPath: folder)
            watchdog.forget(directory: folder)
            throw StartError(description: error.description)
        }
        watchdog.track(process: pid)
        let deadline = monotonicSeconds() + 20
        var invite: InviteCode?
        var port: UInt16?
        while monotonicSeconds() < deadline, port == nil {
            let text = ProcessStats.readSmallFile(folder + "/stdout") ?? ""
            for line in text.split(separator: "\n") {
                if line.hasPrefix(InviteCode.prefix) { invite = try? InviteCode(parsing: String(line)) }
                if line.contains("listening on"), let last = line.split(separator: ":").last { port = UInt16(last) }
            }
            if port == nil {
                if ChildProcess.wait(pid, timeout: 0) != nil { break }
                usleep(5_000)
            }
        }
        guard let port, let invite else {
            let log = (ProcessStats.readSmallFile(folder + "/stdout") ?? "") + (ProcessStats.readSmallFile(folder + "/stderr") ?? "")
            kill(pid, SIGKILL)
            ChildProcess.wait(pid)
            watchdog.forget(process: pid)
            try? FileManager.default.removeItem(atPath: folder)
            watchdog.forget(directory: folder)
            throw StartError(description: "klankbordd did not start: \(log)")
        }
        self.port = port
        firstInvite = invite
    }

    deinit { stop() }

    /// CPU seconds the daemon has used so far.
    var cpuSeconds: Double { ProcessStats.cpuSeconds(pid) ?? 0 }

    /// Its resident memory now and at peak.
    var memory: ProcessStats.Memory { ProcessStats.memory(pid) ?? ProcessStats.Memory(rssKiB: 0, peakKiB: 0) }

    /// The end of its standard error, for reports of failed runs.
    func logTail(_ count: Int = 2000) -> String {
        String((ProcessStats.readSmallFile(folder + "/stderr") ?? "").suffix(count))
    }

    /// SIGTERM, up to 10 s to finish, then SIGKILL; removes the folder.
    func stop() {
        guard !stopped else { return }
        stopped = true
        kill(pid, SIGTERM)
        if ChildProcess.wait(pid, timeout: 10) == nil {
            kill(pid, SIGKILL)
            ChildProcess.wait(pid)
        }
        watchdog.forget(process: pid)
        try? FileManager.default.removeItem(atPath: folder)
        watchdog.forget(directory: folder)
    }
}
