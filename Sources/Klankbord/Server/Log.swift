import Glibc
import Synchronization
import KlankbordConfig
import KlankbordSystem

/// Operator log lines on standard error: `2026-11-23T10:00:00Z info message`, or, under systemd,
/// `<6>message` (sd-daemon(3) priority prefix; journald adds its own time).
///
/// Never log IP addresses, handles (except at debug level), message content or secrets. Log lines are
/// for operators and stay in English; nothing here is shown to members.
public struct Log: Sendable {
    /// The most detailed kind of line written now; SIGHUP may change it (`setLevel`), for every copy of this log.
    public var level: LogLevel { LogLevel.allCases[Int(shared.rank.load(ordering: .relaxed))] }
    /// Shared by every copy, so that a reload reaches the event loops and the relay thread at once.
    private let shared: Shared
    /// Whether lines go to journald: priority prefixes instead of timestamps.
    public let journald: Bool

    /// A log at `level`; `environment` decides the format (journald when systemd started the process).
    public init(level: LogLevel, environment: [String: String] = [:]) {
        shared = Shared(level)
        journald = Log.runsUnderSystemd(environment)
    }

    /// Changes the level for this log and all its copies (a configuration reload).
    public func setLevel(_ level: LogLevel) {
        shared.rank.store(Shared.rank(of: level), ordering: .relaxed)
    }

    private final class Shared: Sendable {
        let rank: Atomic<UInt8>

        init(_ level: LogLevel) {
            rank = Atomic(Shared.rank(of: level))
        }

        static func rank(of level: LogLevel) -> UInt8 {
            UInt8(LogLevel.allCases.firstIndex(of: level) ?? 0)
        }
    }

    /// systemd sets `JOURNAL_STREAM` when standard error goes to the journal, and `INVOCATION_ID` for every unit.
    public static func runsUnderSystemd(_ environment: [String: String]) -> Bool {
        environment["JOURNAL_STREAM"].map { !$0.isEmpty } ?? false || environment["INVOCATION_ID"].map { !$0.isEmpty } ?? false
    }

    public func error(_ message: @autoclosure () -> String) { write(.error, message) }
    public func warn(_ message: @autoclosure () -> String) { write(.warn, message) }
    public func info(_ message: @autoclosure () -> String) { write(.info, message) }
    public func debug(_ message: @autoclosure () -> String) { write(.debug, message) }

    private func write(_ messageLevel: LogLevel, _ message: () -> String) {
        guard messageLevel <= level else { return }
        Terminal.write(line(messageLevel, message()), to: 2)
    }

    /// One whole line as written, with its line break.
    func line(_ messageLevel: LogLevel, _ message: String) -> String {
        if journald {
            // One journal entry per line: a line break inside the message would start an entry without a prefix.
            let flat = message.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: " ")
            return "<\(Log.priority(messageLevel))>\(flat)\n"
        }
        return "\(Log.timestamp()) \(messageLevel.rawValue) \(message)\n"
    }

    /// syslog priorities as sd-daemon(3) expects them: 3 error, 4 warning, 6 info, 7 debug.
    static func priority(_ level: LogLevel) -> Int {
        switch level {
        case .error: 3
        case .warn: 4
        case .info: 6
        case .debug: 7
        }
    }

    private static func timestamp() -> String {
        var now = time(nil)
        var parts = tm()
        gmtime_r(&now, &parts)
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }
}
