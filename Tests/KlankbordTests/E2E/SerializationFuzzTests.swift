import XCTest
import Klankbord
@testable import KlankbordE2E

/// Every serialized type is fed truncations, trailing bytes, bit flips and random bytes: each
/// must throw or decode canonically (re-serializing to the same bytes), and never crash.
final class SerializationFuzzTests: XCTestCase {
    private struct Codec {
        let name: String
        let sample: [UInt8]
        /// Decodes and re-serializes.
        let roundTrip: ([UInt8]) throws(E2EError) -> [UInt8]
    }

    private func codecs() throws -> [Codec] {
        var (alice, bob) = try establishedPair()
        let account = Account()
        var initiator = try X3DH.initiate(identity: IdentityKeys(), bundle: account.bundle())
        let initial = try initiator.seal(bytes("first"))
        let ratchet = try alice.encrypt(bytes("hello there"))
        _ = try bob.decrypt(try alice.encrypt(bytes("x")))
        var record = SessionRecord()
        record.install(alice)
        record.install(initiator)
        var chain = SenderKeyChain(roomID: 99, epoch: 4)
        var receiver = SenderKeyReceiver(distribution: chain.distribution)
        _ = try chain.encrypt(bytes("skipped"))
        let senderMessage = try chain.encrypt(bytes("room message"))
        _ = try receiver.decrypt(senderMessage)
        guard case .initial(let initialMessage) = initial else { throw E2EError.malformed }
        return [
            Codec(name: "IdentityKeys", sample: account.identity.serialized()) { b throws(E2EError) in try IdentityKeys(serialized: b).serialized() },
            Codec(name: "PublicBundle", sample: account.identity.publicBundle.serialized()) { b throws(E2EError) in try IdentityKeys.PublicBundle(serialized: b).serialized() },
            Codec(name: "SignedPrekey", sample: account.signedPrekey.serialized()) { b throws(E2EError) in try SignedPrekey(serialized: b).serialized() },
            Codec(name: "SignedPrekey.Public", sample: account.signedPrekey.publicPart.serialized()) { b throws(E2EError) in try SignedPrekey.Public(serialized: b).serialized() },
            Codec(name: "OneTimePrekey", sample: account.oneTimePrekeys[0].serialized()) { b throws(E2EError) in try OneTimePrekey(serialized: b).serialized() },
            Codec(name: "OneTimePrekey.Public", sample: account.oneTimePrekeys[0].publicPart.serialized()) { b throws(E2EError) in try OneTimePrekey.Public(serialized: b).serialized() },
            Codec(name: "PrekeyBundle", sample: account.bundle().serialized()) { b throws(E2EError) in try PrekeyBundle(serialized: b).serialized() },
            Codec(name: "RatchetMessage", sample: ratchet.serialized()) { b throws(E2EError) in try RatchetMessage(serialized: b).serialized() },
            Codec(name: "InitialMessage", sample: initialMessage.serialized()) { b throws(E2EError) in try InitialMessage(serialized: b).serialized() },
            Codec(name: "SessionMessage", sample: initial.serialized()) { b throws(E2EError) in try SessionMessage(serialized: b).serialized() },
            Codec(name: "RatchetSession", sample: bob.serialized()) { b throws(E2EError) in try RatchetSession(serialized: b).serialized() },
            Codec(name: "SessionRecord", sample: record.serialized()) { b throws(E2EError) in try SessionRecord(serialized: b).serialized() },
            Codec(name: "SenderKeyChain", sample: chain.serialized()) { b throws(E2EError) in try SenderKeyChain(serialized: b).serialized() },
            Codec(name: "SenderKeyDistribution", sample: chain.distribution.serialized()) { b throws(E2EError) in try SenderKeyDistribution(serialized: b).serialized() },
            Codec(name: "SenderKeyMessage", sample: senderMessage.serialized()) { b throws(E2EError) in try SenderKeyMessage(serialized: b).serialized() },
            Codec(name: "SenderKeyReceiver", sample: receiver.serialized()) { b throws(E2EError) in try SenderKeyReceiver(serialized: b).serialized() },
            Codec(name: "PayloadEvent", sample: PayloadEvent(content: .reply(to: .random(), text: "ok")).serialized()) { b throws(E2EError) in try PayloadEvent(serialized: b).serialized() },
        ]
    }

    func testSamplesRoundTripExactly() throws {
        for codec in try codecs() {
            XCTAssertEqual(try codec.roundTrip(codec.sample), codec.sample, codec.name)
        }
    }

    func testTruncatedInputOfEveryTypeThrows() throws {
        for codec in try codecs() {
            for length in 0..<codec.sample.count {
                XCTAssertThrowsError(try codec.roundTrip(Array(codec.sample.prefix(length))), "\(codec.name) truncated to \(length)")
            }
        }
    }

    func testTrailingBytesAndWrongVersionThrow() throws {
        for codec in try codecs() {
            XCTAssertThrows(.malformed) { () throws(E2EError) in try codec.roundTrip(codec.sample + [0]) }
            var versioned = codec.sample
            versioned[0] = 0xEE
            XCTAssertThrows(.unsupportedVersion(0xEE)) { () throws(E2EError) in try codec.roundTrip(versioned) }
        }
    }

    func testOversizedInputIsMalformed() throws {
        let huge = [1] + [UInt8](repeating: 0, count: E2ELimits.maxMessageLength + 8192)
        for codec in try codecs() {
            XCTAssertThrows(.malformed) { () throws(E2EError) in try codec.roundTrip(huge) }
        }
    }

    func testHugeLengthAndCountFieldsAreMalformed() throws {
        let (_, bob) = try establishedPair()
        var session = bob.serialized()
        session.replaceSubrange(session.count - 4..<session.count, with: [0xFF, 0xFF, 0xFF, 0xFF])
        XCTAssertThrows(.malformed) { () throws(E2EError) in try RatchetSession(serialized: session) }
        let message: [UInt8] = [1] + [UInt8](repeating: 9, count: 32) + [0, 0, 0, 0, 0, 0, 0, 0] + [0xFF, 0xFF, 0xFF, 0xFF]
        XCTAssertThrows(.malformed) { () throws(E2EError) in try RatchetMessage(serialized: message) }
    }

    func testBitFlippedInputNeverCrashesAndDecodesCanonically() throws {
        var random = SeededGenerator(seed: 2024)
        for codec in try codecs() {
            for _ in 0..<1500 {
                var input = codec.sample
                for _ in 0..<Int.random(in: 1...4, using: &random) {
                    input[Int.random(in: 0..<input.count, using: &random)] ^= UInt8.random(in: 1...255, using: &random)
                }
                if let output = try? codec.roundTrip(input) { XCTAssertEqual(output, input, codec.name) }
            }
        }
    }

    func testRandomBytesNeverCrashAndDecodeCanonically() throws {
        var random = SeededGenerator(seed: 99)
        for codec in try codecs() {
            for _ in 0..<3000 {
                let length = Int.random(in: 0...(codec.sample.count + 16), using: &random)
                var input = random.bytes(length)
                if !input.isEmpty, Bool.random(using: &random) { input[0] = codec.sample[0] }
                if let output = try? codec.roundTrip(input) { XCTAssertEqual(output, input, codec.name) }
            }
        }
    }
}
