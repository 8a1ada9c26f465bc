import XCTest
import Klankbord
@testable import KlankbordConfig
@testable import KlankbordE2E
@testable import KlankbordFuzzing
@testable import KlankbordProtocol
@testable import KlankbordTrust

/// Valid inputs for each fuzz target, so that fuzzing starts deep inside the parsers (past
/// signatures, MACs and the handshake) instead of at their first length check.
enum FuzzSeeds {
    typealias Seed = (name: String, bytes: [UInt8])

    static func all() throws -> [FuzzEntry.Target: [Seed]] {
        [
            .frameDecoder: frameDecoder(),
            .handshake: try handshake(),
            .wireMessage: WireSamples.messages.enumerated().map { ("message-\($0.offset)", $0.element.encoded()) },
            .e2e: try e2e(),
            .config: config(),
            .inviteCode: inviteCode(),
        ]
    }

    /// A client's first handshake message to `FuzzKeys.server`, stating protocol `version`.
    static func hello(version: UInt8 = WireMessage.version) throws -> [UInt8] {
        var client = Noise.HandshakeState(initiatorWithStatic: FuzzKeys.client, remoteStatic: FuzzKeys.server.publicKey,
                                          prologue: Noise.prologue, ephemeral: FuzzKeys.clientEphemeral)
        return try client.writeMessage(payload: [version])
    }

    static func frameDecoder() -> [Seed] {
        let first = Noise.frame(Array("hello".utf8)), second = Noise.frame(Array(repeating: 0xab, count: 300))
        let stream = first + second
        return [
            ("one-chunk", [UInt8(stream.count & 0xff)] + Array(stream.prefix(stream.count & 0xff))),
            ("split-frames", [3] + Array(stream[0..<3]) + [4] + Array(stream[3..<7]) + [200] + Array(stream[7..<207])
                + [UInt8(stream.count - 207)] + Array(stream[207...])),
            ("empty-frame", [9] + first + [0, 0]),
            ("pull-without-bytes", [1, 0, 0, 1, 5, 4] + Array("abcd".utf8)),
        ]
    }

    static func handshake() throws -> [Seed] {
        let hello = try hello()
        var session: [UInt8] = [2, WireMessage.version]
        for request in WireSamples.requests.prefix(8) {
            let plain = WireMessage.request(id: 7, request).encoded()
            session += [UInt8(plain.count >> 8), UInt8(plain.count & 0xff)] + plain
        }
        return [
            ("responder-hello", [0] + hello),
            ("responder-hello-old-version", [0] + (try self.hello(version: 0))),
            ("connection-hello-then-garbage", [1] + Noise.frame(hello) + Noise.frame(Array(repeating: 0x42, count: 40))),
            ("session-requests", session),
            ("session-bad-requests", [2, WireMessage.version, 0, 3, 1, 0x99, 0, 0, 2, 4, 0x80]),
            ("session-wrong-version", [2, 9]),
        ]
    }

