import XCTest
import Klankbord
@testable import KlankbordCrypto
@testable import KlankbordE2E

final class RatchetSessionTests: XCTestCase {
    func testMessagesInOrderInBothDirectionsDecrypt() throws {
        var (alice, bob) = try establishedPair()
        for round in 0..<5 {
            for index in 0..<3 {
                let text = bytes("a\(round).\(index)")
                XCTAssertEqual(try bob.decrypt(try alice.encrypt(text)), text)
            }
            let text = bytes("b\(round)")
            XCTAssertEqual(try alice.decrypt(try bob.encrypt(text)), text)
        }
    }

    func testMessagesOutOfOrderWithinAChainDecrypt() throws {
        var (alice, bob) = try establishedPair()
        let messages = try (0..<10).map { try alice.encrypt(bytes("m\($0)")) }
        for index in [9, 2, 5, 0, 1, 8, 3, 4, 7, 6] {
            XCTAssertEqual(try bob.decrypt(messages[index]), bytes("m\(index)"))
        }
        XCTAssertTrue(bob.skipped.entries.isEmpty)
    }

    func testLateMessagesFromAPreviousChainDecryptAfterARatchetStep() throws {
        var (alice, bob) = try establishedPair()
        let early = try (0..<3).map { try alice.encrypt(bytes("early\($0)")) }
        XCTAssertEqual(try bob.decrypt(early[0]), bytes("early0"))
        XCTAssertEqual(try alice.decrypt(try bob.encrypt(bytes("reply"))), bytes("reply"))
        let late = try alice.encrypt(bytes("new chain"))
        XCTAssertEqual(late.header.previousChainLength, 4, "hello + three early messages")
        XCTAssertEqual(try bob.decrypt(late), bytes("new chain"))
        XCTAssertEqual(try bob.decrypt(early[2]), bytes("early2"))
        XCTAssertEqual(try bob.decrypt(early[1]), bytes("early1"))
    }

    func testTamperedCiphertextIsRejectedAndStateUnchanged() throws {
        var (alice, bob) = try establishedPair()
        let message = try alice.encrypt(bytes("original"))
        for position in [0, message.ciphertext.count / 2, message.ciphertext.count - 1] {
            var ciphertext = message.ciphertext
            ciphertext[position] ^= 0x01
            try assertRejected(RatchetMessage(header: message.header, ciphertext: ciphertext), by: &bob, with: .decryptionFailed)
        }
        XCTAssertEqual(try bob.decrypt(message), bytes("original"))
    }

    func testTamperedHeaderIsRejectedAndStateUnchanged() throws {
        var (alice, bob) = try establishedPair()
        _ = try alice.encrypt(bytes("lost"))
        let message = try alice.encrypt(bytes("second"))
        let h = message.header
        let headers = [
            RatchetMessage.Header(ratchetKey: h.ratchetKey, previousChainLength: h.previousChainLength + 1, messageNumber: h.messageNumber),
            RatchetMessage.Header(ratchetKey: h.ratchetKey, previousChainLength: h.previousChainLength, messageNumber: h.messageNumber + 1),
            RatchetMessage.Header(ratchetKey: X25519.PrivateKey().publicKey, previousChainLength: h.previousChainLength, messageNumber: h.messageNumber),
        ]
        for header in headers {
            try assertRejected(RatchetMessage(header: header, ciphertext: message.ciphertext), by: &bob, with: .decryptionFailed)
        }
        XCTAssertEqual(try bob.decrypt(message), bytes("second"))
    }

    func testLowOrderRatchetKeyIsRejectedAndStateUnchanged() throws {
        var (alice, bob) = try establishedPair()
        let message = try alice.encrypt(bytes("fine"))
        let header = RatchetMessage.Header(ratchetKey: try X25519.PublicKey([UInt8](repeating: 0, count: 32)),
                                           previousChainLength: 1, messageNumber: 0)
        try assertRejected(RatchetMessage(header: header, ciphertext: message.ciphertext), by: &bob, with: .invalidKey)
        XCTAssertEqual(try bob.decrypt(message), bytes("fine"))
    }

    func testMessageUnderOtherAssociatedDataIsRejected() throws {
        var (alice, bob) = try establishedPair()
        let message = try alice.encrypt(bytes("bound to identities"))
        var encoded = bob.serialized()
        encoded.replaceSubrange(2..<130, with: IdentityKeys().publicBundle.serialized().dropFirst())
        var impostor = try RatchetSession(serialized: encoded)
        try assertRejected(message, by: &impostor, with: .decryptionFailed)
        XCTAssertEqual(try bob.decrypt(message), bytes("bound to identities"))
    }

    func testReplayedMessageIsRejected() throws {
        var (alice, bob) = try establishedPair()
        let first = try alice.encrypt(bytes("one"))
        let second = try alice.encrypt(bytes("two"))
        XCTAssertEqual(try bob.decrypt(second), bytes("two"))
        XCTAssertEqual(try bob.decrypt(first), bytes("one"))
        try assertRejected(first, by: &bob, with: .duplicateMessage)
        try assertRejected(second, by: &bob, with: .duplicateMessage)
        XCTAssertEqual(try alice.decrypt(try bob.encrypt(bytes("turn"))), bytes("turn"))
        XCTAssertEqual(try bob.decrypt(try alice.encrypt(bytes("new chain"))), bytes("new chain"))
        try assertRejected(second, by: &bob, with: .duplicateMessage)
    }

