import Foundation
import XCTest

/// What a finished `klankbord` process printed and returned.
struct CLIResult {
    let status: Int32
    let output: String
    let error: String

    var lines: [String] { output.split(separator: "\n").map(String.init) }
}

/// Runs real `klankbord` processes for one person (one profile folder).
struct Person {
    let profile: URL
    var language = "C"

    init(_ base: URL, _ name: String) {
        profile = base.appendingPathComponent(name)
    }

    /// Runs `klankbord <words> --profile <folder>` to the end, with `input` on standard input.
    @discardableResult
    func run(_ words: [String], input: String = "", environment extra: [String: String] = [:]) throws -> CLIResult {
        let process = Process()
        process.executableURL = Products.cli
        process.arguments = words + ["--profile", profile.path]
        var environment = ProcessInfo.processInfo.environment
        environment["LANG"] = language
        environment.removeValue(forKey: "LC_ALL")
        environment.removeValue(forKey: "LC_MESSAGES")
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        let stdout = Pipe(), stderr = Pipe(), stdin = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = stdin
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLIResult(status: process.terminationStatus, output: String(decoding: out, as: UTF8.self), error: String(decoding: err, as: UTF8.self))
    }

    /// Runs a command that must succeed and returns its standard output lines.
    @discardableResult
    func ok(_ words: [String], file: StaticString = #filePath, line: UInt = #line) throws -> [String] {
        let result = try run(words)
        XCTAssertEqual(result.status, 0, "klankbord \(words.joined(separator: " ")) failed: \(result.error)", file: file, line: line)
        return result.lines
    }
}

/// A long-running `klankbord chat` whose output can be read while it runs.
final class ChatProcess {
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private var buffer = Data()

    init(_ person: Person, room: String) throws {
        process.executableURL = Products.cli
        process.arguments = ["chat", room, "--profile", person.profile.path]
        var environment = ProcessInfo.processInfo.environment
        environment["LANG"] = "C"
        process.environment = environment
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    /// Waits until the output holds a line containing `text` (at most `timeout` seconds).
    /// Waits until the chat is up (it shows how to leave); as generous as `TerminalChat.waitUntilReady`.
    func waitUntilReady() -> Bool {
        waitFor("/quit", timeout: 45)
    }

    func waitFor(_ text: String, timeout: Double = 10) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        let handle = output.fileHandleForReading
        while Date() < deadline {
            if String(decoding: buffer, as: UTF8.self).contains(text) { return true }
            var pending = pollfd(fd: handle.fileDescriptor, events: Int16(POLLIN), revents: 0)
            if poll(&pending, 1, 100) > 0 {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                buffer.append(chunk)
            }
        }
        return String(decoding: buffer, as: UTF8.self).contains(text)
    }

    var text: String { String(decoding: buffer, as: UTF8.self) }

    func type(_ line: String) {
        input.fileHandleForWriting.write(Data((line + "\n").utf8))
    }

    /// Types /quit and waits for the process to end.
    func quit() {
        type("/quit")
        process.waitUntilExit()
    }

    /// Ends the process as if the laptop lost its connection.
    func kill() {
        process.terminate()
        process.waitUntilExit()
    }

    deinit {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }
}
