import Foundation
import Glibc
import XCTest

/// A real `klankbordd` on an ephemeral loopback port with its own data folder.
final class DaemonProcess {
    let dataDirectory: URL
    private(set) var process: Process
    private(set) var port: UInt16 = 0
    /// The operator invite printed by the first start.
    private(set) var firstInvite: String?
    private let extraArguments: [String]
    /// Standard error of every start, appended to one file beside the data directory (not inside it).
    let logFile: URL

    init(dataDirectory: URL, arguments: [String] = []) throws {
        self.dataDirectory = dataDirectory
        self.extraArguments = arguments
        logFile = dataDirectory.deletingLastPathComponent().appendingPathComponent(dataDirectory.lastPathComponent + "-daemon.log")
        _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        process = Process()
        try start()
    }

    /// Starts the daemon and waits for its "listening" line, for at most 20 s even if the daemon hangs
    /// silently (the pipe is polled, never read while empty). `overrides` are extra arguments and `environment`
    /// extra variables for this start only.
    func start(port fixedPort: UInt16? = nil, overrides: [String] = [], environment extra: [String: String] = [:]) throws {
        process = Process()
        process.executableURL = Products.daemon
        process.arguments = ["--data-dir", dataDirectory.path, "--port", String(fixedPort ?? 0), "--log-level", "debug"] + extraArguments + overrides
        var environment = ProcessInfo.processInfo.environment
        environment["LANG"] = "C"
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        let output = Pipe()
        let log = try FileHandle(forWritingTo: logFile)
        log.seekToEndOfFile()
        process.standardOutput = output
        process.standardError = log
        try process.run()
        try log.close()
        let handle = output.fileHandleForReading
        var buffer = Data()
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            var ready = pollfd(fd: handle.fileDescriptor, events: Int16(POLLIN), revents: 0)
            let waited = poll(&ready, 1, Int32(max(1, deadline.timeIntervalSinceNow * 1000)))
            if waited < 0 && errno == EINTR { continue }
            guard waited > 0 else { break }
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            buffer.append(chunk)
            let text = String(decoding: buffer, as: UTF8.self)
            let lines = text.split(separator: "\n").map(String.init)
            if let code = lines.first(where: { $0.hasPrefix("kb1-") }) { firstInvite = code }
            if let line = lines.first(where: { $0.contains("listening on") }), let portText = line.split(separator: ":").last, let port = UInt16(portText) {
                self.port = port
                return
            }
        }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        throw NSError(domain: "DaemonProcess", code: 1, userInfo: [NSLocalizedDescriptionKey: "daemon did not start within 20 s: " + String(decoding: buffer, as: UTF8.self)])
    }

    var address: String { "127.0.0.1:\(port)" }

    /// SIGKILL: no chance to clean up, as in a crash.
    func kill9() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// SIGTERM and wait; returns the exit status.
    @discardableResult
    func terminate() -> Int32 {
        guard process.isRunning else { return process.terminationStatus }
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Everything the daemon wrote to standard error so far.
    func logText() -> String {
        (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
    }

    var isRunning: Bool { process.isRunning }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }
}