    func testMessagesOutOfOrderBeyondSkipLimitAreRejected() throws {
        var (alice, bob) = try establishedPair()
        let messages = try (0...E2ELimits.maxSkip + 1).map { try alice.encrypt(bytes("m\($0)")) }
        try assertRejected(messages[E2ELimits.maxSkip + 1], by: &bob, with: .tooManySkippedMessages)
        XCTAssertEqual(try bob.decrypt(messages[E2ELimits.maxSkip]), bytes("m\(E2ELimits.maxSkip)"))
        XCTAssertEqual(bob.skipped.entries.count, E2ELimits.maxSkip)
        XCTAssertEqual(try bob.decrypt(messages[E2ELimits.maxSkip + 1]), bytes("m\(E2ELimits.maxSkip + 1)"))
        XCTAssertEqual(try bob.decrypt(messages[0]), bytes("m0"))
    }

    func testPreviousChainLengthBeyondSkipLimitIsRejected() throws {
        var (alice, bob) = try establishedPair()
        let sent = try (0...E2ELimits.maxSkip + 1).map { try alice.encrypt(bytes("m\($0)")) }
        XCTAssertEqual(try bob.decrypt(sent[0]), bytes("m0"))
        XCTAssertEqual(try alice.decrypt(try bob.encrypt(bytes("reply"))), bytes("reply"))
        let nextChain = try alice.encrypt(bytes("next"))
        XCTAssertEqual(nextChain.header.previousChainLength, UInt32(E2ELimits.maxSkip + 3), "hello + maxSkip + 2 messages")
        try assertRejected(nextChain, by: &bob, with: .tooManySkippedMessages)
        XCTAssertEqual(try bob.decrypt(sent[1]), bytes("m1"))
        XCTAssertEqual(try bob.decrypt(nextChain), bytes("next"))
    }

    func testStoredSkippedKeysBeyondCapEvictTheOldest() throws {
        var (alice, bob) = try establishedPair()
        var firstChain: [RatchetMessage] = []
        for chain in 0..<3 {
            let messages = try (0...E2ELimits.maxSkip).map { try alice.encrypt(bytes("c\(chain)m\($0)")) }
            if chain == 0 { firstChain = messages }
            XCTAssertEqual(try bob.decrypt(messages[E2ELimits.maxSkip]), bytes("c\(chain)m\(E2ELimits.maxSkip)"))
            XCTAssertEqual(try alice.decrypt(try bob.encrypt(bytes("turn"))), bytes("turn"))
        }
        XCTAssertEqual(bob.skipped.entries.count, E2ELimits.maxStoredRatchetKeys)
        try assertRejected(firstChain[0], by: &bob, with: .duplicateMessage)
    }

    func testSerializedMidConversationSessionContinues() throws {
        var (alice, bob) = try establishedPair()
        let pending = try (0..<4).map { try alice.encrypt(bytes("p\($0)")) }
        XCTAssertEqual(try bob.decrypt(pending[3]), bytes("p3"))
        XCTAssertEqual(try alice.decrypt(try bob.encrypt(bytes("r"))), bytes("r"))
        alice = try RatchetSession(serialized: alice.serialized())
        bob = try RatchetSession(serialized: bob.serialized())
        XCTAssertEqual(bob.skipped.entries.count, 3)
        XCTAssertEqual(try bob.decrypt(pending[1]), bytes("p1"))
        for index in 0..<5 {
            XCTAssertEqual(try bob.decrypt(try alice.encrypt(bytes("x\(index)"))), bytes("x\(index)"))
            XCTAssertEqual(try alice.decrypt(try bob.encrypt(bytes("y\(index)"))), bytes("y\(index)"))
            bob = try RatchetSession(serialized: bob.serialized())
        }
        XCTAssertEqual(try bob.decrypt(pending[0]), bytes("p0"))
        XCTAssertEqual(try RatchetSession(serialized: bob.serialized()).serialized(), bob.serialized())
    }

    func testPlaintextOverTheLimitIsRefused() throws {
        var (alice, _) = try establishedPair()
        XCTAssertThrows(.messageTooLarge) { () throws(E2EError) in try alice.encrypt([UInt8](repeating: 0, count: E2ELimits.maxMessageLength + 1)) }
        XCTAssertNoThrow(try alice.encrypt([]))
    }

    func testRatchetMessageRoundTripsThroughBytes() throws {
        var (alice, bob) = try establishedPair()
        let message = try alice.encrypt(bytes("wire"))
        let encoded = message.serialized()
        XCTAssertEqual(encoded.count, 45 + 4 + AEAD.tagLength)
        XCTAssertEqual(try bob.decrypt(try RatchetMessage(serialized: encoded)), bytes("wire"))
    }

    private func assertRejected(_ message: RatchetMessage, by session: inout RatchetSession, with expected: E2EError,
                                file: StaticString = #filePath, line: UInt = #line) throws {
        let before = session.serialized()
        XCTAssertThrows(expected, { () throws(E2EError) in try session.decrypt(message) }, file: file, line: line)
        XCTAssertEqual(session.serialized(), before, "state changed by a rejected message", file: file, line: line)
    }
}