    static func e2e() throws -> [Seed] {
        func seed(_ input: FuzzEntry.E2EInput, _ bytes: [UInt8], _ suffix: String = "") -> Seed {
            ("\(input)\(suffix)", [input.rawValue] + bytes)
        }
        func prefixed(_ head: [UInt8], _ tail: [UInt8]) -> [UInt8] {
            [UInt8(head.count >> 8), UInt8(head.count & 0xff)] + head + tail
        }
        let account = Account()
        var (alice, bob) = try establishedPair()
        let ratchet = try alice.encrypt(bytes("hello there"))
        var record = SessionRecord()
        record.install(alice)
        var chain = SenderKeyChain(roomID: 99, epoch: 4)
        let receiver = SenderKeyReceiver(distribution: chain.distribution)
        let firstRoomMessage = try chain.encrypt(bytes("room message"))
        _ = try chain.encrypt(bytes("skipped"))
        _ = try chain.encrypt(bytes("skipped too"))
        let laterRoomMessage = try chain.encrypt(bytes("later"))
        _ = try bob.decrypt(ratchet)

        // A conversation with the fixed recipient: initial messages, then the recipient's record and later messages.
        let recipient = FuzzKeys.recipient
        var sender = try X3DH.initiate(identity: IdentityKeys(), bundle: recipient.bundle)
        let initial = try sender.seal(PayloadEvent(content: .text("hallo")).serialized())
        let secondInitial = try sender.seal(bytes("second, still initial"))
        var recipientRecord = SessionRecord()
        _ = try recipientRecord.decrypt(initial, identity: recipient.identity,
                                        signedPrekey: recipient.signedPrekey(_:), oneTimePrekey: recipient.oneTimePrekey(_:))
        let reply = try recipientRecord.encrypt(bytes("reply"))
        guard case .ratchet(let replyMessage) = reply else { throw E2EError.malformed }
        _ = try sender.decrypt(replyMessage)
        _ = try sender.encrypt(bytes("lost"))
        let afterReply = SessionMessage.ratchet(try sender.encrypt(bytes("after the reply")))
        var noOneTime = try X3DH.initiate(identity: IdentityKeys(), bundle: PrekeyBundle(
            identity: recipient.identity.publicBundle, signedPrekey: recipient.signedPrekey.publicPart, oneTimePrekey: nil))
        guard case .initial(let initialMessage) = initial else { throw E2EError.malformed }

        return [
            seed(.identityKeys, account.identity.serialized()),
            seed(.publicBundle, account.identity.publicBundle.serialized()),
            seed(.signedPrekey, account.signedPrekey.serialized()),
            seed(.signedPrekeyPublic, account.signedPrekey.publicPart.serialized()),
            seed(.oneTimePrekey, account.oneTimePrekeys[0].serialized()),
            seed(.oneTimePrekeyPublic, account.oneTimePrekeys[0].publicPart.serialized()),
            seed(.prekeyBundle, account.bundle().serialized()),
            seed(.prekeyBundle, account.bundle(withOneTimePrekey: false).serialized(), "-without-one-time"),
            seed(.ratchetMessage, ratchet.serialized()),
            seed(.initialMessage, initialMessage.serialized()),
            seed(.sessionMessage, initial.serialized(), "-initial"),
            seed(.sessionMessage, reply.serialized(), "-ratchet"),
            seed(.ratchetSession, bob.serialized()),
            seed(.sessionRecord, record.serialized()),
            seed(.sessionRecord, recipientRecord.serialized(), "-recipient"),
            seed(.senderKeyChain, chain.serialized()),
            seed(.senderKeyDistribution, chain.distribution.serialized()),
            seed(.senderKeyMessage, firstRoomMessage.serialized()),
            seed(.senderKeyReceiver, receiver.serialized()),
            seed(.payloadEvent, PayloadEvent(content: .text("hallo 🌷")).serialized(), "-text"),
            seed(.payloadEvent, PayloadEvent(content: .reply(to: .random(), text: "ok")).serialized(), "-reply"),
            seed(.payloadEvent, PayloadEvent(content: .edit(of: .random(), text: "ok!")).serialized(), "-edit"),
            seed(.payloadEvent, PayloadEvent(content: .delete(of: .random())).serialized(), "-delete"),
            seed(.payloadEvent, PayloadEvent(content: .unsupported(type: "meeting.proposed", raw: [1, 2, 3])).serialized(), "-unsupported"),
            seed(.sessionDecrypt, prefixed([], initial.serialized()), "-initial"),
            seed(.sessionDecrypt, prefixed([], try noOneTime.seal(bytes("no one-time prekey")).serialized()), "-initial-without-one-time"),
            seed(.sessionDecrypt, prefixed(recipientRecord.serialized(), secondInitial.serialized()), "-second-initial"),
            seed(.sessionDecrypt, prefixed(recipientRecord.serialized(), afterReply.serialized()), "-after-reply"),
            seed(.senderKeyDecrypt, prefixed(receiver.serialized(), firstRoomMessage.serialized()), "-first"),
            seed(.senderKeyDecrypt, prefixed(receiver.serialized(), laterRoomMessage.serialized()), "-skipping"),
        ]
    }

