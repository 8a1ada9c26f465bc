import Foundation
import Glibc
import Klankbord
@testable import KlankbordProtocol
import XCTest

/// SIGTERM and SIGHUP on a real daemon (issue 23): a stop tells every connection, after its last answer, that the
/// server is restarting; a reload changes limits on open connections, and a bad file changes nothing.
final class SignalTests: XCTestCase {
    private var base = URL(fileURLWithPath: "/nonexistent")

    override func setUpWithError() throws {
        base = try Products.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: base)
    }

    private func pings(_ ids: ClosedRange<UInt32>, _ client: PipeliningClient) throws -> [UInt8] {
        var bytes: [UInt8] = []
        for id in ids { bytes += try client.frame(WireMessage.request(id: id, .ping).encoded()) }
        return bytes
    }

    /// Waits until the daemon's log holds `text` (at most 10 s).
    private func waitForLog(_ daemon: DaemonProcess, _ text: String) -> Bool {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if daemon.logText().contains(text) { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return false
    }

    func testSIGTERMAnswersEveryRequestTakenThenTellsEachConnectionTheServerIsRestarting() throws {
        let daemon = try DaemonProcess(dataDirectory: base.appendingPathComponent("var"))
        let clients = try (0..<3).map { _ in try PipeliningClient(daemon: daemon) }
        for client in clients {
            try client.write(try pings(1...40, client))
            // The first answer means the daemon read the whole burst (it was written at once).
            XCTAssertEqual(try client.read(count: 1).messages, [.response(id: 1, .pong, type: .ping)])
        }
        XCTAssertEqual(daemon.terminate(), 0)
        for (index, client) in clients.enumerated() {
            let result = try client.readUntilClosed()
            XCTAssertTrue(result.closed, "client \(index): the daemon closed the connection")
            XCTAssertEqual(result.messages.last, .error(id: 0, .serverRestarting, type: .ping), "client \(index): the notice comes last")
            let answered = result.messages.dropLast().compactMap { message -> UInt32? in
                guard case let .response(id, .pong, _) = message else { return nil }
                return id
            }
            XCTAssertEqual(answered, Array(2...40), "client \(index): every request the daemon took was answered, in order, before the notice")
        }
        XCTAssertTrue(daemon.logText().contains("stopped"))
    }

    func testSIGHUPChangesARequestLimitOnAnOpenConnectionAndABadFileChangesNothing() throws {
        let configFile = base.appendingPathComponent("klankbord.conf")
        try "event_burst = 100\n".write(to: configFile, atomically: true, encoding: .utf8)
        let daemon = try DaemonProcess(dataDirectory: base.appendingPathComponent("var"), arguments: ["--config", configFile.path])
        let client = try PipeliningClient(daemon: daemon)
        try client.write(try pings(1...1, client))
        XCTAssertEqual(try client.read(count: 1).messages, [.response(id: 1, .pong, type: .ping)])

        try "event_burst = 3\nevents_per_second = 0.1\n".write(to: configFile, atomically: true, encoding: .utf8)
        kill(daemon.process.processIdentifier, SIGHUP)
        XCTAssertTrue(waitForLog(daemon, "reload: now in force: events_per_second, event_burst"), daemon.logText())
        try client.write(try pings(2...6, client))
        let limited = try client.read(count: 5)
        XCTAssertFalse(limited.closed, "the reload kept the connection open")
        XCTAssertEqual(limited.messages.filter { $0 == .error(id: $0.id, .rateLimited, type: .ping) }.count, 2,
                       "a burst of 3 now: 3 answered, 2 refused: \(limited.messages)")

        try "event_burst = lots\n".write(to: configFile, atomically: true, encoding: .utf8)
        kill(daemon.process.processIdentifier, SIGHUP)
        XCTAssertTrue(waitForLog(daemon, "reload refused, the running settings stay: \(configFile.path) line 1: event_burst must be a whole number"),
                      daemon.logText())
        XCTAssertTrue(daemon.isRunning)
        // Still 0.1 per second: the bucket emptied above has not refilled. A fallback to the defaults (20 per second) would answer.
        try client.write(try pings(7...7, client))
        let after = try client.read(count: 1)
        XCTAssertEqual(after.messages, [.error(id: 7, .rateLimited, type: .ping)])
        XCTAssertFalse(after.closed)
        XCTAssertEqual(daemon.terminate(), 0)
    }

    func testAChatSaysTheServerIsRestartingAndComesBackByItself() throws {
        let community = try Community()
        let chat = try TerminalChat(community.carla, room: "Peers")
        XCTAssertTrue(chat.waitFor("/quit"), chat.text)
        let port = community.daemon.port
        XCTAssertEqual(community.daemon.terminate(), 0)
        XCTAssertTrue(chat.waitFor("The server is restarting. Klankbord connects again by itself."), chat.text)
        try community.daemon.start(port: port)
        try community.anna.ok(["send", "Peers", "after the restart"])
        XCTAssertTrue(chat.waitFor("You are connected again", timeout: 40), chat.text)
        XCTAssertTrue(chat.waitUntil { $0.screen.contains { $0.hasSuffix("anna: after the restart") } }, chat.screen.joined(separator: "\n"))
        chat.type("/quit\r")
        XCTAssertTrue(chat.waitForExit())
        XCTAssertFalse(chat.text.contains("The connection to the server is gone"), "the restart is named, not reported as a lost connection")
    }
}

private extension WireMessage {
    var id: UInt32 {
        switch self {
        case let .request(id, _), let .response(id, _, _), let .error(id, _, _): id
        case .push: 0
        }
    }
}
