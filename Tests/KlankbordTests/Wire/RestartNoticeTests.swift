import XCTest
@testable import KlankbordProtocol

/// The stop notice's exact bytes, as docs/PROTOCOL.md section 11 gives them.
final class RestartNoticeTests: XCTestCase {
    func testTheNoticeIsAnIdZeroErrorOfTypePing() throws {
        let bytes = WireMessage.error(id: 0, .serverRestarting, type: .ping).encoded()
        XCTAssertEqual(bytes, [0x03, 0x01, 0, 0, 0, 0, 0x00, 0x11] + Array("server_restarting".utf8))
        XCTAssertEqual(try WireMessage.decode(bytes), .error(id: 0, .serverRestarting, type: .ping))
    }
}
