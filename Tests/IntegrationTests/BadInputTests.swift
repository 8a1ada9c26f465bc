import Foundation
import Glibc
import Klankbord
@testable import KlankbordClient
@testable import KlankbordCrypto
@testable import KlankbordProtocol
@testable import KlankbordSystem
import XCTest

/// Bad bytes from the network get an error or a closed connection, and the daemon keeps serving others.
final class BadInputTests: XCTestCase {
    private var base: URL!
    private var daemon: DaemonProcess!
    private var operatorPerson: Person!

    override func setUpWithError() throws {
        base = try Products.temporaryDirectory()
        daemon = try DaemonProcess(dataDirectory: base.appendingPathComponent("var"),
                                   arguments: ["--set", "handshake_timeout_s=1"])
        operatorPerson = Person(base, "op")
        try operatorPerson.ok(["join", try XCTUnwrap(daemon.firstInvite), "--handle", "root"])
    }

    override func tearDown() {
        daemon.terminate()
        try? FileManager.default.removeItem(at: base)
    }

    /// A raw TCP connection to the daemon.
    private func rawSocket() throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = daemon.port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        XCTAssertEqual(connected, 0)
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        return fd
    }

    /// True when the daemon closed the connection (read returns 0 or a reset) within the receive timeout.
    private func closedByServer(_ fd: Int32) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 256)
        while true {
            let count = read(fd, &buffer, buffer.count)
            if count == 0 || (count < 0 && errno == ECONNRESET) { return true }
            if count < 0 { return false }
        }
    }

    private func assertStillServing(file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertTrue(daemon.isRunning, file: file, line: line)
        try operatorPerson.ok(["whoami"], file: file, line: line)
    }

    func testRandomBytesCloseTheConnection() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20 {
            let fd = try rawSocket()
            var junk = (0..<Int.random(in: 1...3000, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            junk[0] = 0x00
            junk[1] = 0x30
            _ = write(fd, &junk, junk.count)
            XCTAssertTrue(closedByServer(fd))
            close(fd)
        }
        try assertStillServing()
    }

    func testTruncatedHandshakeTimesOut() throws {
        let fd = try rawSocket()
        var partial: [UInt8] = [0x00, 0x60] + [UInt8](repeating: 7, count: 20)
        _ = write(fd, &partial, partial.count)
        XCTAssertTrue(closedByServer(fd), "the handshake deadline closes a half-sent handshake")
        close(fd)
        try assertStillServing()
    }

    func testFrameOverTheLimitClosesTheConnection() throws {
        let port = daemon.port
        daemon.terminate()
        daemon = try DaemonProcess(dataDirectory: base.appendingPathComponent("var"), arguments: ["--set", "max_frame_bytes=4096", "--port", String(port)])
        let fd = try rawSocket()
        var big: [UInt8] = [0x20, 0x00] + [UInt8](repeating: 1, count: 8192)
        _ = write(fd, &big, big.count)
        XCTAssertTrue(closedByServer(fd))
        close(fd)
        try assertStillServing()
    }

    func testUnknownKeyAskingForARoomIsRefused() throws {
        let serverKey = try X25519.PrivateKey(secret: KeyFile.load(path: daemon.dataDirectory.path + "/server.key", length: 32)).publicKey
        let stranger = try ClientConnection(address: ServerAddress(host: "127.0.0.1", port: daemon.port), serverKey: serverKey, deviceKey: X25519.PrivateKey())
        XCTAssertThrowsError(try stranger.call(.fetch(room: 1, afterSeq: 0, limit: 10))) { XCTAssertEqual($0 as? ClientError, .server(.notRegistered)) }
        XCTAssertThrowsError(try stranger.call(.send(room: 1, clientID: Random.bytes(16), payload: [1, 2, 3]))) { XCTAssertEqual($0 as? ClientError, .server(.notRegistered)) }
        XCTAssertEqual(try stranger.call(.ping), .pong, "the connection stays usable after a refusal")
        try assertStillServing()
    }

    func testWrongServerKeyFailsTheHandshake() throws {
        XCTAssertThrowsError(try ClientConnection(address: ServerAddress(host: "127.0.0.1", port: daemon.port), serverKey: X25519.PrivateKey().publicKey,
                                                  deviceKey: X25519.PrivateKey(), timeout: 3)) { error in
            XCTAssertEqual(error as? ClientError, .handshakeFailed, "a wrong key is reported as such, not as an unreachable server")
        }
        try assertStillServing()
    }

    func testHugeMessageIsRefusedWithAClearError() throws {
        let fien = Person(base, "fien")
        try fien.ok(["join", try XCTUnwrap(operatorPerson.ok(["invite", "create", "--role", "facilitator"]).first), "--handle", "fien"])
        try fien.ok(["room", "create", "Big"])
        let huge = String(repeating: "x", count: 20_000)
        let result = try fien.run(["send", "Big", huge])
        // Refused before anything is sent (the server would refuse it too), with the limit in the sentence.
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.error.contains("too long: 20000 characters. The most is 15872."), result.error)
        try fien.ok(["send", "Big", "short is fine"])
        try assertStillServing()
    }
}
