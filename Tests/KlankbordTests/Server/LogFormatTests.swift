import XCTest
import Klankbord
@testable import KlankbordServer

/// Log lines: journald's priority prefixes under systemd, the timestamped format everywhere else.
final class LogFormatTests: XCTestCase {
    func testUnderSystemdLinesCarryAPriorityPrefixAndNoTimestamp() {
        for environment in [["JOURNAL_STREAM": "8:12345"], ["INVOCATION_ID": "0123456789abcdef"]] {
            let log = Log(level: .debug, environment: environment)
            XCTAssertTrue(log.journald)
            XCTAssertEqual(log.line(.error, "cannot listen"), "<3>cannot listen\n")
            XCTAssertEqual(log.line(.warn, "slow client"), "<4>slow client\n")
            XCTAssertEqual(log.line(.info, "listening on port 7447"), "<6>listening on port 7447\n")
            XCTAssertEqual(log.line(.debug, "a\nb"), "<7>a b\n")
        }
    }

    func testElsewhereLinesKeepTheirTimestampedFormat() throws {
        let log = Log(level: .info, environment: ["JOURNAL_STREAM": "", "HOME": "/root"])
        XCTAssertFalse(log.journald)
        let line = log.line(.warn, "slow client")
        let pattern = try NSRegularExpression(pattern: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ warn slow client\n$"#)
        XCTAssertEqual(pattern.numberOfMatches(in: line, range: NSRange(line.startIndex..., in: line)), 1, line)
    }
}