    static func config() -> [Seed] {
        let shipped = (try? String(contentsOfFile: FuzzEntry.packageRoot(ofSourceFile: #filePath, depth: 4) + "/config/klankbord.conf", encoding: .utf8)) ?? ""
        return [
            ("shipped", Array(shipped.utf8)),
            ("every-key", Array("""
                listen = [::1]:0
                data_dir = /var/lib/klankbord # where
                public_address = klankbord.example.org:7447
                log_level = debug
                durability = normal
                max_frame_bytes = 1024
                max_event_bytes = 60000
                events_per_second = 0.5
                event_burst = 1
                max_connections = 2
                handshake_timeout_s = 3
                idle_timeout_s = 4
                write_buffer_bytes = 65536
                retention_days = 30
                handshakes_per_second = 6
                redeem_attempts_per_minute = 7
                max_rooms_per_account = 8
                max_members_per_room = 9
                max_inbox_per_device = 11
                """.utf8)),
            ("bom-crlf", Array("\u{FEFF}max_connections = 5\r\nevent_burst = 7\r\n#c\r\n".utf8)),
            ("errors", Array("listen = 127.0.0.1:+80\nnope\n= 3\nlisten=1.2.3.4:5\nlisten=1.2.3.4:5\n".utf8)),
        ]
    }

    static func inviteCode() -> [Seed] {
        let key = FuzzKeys.server.publicKey, secret = [UInt8](repeating: 0x77, count: Request.secretLength)
        let code = InviteCode(host: "klankbord.example.org", port: 7447, serverKey: key, secret: secret).text
        let wrapped = code.enumerated().map { $0.offset % 20 == 19 ? "\($0.element)\n " : "\($0.element)" }.joined()
        return [
            ("code", Array(code.utf8)),
            ("code-wrapped", Array(wrapped.utf8)),
            ("code-ipv6", Array(InviteCode(host: "2001:db8::1", port: 0, serverKey: key, secret: secret).text.utf8)),
            ("code-v2", Array(InviteCode(host: "klankbord.example.org", port: 7447, serverKey: key, secret: secret,
                                         commitment: [UInt8](repeating: 0x33, count: IdentityCommitment.length)).text.utf8)),
            ("address", Array("klankbord.example.org:7447".utf8)),
            ("address-ipv6", Array("[2001:db8::1]:443".utf8)),
        ]
    }
}

/// The seeds are valid and reach what they are meant to reach; with `KLANKBORD_WRITE_FUZZ_SEEDS=1`
/// they are also written to `Tests/Fuzz/Corpus/<target>/seed-<name>`.
final class FuzzSeedTests: XCTestCase {
    func testSeedsPassTheirTargets() throws {
        for (target, seeds) in try FuzzSeeds.all() {
            for seed in seeds {
                XCTAssertNoThrow(try FuzzEntry.run(target, seed.bytes), "\(target) \(seed.name)")
            }
        }
    }

    /// A seed that does not decode would start the fuzzer at the first length check: each must be valid
    /// for what it names (the config seed "errors" is the one meant to fail).
    func testEachSeedIsValidForWhatItNames() throws {
        let all = try FuzzSeeds.all()
        for seed in try XCTUnwrap(all[.wireMessage]) {
            XCTAssertEqual(try WireMessage.decode(seed.bytes).encoded(), seed.bytes, seed.name)
        }
        var layouts = 0
        for seed in try FuzzSeeds.e2e() {
            let kind = try XCTUnwrap(FuzzEntry.E2EInput(rawValue: seed.bytes[0]), seed.name)
            guard let layout = kind.layout else { continue }
            XCTAssertTrue(Self.decodes(layout, Array(seed.bytes.dropFirst())), "\(seed.name) does not decode")
            layouts += 1
        }
        XCTAssertGreaterThanOrEqual(layouts, FuzzEntry.E2EInput.allCases.count - 2, "a seed for every layout")
        for seed in FuzzSeeds.config() {
            let text = String(decoding: seed.bytes, as: UTF8.self)
            if seed.name == "errors" {
                XCTAssertThrowsError(try Config.parse(text), seed.name)
            } else {
                XCTAssertNoThrow(try Config.parse(text), seed.name)
            }
        }
        for seed in FuzzSeeds.inviteCode() {
            let text = String(decoding: seed.bytes, as: UTF8.self)
            if seed.name.hasPrefix("code") {
                XCTAssertNoThrow(try InviteCode(parsing: text), seed.name)
            } else {
                XCTAssertNotNil(ServerAddress(text), seed.name)
            }
        }
    }

    private static func decodes<Layout: SerializedLayout>(_ layout: Layout.Type, _ bytes: [UInt8]) -> Bool {
        (try? Layout(serialized: bytes)) != nil
    }

    func testHandshakeSeedIsAcceptedByTheServer() throws {
        var responder = Noise.HandshakeState(responderWithStatic: FuzzKeys.server, prologue: Noise.prologue)
        XCTAssertEqual(try responder.readMessage(try FuzzSeeds.hello()), [WireMessage.version])
    }

    func testDecryptSeedsDecrypt() throws {
        let recipient = FuzzKeys.recipient
        for seed in try FuzzSeeds.e2e() {
            let input = Array(seed.bytes.dropFirst())
            switch FuzzEntry.E2EInput(rawValue: seed.bytes[0]) {
            case .sessionDecrypt:
                let (head, tail) = try XCTUnwrap(FuzzEntry.splitLengthPrefixed(input))
                var record = head.isEmpty ? SessionRecord() : try SessionRecord(serialized: head)
                XCTAssertNoThrow(try record.decrypt(try SessionMessage(serialized: tail), identity: recipient.identity,
                                                    signedPrekey: recipient.signedPrekey(_:), oneTimePrekey: recipient.oneTimePrekey(_:)), seed.name)
            case .senderKeyDecrypt:
                let (head, tail) = try XCTUnwrap(FuzzEntry.splitLengthPrefixed(input))
                var receiver = try SenderKeyReceiver(serialized: head)
                XCTAssertNoThrow(try receiver.decrypt(try SenderKeyMessage(serialized: tail)), seed.name)
            default:
                continue
            }
        }
    }

    func testWriteSeedsWhenAsked() throws {
        guard ProcessInfo.processInfo.environment["KLANKBORD_WRITE_FUZZ_SEEDS"] == "1" else {
            throw XCTSkip("set KLANKBORD_WRITE_FUZZ_SEEDS=1 to write the seeds into Tests/Fuzz/Corpus")
        }
        for (target, seeds) in try FuzzSeeds.all() {
            let folder = FuzzEntry.corpusFolder(target, packageRoot: CorpusReplayTests.packageRoot)
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            for seed in seeds {
                try Data(seed.bytes).write(to: URL(fileURLWithPath: folder + "/seed-" + seed.name))
            }
        }
    }
}
