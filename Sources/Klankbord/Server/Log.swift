import Glibc

/// Operator log lines on standard error: `2026-11-23T10:00:00Z info message`.
///
/// Never log IP addresses, handles (except at debug level), message content or secrets. Log lines are
/// for operators and stay in English; nothing here is shown to members.
public struct Log: Sendable {
    public let level: LogLevel

    public init(level: LogLevel) {
        self.level = level
    }

    public func error(_ message: @autoclosure () -> String) { write(.error, message) }
    public func warn(_ message: @autoclosure () -> String) { write(.warn, message) }
    public func info(_ message: @autoclosure () -> String) { write(.info, message) }
    public func debug(_ message: @autoclosure () -> String) { write(.debug, message) }

    private func write(_ messageLevel: LogLevel, _ message: () -> String) {
        guard messageLevel <= level else { return }
        Terminal.write("\(Log.timestamp()) \(messageLevel.rawValue) \(message())\n", to: 2)
    }

    private static func timestamp() -> String {
        var now = time(nil)
        var parts = tm()
        gmtime_r(&now, &parts)
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }
}
