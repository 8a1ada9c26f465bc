import Foundation
import XCTest

/// A client written from docs/PROTOCOL.md and docs/TRUST.md alone (Tests/IntegrationTests/Interop/live_client.py,
/// Python with PyNaCl and noiseprotocol) joins a real daemon with a code the Swift CLI made and chats with a
/// CLI user in a group room and a one-to-one thread, both ways, as the responder of one session (fien started it)
/// and the initiator of another (anna joined later): the documents are enough to build a client. It learns of new
/// events and inbox items from pushes only (§13), and holds a message under a changed identity until accepted (§19.8).
final class LiveInteropTests: XCTestCase {
    func testAClientWrittenFromTheDocsJoinsAndChatsWithTheCLIInARoomAndAThread() throws {
        let python = Products.packageRoot.appendingPathComponent(".venv/bin/python3")
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            throw XCTSkip("no .venv: run `make test`, which creates it with PyNaCl and noiseprotocol")
        }
        let base = try Products.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: base) }
        let daemon = try DaemonProcess(dataDirectory: base.appendingPathComponent("var"))
        defer { daemon.terminate() }
        let op = Person(base, "op"), fien = Person(base, "fien")
        try op.ok(["join", try XCTUnwrap(daemon.firstInvite), "--handle", "root"])
        try fien.ok(["join", try XCTUnwrap(op.ok(["invite", "create", "--role", "facilitator"]).first), "--handle", "fien"])
        try fien.ok(["room", "create", "Peers"])
        let code = try XCTUnwrap(fien.ok(["room", "invite", "Peers"]).first)

        let peer = try PythonPeer(python: python)
        // It reduces the roster and room log the CLI wrote by TRUST.md's rules and ignores none of their entries.
        let joined = peer.ask("join \(code) pyla")
        XCTAssertTrue(joined.hasPrefix("ok joined ") && !joined.contains("ignoring"), peer.transcript)

        try fien.ok(["send", "Peers", "hallo from swift"])
        XCTAssertEqual(peer.ask("room-wait hallo from swift"), "ok got hallo from swift", peer.transcript)
        // anna joins after pyla: pyla has no session with her and starts one (X3DH as initiator) for its room key.
        let anna = Person(base, "anna")
        try anna.ok(["join", try XCTUnwrap(fien.ok(["room", "invite", "Peers"]).first), "--handle", "anna"])
        XCTAssertEqual(peer.ask("room-send hoi from python"), "ok sent", peer.transcript)
        XCTAssertEqual(try texts(fien, "Peers"), ["hoi from python"])
        XCTAssertEqual(try texts(anna, "Peers"), ["hoi from python"])
        XCTAssertEqual(peer.ask("dm-send anna hi anna"), "ok sent", peer.transcript)
        XCTAssertEqual(try texts(anna, "pyla"), ["hi anna"])
        try anna.ok(["dm", "pyla", "hi pyla"])
        XCTAssertEqual(peer.ask("dm-wait anna hi pyla"), "ok got hi pyla", peer.transcript)

        XCTAssertEqual(peer.ask("dm-send fien only for fien"), "ok sent", peer.transcript)
        XCTAssertEqual(try texts(fien, "pyla"), ["only for fien"])
        try fien.ok(["dm", "pyla", "only for pyla"])
        XCTAssertEqual(peer.ask("dm-wait fien only for pyla"), "ok got only for pyla", peer.transcript)
        try fien.ok(["send", "Peers", "second round"])
        XCTAssertEqual(peer.ask("room-wait second round"), "ok got second round", peer.transcript)

        // PROTOCOL.md 19.8: a second independent client, pyb, talks to pyla, then gets a new identity (as after a
        // reinstall, or as a server that swaps keys would show it). pyla holds what comes under it, sends nothing to
        // pyb and gives it no room key until pyla accepts; then the held message opens.
        let other = try PythonPeer(python: python)
        XCTAssertTrue(other.ask("join \(try XCTUnwrap(fien.ok(["room", "invite", "Peers"]).first)) pyb").hasPrefix("ok joined "), other.transcript)
        XCTAssertEqual(other.ask("dm-send pyla before the change"), "ok sent", other.transcript)
        XCTAssertEqual(peer.ask("dm-wait pyb before the change"), "ok got before the change", peer.transcript)
        XCTAssertEqual(other.ask("rekey"), "ok rekeyed", other.transcript)
        XCTAssertEqual(other.ask("dm-send pyla after the change"), "ok sent", other.transcript)
        XCTAssertEqual(peer.ask("held pyb"), "ok held 1", peer.transcript)
        XCTAssertTrue(peer.ask("dm-send pyb are you there").hasPrefix("error a changed identity is held"), peer.transcript)
        XCTAssertEqual(peer.ask("accept pyb"), "ok accepted 1", peer.transcript)
        XCTAssertEqual(peer.ask("dm-wait pyb after the change"), "ok got after the change", peer.transcript)
        XCTAssertEqual(peer.ask("dm-send pyb welcome back"), "ok sent", peer.transcript)
        XCTAssertEqual(other.ask("dm-wait pyla welcome back"), "ok got welcome back", other.transcript)
        other.quit()
        peer.quit()
    }

    /// The texts `person` reads in `room` (`read --json`), notices left out.
    private func texts(_ person: Person, _ room: String) throws -> [String] {
        try person.ok(["read", room, "--json"]).compactMap { line in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
            return object["text"] as? String
        }
    }
}

/// `live_client.py` as a running process: one command line in, one answer line out.
private final class PythonPeer {
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private var buffer = Data()
    private(set) var transcript = ""

    init(python: URL) throws {
        process.executableURL = python
        process.arguments = [Products.packageRoot.appendingPathComponent("Tests/IntegrationTests/Interop/live_client.py").path]
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
    }

    /// Sends one command and returns the next answer line (or "" after 60 seconds).
    func ask(_ command: String) -> String {
        transcript += "> \(command)\n"
        input.fileHandleForWriting.write(Data((command + "\n").utf8))
        let deadline = Date().addingTimeInterval(60)
        let handle = output.fileHandleForReading
        while Date() < deadline {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
                buffer.removeSubrange(buffer.startIndex...newline)
                transcript += line + "\n"
                return line
            }
            var pending = pollfd(fd: handle.fileDescriptor, events: Int16(POLLIN), revents: 0)
            if poll(&pending, 1, 100) > 0 {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                buffer.append(chunk)
            }
        }
        transcript += String(decoding: buffer, as: UTF8.self)
        return ""
    }

    func quit() {
        input.fileHandleForWriting.write(Data("quit\n".utf8))
        process.waitUntilExit()
    }

    deinit {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }
}
