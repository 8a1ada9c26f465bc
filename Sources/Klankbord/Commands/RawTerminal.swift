import Glibc
import Synchronization

/// The terminal in raw mode for the chat: no echo, no line buffering (so no 4,095-byte line limit and no mangled
/// line), keys such as Ctrl-C as bytes, and bracketed paste on. The saved settings come back on every way out:
/// `restore()` on a normal end or an error, a signal handler for SIGTERM, SIGHUP and SIGQUIT, and `atexit`.
enum RawTerminal {
    /// Switches standard input to raw mode when it is a terminal; false (nothing changed) otherwise.
    static func enter() -> Bool {
        guard isatty(0) == 1, tcgetattr(0, &saved) == 0 else { return false }
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG | IEXTEN)
        raw.c_iflag &= ~tcflag_t(IXON | ICRNL | INLCR | ISTRIP)
        // Output processing stays on, so a line break still returns to the left edge.
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        // TCSADRAIN, not TCSAFLUSH: keys typed while the chat started are kept, not thrown away.
        guard tcsetattr(0, TCSADRAIN, &raw) == 0 else { return false }
        active = true
        for signal in [SIGTERM, SIGHUP, SIGQUIT, SIGINT] { Glibc.signal(signal, restoreAndDie) }
        // Notes the resize and wakes the wait: the chat reads the width again each time it draws.
        Glibc.signal(SIGWINCH, noteResize)
        atexit(restoreAtExit)
        writeAll(pasteOn)
        return true
    }

    /// Whether the window was resized since the last call. A flag, not only the interrupted wait: a signal that
    /// arrives while the chat is not waiting (drawing, talking to the server) would otherwise be lost.
    static func takeResize() -> Bool {
        resized.exchange(false, ordering: .relaxed)
    }

    /// Puts the saved settings back (once; later calls do nothing).
    static func restore() {
        guard active else { return }
        active = false
        writeAll(pasteOff)
        tcsetattr(0, TCSADRAIN, &saved)
    }

    private static let pasteOn = Array("\u{1B}[?2004h".utf8)
    private static let pasteOff = Array("\u{1B}[?2004l".utf8)

    private static func writeAll(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { buffer in _ = Glibc.write(1, buffer.baseAddress, buffer.count) }
    }
}

// Read from signal handlers, so they are plain globals: set once before the handlers are installed.
nonisolated(unsafe) private var saved = termios()
nonisolated(unsafe) private var active = false

private func restoreAtExit() {
    RawTerminal.restore()
}

/// Set by the SIGWINCH handler (an atomic store is safe there), taken by the chat's loop.
private let resized = Atomic<Bool>(false)

private func noteResize(_: Int32) {
    resized.store(true, ordering: .relaxed)
}

/// Restores the terminal (tcsetattr and write are safe in a signal handler), then dies of the same signal.
private func restoreAndDie(_ signal: Int32) {
    if active {
        active = false
        tcsetattr(0, TCSANOW, &saved)
        // The same bytes as `pasteOff`, written from a literal: nothing here may allocate.
        var off: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0x1B, 0x5B, 0x3F, 0x32, 0x30, 0x30, 0x34, 0x6C)
        _ = Glibc.write(1, &off, 8)
    }
    Glibc.signal(signal, SIG_DFL)
    raise(signal)
}
