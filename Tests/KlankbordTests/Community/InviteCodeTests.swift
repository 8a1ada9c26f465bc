import XCTest
import Klankbord
@testable import KlankbordCrypto
@testable import KlankbordProtocol

/// The one line a person pastes to join, and the `host:port` addresses inside it.
final class InviteCodeTests: XCTestCase {
    private func sampleCode(host: String = "klankbord.example.nl", port: UInt16 = 7447) -> InviteCode {
        InviteCode(host: host, port: port, serverKey: X25519.PrivateKey().publicKey, secret: Random.bytes(Request.secretLength))
    }

    private func assertParseFails(_ text: String, with expected: InviteCode.ParseError, file: StaticString = #filePath, line: UInt = #line) {
        do {
            _ = try InviteCode(parsing: text)
            XCTFail("\(text.debugDescription) parsed, expected \(expected)", file: file, line: line)
        } catch {
            XCTAssertEqual(error, expected, text.debugDescription, file: file, line: line)
        }
    }

    func testCodeRoundTripsThroughItsText() throws {
        for code in [sampleCode(), sampleCode(host: "::1", port: 1), sampleCode(host: "192.0.2.1", port: .max),
                     sampleCode(host: "fryslân.example", port: 443)] {
            XCTAssertTrue(code.text.hasPrefix("kb1-"), code.text)
            XCTAssertEqual(try InviteCode(parsing: code.text), code)
        }
    }

    func testCodeIsOneLineWithoutSpacesOrPadding() {
        let text = sampleCode().text
        XCTAssertFalse(text.contains { $0.isWhitespace || $0 == "=" || $0 == "+" || $0 == "/" }, text)
    }

    func testSpacesAndLineBreaksAddedByAMailProgramAreIgnored() throws {
        let code = sampleCode()
        let text = code.text
        var wrapped = ""
        for (index, character) in text.enumerated() {
            if index > 0 && index % 19 == 0 { wrapped += ["\r\n", "\n", " ", "\t", "\u{00A0}"][index / 19 % 5] }
            wrapped.append(character)
        }
        XCTAssertEqual(try InviteCode(parsing: "  \n" + wrapped + " \n"), code)
    }

    func testTextWithoutThePrefixIsNotAnInviteCode() {
        let body = String(sampleCode().text.dropFirst(InviteCode.prefix.count))
        for text in ["", "hello", body, "kb2-" + body, "KB1-" + body, "kb1" + body, "https://example.nl/kb1-" + body] {
            assertParseFails(text, with: .notAnInviteCode)
        }
    }

    func testATruncatedCodeIsDamaged() {
        let text = sampleCode().text
        for length in InviteCode.prefix.count..<text.count {
            assertParseFails(String(text.prefix(length)), with: .damaged)
        }
    }

    func testACodeWithCharactersThatAreNotBase64URLIsDamaged() {
        let text = sampleCode().text
        for damage in ["!", "=", "+", "/", "é"] {
            var characters = Array(text)
            characters[20] = Character(damage)
            assertParseFails(String(characters), with: .damaged)
        }
        assertParseFails(text + "A", with: .damaged)
    }

    func testACodeWithTheWrongLayoutIsDamaged() throws {
        let key = X25519.PrivateKey().publicKey.bytes, secret = Random.bytes(32)
        func encode(version: UInt8 = 1, host: [UInt8] = Array("example.nl".utf8), key: [UInt8] = key, secret: [UInt8] = secret, extra: [UInt8] = []) -> String {
            var w = WireWriter()
            w.u8(version)
            w.u16(7447)
            w.u8(UInt8(host.count))
            w.fixed(host)
            w.fixed(key + secret + extra)
            return InviteCode.prefix + Base64URL.encode(w.bytes)
        }
        XCTAssertEqual(try InviteCode(parsing: encode()).host, "example.nl")
        assertParseFails(encode(version: 2), with: .damaged)
        assertParseFails(encode(host: []), with: .damaged)
        assertParseFails(encode(host: [0xff, 0xfe]), with: .damaged)
        assertParseFails(encode(secret: Array(secret.prefix(31))), with: .damaged)
        assertParseFails(encode(extra: [0]), with: .damaged)
    }

    func testAddressParsesHostAndPort() {
        XCTAssertEqual(ServerAddress("klankbord.example.nl:7447"), ServerAddress(host: "klankbord.example.nl", port: 7447))
        XCTAssertEqual(ServerAddress("127.0.0.1:0"), ServerAddress(host: "127.0.0.1", port: 0))
        XCTAssertEqual(ServerAddress("example.nl:65535")?.port, 65535)
    }

    func testAddressParsesBracketedIPv6() {
        XCTAssertEqual(ServerAddress("[::1]:7447"), ServerAddress(host: "::1", port: 7447))
        XCTAssertEqual(ServerAddress("[2001:db8::1]:443"), ServerAddress(host: "2001:db8::1", port: 443))
    }

    func testAddressDescriptionBracketsIPv6AndParsesBack() {
        for address in [ServerAddress(host: "::1", port: 7447), ServerAddress(host: "example.nl", port: 80)] {
            XCTAssertEqual(ServerAddress(address.description), address)
        }
        XCTAssertEqual(ServerAddress(host: "::1", port: 7447).description, "[::1]:7447")
    }

    func testAddressWithoutAUsablePortOrHostIsRefused() {
        for text in ["", "example.nl", "example.nl:", ":7447", "example.nl:65536", "example.nl:-1", "example.nl:http",
                     "[::1]", "[::1]7447", "[]:7447", "[::1]:", "::1", "2001:db8::1", "::1:7447"] {
            XCTAssertNil(ServerAddress(text), text)
        }
    }
}
