import XCTest
import Klankbord
@testable import KlankbordCrypto
@testable import KlankbordE2E
@testable import KlankbordTrust

/// The signed entry layout of docs/TRUST.md: what is written is what is read, and the signature and hash cover it all.
final class LogEntryTests: XCTestCase {
    let person = LogPerson(account: 7, handle: "fien")

    func bodies() throws -> [LogBody] {
        let writer = ChainWriter(scope: 9)
        let secret = TrustCommunity.secret()
        return [
            .genesis(handle: "fien", identity: person.bundle),
            try writer.invite(secret: secret, role: .trusted, uses: 3, expires: -5),
            try writer.join(person, secret: secret),
            .add(account: 12, handle: "ann", identity: person.bundle, role: .member),
            .leave,
            .remove(account: 12),
            .revoke(inviteKey: try InviteKey(secret: secret).publicKey),
        ]
    }

    func testEveryKindRoundTripsThroughItsBytes() throws {
        for body in try bodies() {
            let entry = LogEntry(scope: 9, prev: Random.bytes(32), time: 1_800_000_000, author: 7, body: body, signer: person.identity.signingKey)
            let decoded = try LogEntry(decoding: entry.bytes)
            XCTAssertEqual(decoded, entry, "\(body.kind)")
            XCTAssertTrue(decoded.isSigned(by: person.bundle.signingKey))
        }
    }

    func testLayoutStartsWithVersionScopePrevTimeAuthorKind() {
        let prev = [UInt8](repeating: 0xAB, count: 32)
        let entry = LogEntry(scope: 0x0102, prev: prev, time: -1, author: 0x0A0B, body: .leave, signer: person.identity.signingKey)
        let expected: [UInt8] = [1, 0, 0, 0, 0, 0, 0, 1, 2] + prev + [UInt8](repeating: 0xFF, count: 8) + [0, 0, 0, 0, 0, 0, 0x0A, 0x0B] + [5]
        XCTAssertEqual(Array(entry.bytes.prefix(expected.count)), expected)
        XCTAssertEqual(entry.bytes.count, expected.count + 64, "a leave has an empty body, then the signature")
        XCTAssertEqual(entry.hash, BLAKE2b.hash(Array("klankbord/log-hash/1".utf8) + entry.bytes, length: 32))
        XCTAssertNoThrow(try person.bundle.signingKey.verify(entry.signature, for: Array("klankbord/log-entry/1".utf8) + entry.bytes.dropLast(64)))
    }

    func testSignatureCoversEveryByteBeforeIt() throws {
        let entry = LogEntry(scope: 9, prev: LogEntry.zeroHash, time: 5, author: 7, body: .remove(account: 3), signer: person.identity.signingKey)
        for index in 0..<(entry.bytes.count - 64) {
            var bytes = entry.bytes
            bytes[index] ^= 0x01
            guard let changed = try? LogEntry(decoding: bytes) else { continue }
            XCTAssertFalse(changed.isSigned(by: person.bundle.signingKey), "byte \(index) is not covered")
        }
        XCTAssertFalse(entry.isSigned(by: IdentityKeys().publicBundle.signingKey), "another identity's key must not verify")
    }

    func testMalformedEntriesAreRefused() throws {
        let entry = LogEntry(scope: 9, prev: LogEntry.zeroHash, time: 5, author: 7, body: .remove(account: 3), signer: person.identity.signingKey)
        XCTAssertThrowsError(try LogEntry(decoding: Array(entry.bytes.dropLast()))) { XCTAssertEqual($0 as? TrustError, .malformed) }
        XCTAssertThrowsError(try LogEntry(decoding: entry.bytes + [0])) { XCTAssertEqual($0 as? TrustError, .malformed) }
        var unknownKind = entry.bytes
        unknownKind[1 + 8 + 32 + 8 + 8] = 99
        XCTAssertThrowsError(try LogEntry(decoding: unknownKind)) { XCTAssertEqual($0 as? TrustError, .malformed) }
        var newer = entry.bytes
        newer[0] = 2
        XCTAssertThrowsError(try LogEntry(decoding: newer)) { XCTAssertEqual($0 as? TrustError, .unsupportedVersion(2)) }
        XCTAssertThrowsError(try LogEntry(decoding: [UInt8](repeating: 1, count: LogEntry.maxLength + 1))) { XCTAssertEqual($0 as? TrustError, .tooLarge) }
        XCTAssertThrowsError(try LogEntry(decoding: [])) { XCTAssertEqual($0 as? TrustError, .malformed) }
    }

    func testRandomAndDamagedBytesNeverCrashTheDecoderOrTheReducers() throws {
        var generator = SeededGenerator(seed: 1616)
        let community = TrustCommunity()
        let samples = try bodies().map {
            LogEntry(scope: 10, prev: community.roomChain.head, time: 5, author: 7, body: $0, signer: person.identity.signingKey).bytes
        }
        for round in 0..<2000 {
            var bytes: [UInt8]
            if round % 2 == 0 {
                bytes = generator.bytes(Int.random(in: 0...300, using: &generator))
            } else {
                bytes = samples[round % samples.count]
                for _ in 0..<Int.random(in: 1...4, using: &generator) {
                    bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
                }
            }
            _ = try? LogEntry(decoding: bytes)
            let room = community.room([bytes])
            XCTAssertEqual(room.log.length, 1, "nothing random or damaged is ever accepted")
            XCTAssertEqual(Roster(entries: community.rosterChain.entries + [bytes]).log.length, 2)
        }
    }

    func testAnIdentityWithABrokenSignatureDoesNotDecode() throws {
        let entry = LogEntry(scope: 9, prev: LogEntry.zeroHash, time: 5, author: 7, body: .genesis(handle: "fien", identity: person.bundle),
                             signer: person.identity.signingKey)
        var bytes = entry.bytes
        let bundleSignatureStart = 1 + 8 + 32 + 8 + 8 + 1 + 2 + 4 + 1 + 32 + 32
        bytes[bundleSignatureStart] ^= 0x01
        XCTAssertThrowsError(try LogEntry(decoding: bytes)) { XCTAssertEqual($0 as? TrustError, .malformed) }
    }
}
