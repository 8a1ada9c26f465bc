import Foundation
import Klankbord
@testable import KlankbordProtocol
import XCTest

/// A connection the server closes first delivers the answer to every request it accepted, then its
/// closing error (the last message), then closes (issue 22 item 4).
final class AnswerBeforeCloseTests: XCTestCase {
    private var base = URL(fileURLWithPath: "/nonexistent")

    override func setUpWithError() throws {
        base = try Products.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: base)
    }

    /// Checks that requests 1…n were each answered exactly once, in a stream that ends with `last` and a close.
    private func assertEveryRequestAnswered(_ result: (messages: [WireMessage], closed: Bool), upTo count: Int,
                                            file: StaticString = #filePath, line: UInt = #line) -> [UInt32: Result<Response, ErrorCode>] {
        XCTAssertTrue(result.closed, "the server closed the connection", file: file, line: line)
        var answers: [UInt32: Result<Response, ErrorCode>] = [:]
        for message in result.messages {
            switch message {
            case let .response(id, response, _):
                XCTAssertNil(answers[id], "two answers to \(id)", file: file, line: line)
                answers[id] = .success(response)
            case let .error(id, code, _):
                XCTAssertNil(answers[id], "two answers to \(id)", file: file, line: line)
                answers[id] = .failure(code)
            default:
                XCTFail("unexpected \(message)", file: file, line: line)
            }
        }
        let missing = (1...UInt32(count)).filter { answers[$0] == nil }
        XCTAssertEqual(missing, [], "requests without an answer", file: file, line: line)
        return answers
    }

    func testAFloodedConnectionAnswersEveryAcceptedPingBeforeItsClosingError() throws {
        let daemon = try DaemonProcess(dataDirectory: base.appendingPathComponent("var"),
                                       arguments: ["--set", "events_per_second=5", "--set", "event_burst=20"])
        for run in 0..<4 {
            let client = try PipeliningClient(daemon: daemon)
            var bytes: [UInt8] = []
            for id in 1...202 { bytes += try client.frame(WireMessage.request(id: UInt32(id), .ping).encoded()) }
            try client.write(bytes)
            let result = try client.readUntilClosed()
            guard case let .error(closingID, .rateLimited, _)? = result.messages.last else {
                return XCTFail("run \(run): the last message is not rate_limited: \(String(describing: result.messages.last))")
            }
            let answers = assertEveryRequestAnswered(result, upTo: Int(closingID))
            let pongs = answers.values.filter { $0 == .success(.pong) }.count
            let refused = answers.values.filter { $0 == .failure(.rateLimited) }.count
            XCTAssertGreaterThanOrEqual(pongs, 20, "run \(run): the burst was accepted and answered")
            XCTAssertEqual(pongs + refused, answers.count, "run \(run): only pongs and refusals")
            XCTAssertEqual(refused, 21, "run \(run): 20 refusals in a row, then the closing one")
            XCTAssertEqual(UInt32(answers.count), closingID, "run \(run): nothing after the closing request was taken")
        }
        XCTAssertTrue(daemon.isRunning)
    }

    func testAMalformedRequestClosesOnlyAfterTheAnswersToThoseBeforeIt() throws {
        let daemon = try DaemonProcess(dataDirectory: base.appendingPathComponent("var"))
        let client = try PipeliningClient(daemon: daemon)
        var bytes: [UInt8] = []
        for id in 1...30 { bytes += try client.frame(WireMessage.request(id: UInt32(id), .ping).encoded()) }
        // A request header (kind, type, id 31) with a body ping does not have.
        bytes += try client.frame(WireMessage.request(id: 31, .ping).encoded() + [0xFF, 0xFF])
        bytes += try client.frame(WireMessage.request(id: 32, .ping).encoded())
        try client.write(bytes)
        let result = try client.readUntilClosed()
        XCTAssertEqual(result.messages.last, .error(id: 31, .malformed, type: .ping), "the closing error is the last message")
        let answers = assertEveryRequestAnswered(result, upTo: 31)
        XCTAssertEqual((1...30).map { answers[UInt32($0)] }, Array(repeating: .success(.pong), count: 30))
        XCTAssertNil(answers[32], "nothing after the malformed request is taken")
    }

    func testAnUndecryptableFrameClosesOnlyAfterTheAnswersToThoseBeforeIt() throws {
        let daemon = try DaemonProcess(dataDirectory: base.appendingPathComponent("var"))
        let client = try PipeliningClient(daemon: daemon)
        var bytes: [UInt8] = []
        for id in 1...30 { bytes += try client.frame(WireMessage.request(id: UInt32(id), .ping).encoded()) }
        var tampered = try client.frame(WireMessage.request(id: 31, .ping).encoded())
        tampered[4] ^= 0x01
        bytes += tampered
        try client.write(bytes)
        let result = try client.readUntilClosed()
        let answers = assertEveryRequestAnswered(result, upTo: 30)
        XCTAssertEqual(answers.count, 30, "no answer to the frame that did not decrypt")
    }
}
