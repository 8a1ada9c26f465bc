import Glibc
import KlankbordCrypto

/// Where the CLI writes and reads: standard output for results, standard error for problems.
public struct Terminal: Sendable {
    /// Where text goes instead of the real outputs (tests): the text and 1 (output) or 2 (error).
    private let capture: (@Sendable (String, Int32) -> Void)?

    /// The real standard output and standard error.
    public init() {
        capture = nil
    }

    /// A terminal whose output goes to `capture` (for golden tests of whole screens).
    public init(capture: @escaping @Sendable (_ text: String, _ fd: Int32) -> Void) {
        self.capture = capture
    }

    /// Writes `text` and a line break to standard output.
    public func line(_ text: String) { emit(text + "\n", 1) }

    /// Writes `text` and a line break to standard error.
    public func problem(_ text: String) { emit(text + "\n", 2) }

    /// Writes `text` without a line break (a prompt).
    public func prompt(_ text: String) { emit(text, 1) }

    private func emit(_ text: String, _ fd: Int32) {
        if let capture { capture(text, fd) } else { Terminal.write(text, to: fd) }
    }

    /// Reads one line from standard input; nil at end of input.
    public func readLine() -> String? {
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while true {
            let count = Glibc.read(0, &byte, 1)
            if count < 0 && errno == EINTR { continue }
            guard count == 1 else { return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self) }
            if byte == UInt8(ascii: "\n") { return String(decoding: bytes, as: UTF8.self) }
            bytes.append(byte)
        }
    }

    /// Whether standard input is a terminal a person types into.
    public var isInteractive: Bool { capture == nil && isatty(0) == 1 }

    /// How many columns the output terminal has; nil when the output is not a terminal (a pipe, a file, a test).
    public var columns: Int? {
        guard capture == nil, isatty(1) == 1 else { return nil }
        var size = winsize()
        guard ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    /// Reads one line without showing what is typed (a passphrase); nil at end of input.
    public func readSecretLine() -> SecretBytes? {
        var saved = termios()
        let hide = isatty(0) == 1 && tcgetattr(0, &saved) == 0
        if hide {
            var quiet = saved
            quiet.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(0, TCSANOW, &quiet)
        }
        defer {
            if hide {
                tcsetattr(0, TCSANOW, &saved)
                emit("\n", 1)
            }
        }
        var bytes: [UInt8] = []
        defer { wipe(&bytes) }
        var byte: UInt8 = 0
        while true {
            let count = Glibc.read(0, &byte, 1)
            if count < 0 && errno == EINTR { continue }
            guard count == 1 else { return bytes.isEmpty ? nil : SecretBytes(copying: bytes) }
            if byte == UInt8(ascii: "\n") { return SecretBytes(copying: bytes) }
            bytes.append(byte)
        }
    }

    /// The process environment as a dictionary.
    public static func environment() -> [String: String] {
        var result: [String: String] = [:]
        var entry = environ
        while let pointer = entry.pointee {
            let pair = String(cString: pointer)
            if let equals = pair.firstIndex(of: "=") { result[String(pair[..<equals])] = String(pair[pair.index(after: equals)...]) }
            entry += 1
        }
        return result
    }

    /// Writes all of `text` to `fd`, retrying interrupted writes (also used by the daemon's `Log`).
    package static func write(_ text: String, to fd: Int32) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withMutablePointer { p, n in Glibc.write(fd, p + offset, n - offset) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return }
            offset += written
        }
    }
}
