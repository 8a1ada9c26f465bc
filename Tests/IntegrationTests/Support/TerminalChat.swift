import Foundation
import Glibc
import XCTest

/// A `klankbord chat` on a real pseudo-terminal (`posix_openpt`), as a person at a terminal runs it: keys go in
/// as bytes, and what it prints is replayed on a small screen model (`ScreenModel`) to see the lines a person sees.
final class TerminalChat {
    private let process = Process()
    private let master: Int32
    /// The terminal side, kept open here to read its settings after the chat ended.
    private let slave: Int32
    private(set) var output: [UInt8] = []

    init(_ person: Person, room: String, language: String = "C", columns: UInt16 = 120) throws {
        master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        guard master >= 0, let path = Self.terminalPath(of: master) else { throw XCTSkip("no pseudo-terminal") }
        slave = open(path, O_RDWR | O_NOCTTY)
        guard slave >= 0 else { throw XCTSkip("no pseudo-terminal") }
        var size = winsize(ws_row: 40, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
        process.executableURL = Products.cli
        process.arguments = ["chat", room, "--profile", person.profile.path]
        var environment = ProcessInfo.processInfo.environment
        environment["LANG"] = language
        environment.removeValue(forKey: "LC_ALL")
        environment.removeValue(forKey: "LC_MESSAGES")
        process.environment = environment
        let terminal = FileHandle(fileDescriptor: slave, closeOnDealloc: false)
        process.standardInput = terminal
        process.standardOutput = terminal
        process.standardError = terminal
        try process.run()
    }

    /// `unlockpt` and `ptsname_r`, looked up at run time: the Glibc module does not import them.
    private static func terminalPath(of master: Int32) -> String? {
        typealias Unlock = @convention(c) (Int32) -> Int32
        typealias Name = @convention(c) (Int32, UnsafeMutablePointer<CChar>?, Int) -> Int32
        guard let unlockSymbol = dlsym(nil, "unlockpt"), let nameSymbol = dlsym(nil, "ptsname_r") else { return nil }
        let unlock = unsafeBitCast(unlockSymbol, to: Unlock.self)
        let name = unsafeBitCast(nameSymbol, to: Name.self)
        guard unlock(master) == 0 else { return nil }
        var buffer = [CChar](repeating: 0, count: 128)
        guard name(master, &buffer, buffer.count) == 0 else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Everything printed so far, as text (escape sequences included).
    var text: String { String(decoding: output, as: UTF8.self) }

    /// The lines a person sees now.
    var screen: [String] { ScreenModel(output).lines }

    /// Reads what the chat printed until `condition` holds on it (at most `timeout` seconds).
    @discardableResult
    func waitUntil(timeout: Double = 15, _ condition: (TerminalChat) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition(self) { return true }
            drain(waiting: 100)
        }
        return condition(self)
    }

    /// Waits until the output holds `text`.
    @discardableResult
    /// Waits until the chat view is up (it shows how to leave). Start-up unlocks the profile and catches up, which on a
    /// machine busy with parallel builds took more than 15 s once; the deadline is generous, the wait is not a sleep.
    func waitUntilReady() -> Bool {
        waitFor("/quit", timeout: 45)
    }

    func waitFor(_ text: String, timeout: Double = 15) -> Bool {
        waitUntil(timeout: timeout) { $0.text.contains(text) }
    }

    /// Types `keys` as bytes, in pieces, reading the output in between so neither side of the terminal fills up.
    func type(_ keys: String) {
        let bytes = Array(keys.utf8)
        var offset = 0
        while offset < bytes.count {
            let end = min(bytes.count, offset + 512)
            var written = 0
            while written < end - offset {
                let count = bytes[(offset + written)..<end].withUnsafeBufferPointer { Glibc.write(master, $0.baseAddress, $0.count) }
                if count > 0 { written += count } else { drain(waiting: 10) }
            }
            offset = end
            drain(waiting: 0)
        }
    }

    /// A bracketed paste, as a terminal sends one: the text between `ESC [200~` and `ESC [201~`.
    func paste(_ text: String) {
        type("\u{1B}[200~" + text + "\u{1B}[201~")
    }

    /// Makes the window `columns` wide and sends SIGWINCH, as the kernel does for a terminal's foreground process.
    func resize(columns: UInt16) {
        var size = winsize(ws_row: 40, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
        kill(process.processIdentifier, SIGWINCH)
    }

    /// Waits for the process to end; false when it still runs after `timeout` seconds.
    func waitForExit(timeout: Double = 10) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { drain(waiting: 50) }
        return !process.isRunning
    }

    /// Whether the terminal is back in line mode with echo, as the chat found it.
    var terminalRestored: Bool {
        var settings = termios()
        guard tcgetattr(slave, &settings) == 0 else { return false }
        return settings.c_lflag & tcflag_t(ICANON) != 0 && settings.c_lflag & tcflag_t(ECHO) != 0
    }

    private func drain(waiting milliseconds: Int32) {
        var ready = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        guard poll(&ready, 1, milliseconds) > 0 else { return }
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let count = chunk.withUnsafeMutableBufferPointer { Glibc.read(master, $0.baseAddress, $0.count) }
        if count > 0 { output += chunk[..<count] }
    }

    deinit {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        close(master)
        close(slave)
    }
}

/// A terminal screen, just enough of one: carriage return, line feed, erase line (`ESC [2K`), and other escape
/// sequences skipped. Characters overwrite what is under the cursor, as on a real terminal.
struct ScreenModel {
    private(set) var lines: [String] = [""]

    init(_ bytes: [UInt8]) {
        var rows: [[Character]] = [[]]
        var column = 0
        var index = 0
        let text = Array(String(decoding: bytes, as: UTF8.self))
        while index < text.count {
            let character = text[index]
            index += 1
            switch character {
            case "\r":
                column = 0
            case "\n", "\r\n":
                rows.append([])
                column = 0
            case "\u{1B}":
                var sequence = ""
                while index < text.count {
                    let next = text[index]
                    index += 1
                    sequence.append(next)
                    if sequence.count > 1, let ascii = next.asciiValue, (0x40...0x7E).contains(ascii) { break }
                }
                if sequence == "[2K" { rows[rows.count - 1] = [] }
            default:
                var row = rows[rows.count - 1]
                while row.count < column { row.append(" ") }
                if column < row.count { row[column] = character } else { row.append(character) }
                rows[rows.count - 1] = row
                column += 1
            }
        }
        lines = rows.map { String($0) }
    }
}
