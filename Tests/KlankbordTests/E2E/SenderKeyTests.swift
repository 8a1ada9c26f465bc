import XCTest
import Klankbord
@testable import KlankbordE2E

final class SenderKeyTests: XCTestCase {
    private let room: UInt64 = 0x0102_0304_0506_0708

    func testMessagesInOrderDecrypt() throws {
        var chain = SenderKeyChain(roomID: room, epoch: 1)
        var receiver = SenderKeyReceiver(distribution: chain.distribution)
        for index in 0..<20 {
            let message = try chain.encrypt(bytes("msg \(index)"))
            XCTAssertEqual(message.index, UInt32(index))
            XCTAssertEqual(try receiver.decrypt(message), bytes("msg \(index)"))
        }
    }

    func testMessagesOutOfOrderDecryptWithinTheBound() throws {
        var chain = SenderKeyChain(roomID: room, epoch: 1)
        var receiver = SenderKeyReceiver(distribution: chain.distribution)
        let messages = try (0..<50).map { try chain.encrypt(bytes("m\($0)")) }
        var order = Array(0..<50)
        var random = SeededGenerator(seed: 7)
        order.shuffle(using: &random)
        for index in order {
            XCTAssertEqual(try receiver.decrypt(messages[index]), bytes("m\(index)"))
        }
        XCTAssertTrue(receiver.skipped.entries.isEmpty)
    }

    func testMessageBeyondSkipBoundIsRejectedAndStateUnchanged() throws {
        var chain = SenderKeyChain(roomID: room, epoch: 1)
        var receiver = SenderKeyReceiver(distribution: chain.distribution)
        let messages = try (0...E2ELimits.maxSkip + 1).map { try chain.encrypt(bytes("m\($0)")) }
        try assertRejected(messages[E2ELimits.maxSkip + 1], by: &receiver, with: .tooManySkippedMessages)
        XCTAssertEqual(try receiver.decrypt(messages[E2ELimits.maxSkip]), bytes("m\(E2ELimits.maxSkip)"))
        XCTAssertEqual(try receiver.decrypt(messages[E2ELimits.maxSkip + 1]), bytes("m\(E2ELimits.maxSkip + 1)"))
    }

    func testReplayedMessageIsRejected() throws {
        var chain = SenderKeyChain(roomID: room, epoch: 1)
        var receiver = SenderKeyReceiver(distribution: chain.distribution)
        let first = try chain.encrypt(bytes("one")), second = try chain.encrypt(bytes("two"))
        XCTAssertEqual(try receiver.decrypt(second), bytes("two"))
        XCTAssertEqual(try receiver.decrypt(first), bytes("one"))
        try assertRejected(first, by: &receiver, with: .duplicateMessage)
        try assertRejected(second, by: &receiver, with: .duplicateMessage)
    }

    func testTamperedSignatureOrCiphertextIsRejected() throws {
        var chain = SenderKeyChain(roomID: room, epoch: 1)
        var receiver = SenderKeyReceiver(distribution: chain.distribution)
        let message = try chain.encrypt(bytes("signed"))
        var signature = message.signature
        signature[10] ^= 0x04
        try assertRejected(SenderKeyMessage(epoch: 1, index: 0, ciphertext: message.ciphertext, signature: signature), by: &receiver, with: .invalidSignature)
        var ciphertext = message.ciphertext
        ciphertext[0] ^= 0x01
        try assertRejected(SenderKeyMessage(epoch: 1, index: 0, ciphertext: ciphertext, signature: message.signature), by: &receiver, with: .invalidSignature)
        try assertRejected(SenderKeyMessage(epoch: 1, index: 1, ciphertext: message.ciphertext, signature: message.signature), by: &receiver, with: .invalidSignature)
        XCTAssertEqual(try receiver.decrypt(message), bytes("signed"))
    }

    func testMessageSignedByAnotherSenderIsRejected() throws {
        var chain = SenderKeyChain(roomID: room, epoch: 1)
        var impostor = SenderKeyChain(roomID: room, epoch: 1)
        var receiver = SenderKeyReceiver(distribution: chain.distribution)
        try assertRejected(try impostor.encrypt(bytes("forged")), by: &receiver, with: .invalidSignature)
        XCTAssertEqual(try receiver.decrypt(try chain.encrypt(bytes("real"))), bytes("real"))
    }

    func testMessageMovedToAnotherRoomIsRejected() throws {
        var chain = SenderKeyChain(roomID: room, epoch: 1)
        let distribution = chain.distribution
        let other = try SenderKeyDistribution(roomID: room + 1, epoch: 1, chainIndex: 0, chainKey: distribution.chainKey, signingKey: distribution.signingKey)
        var receiver = SenderKeyReceiver(distribution: other)
        try assertRejected(try chain.encrypt(bytes("room a")), by: &receiver, with: .invalidSignature)
    }

    func testMessageOfAnUnknownEpochAsksForTheKey() throws {
        let old = SenderKeyChain(roomID: room, epoch: 1)
        var next = SenderKeyChain(roomID: room, epoch: 2)
        var receiver = SenderKeyReceiver(distribution: old.distribution)
        try assertRejected(try next.encrypt(bytes("epoch 2")), by: &receiver, with: .unknownEpoch(2))
    }

    func testRemovedMemberFedAllMessagesOfTheNewEpochDecryptsNone() throws {
        var epochOne = SenderKeyChain(roomID: room, epoch: 1)
        var removed = SenderKeyReceiver(distribution: epochOne.distribution)
        XCTAssertEqual(try removed.decrypt(try epochOne.encrypt(bytes("before removal"))), bytes("before removal"))
        _ = try epochOne.encrypt(bytes("advance"))
        var epochTwo = SenderKeyChain(roomID: room, epoch: 2)
        var remaining = SenderKeyReceiver(distribution: epochTwo.distribution)
        XCTAssertNotEqual(epochTwo.distribution.chainKey, epochOne.distribution.chainKey)
        // The removed member even pretends its old chain belongs to epoch 2.
        let old = epochOne.distribution
        var pretending = SenderKeyReceiver(distribution: try SenderKeyDistribution(
            roomID: room, epoch: 2, chainIndex: 0, chainKey: old.chainKey, signingKey: epochTwo.distribution.signingKey))
        for index in 0..<100 {
            let message = try epochTwo.encrypt(bytes("after removal \(index)"))
            XCTAssertEqual(try remaining.decrypt(message), bytes("after removal \(index)"))
            XCTAssertThrows(.unknownEpoch(2)) { () throws(E2EError) in try removed.decrypt(message) }
            XCTAssertThrows(.decryptionFailed) { () throws(E2EError) in try pretending.decrypt(message) }
        }
    }

    func testNewMemberGivenTheChainAtIndexKCannotDecryptEarlierMessages() throws {
        var chain = SenderKeyChain(roomID: room, epoch: 1)
        let before = try (0..<10).map { try chain.encrypt(bytes("before \($0)")) }
        let distribution = chain.distribution
        XCTAssertEqual(distribution.chainIndex, 10)
        var newcomer = SenderKeyReceiver(distribution: distribution)
        for message in before {
            XCTAssertThrows(.keyUnavailable) { () throws(E2EError) in try newcomer.decrypt(message) }
        }
        // Nor can its chain key be run forward to any earlier message key.
        var forward = distribution.chainKey
        for _ in 0..<20 {
            let (messageKey, next) = KeyDerivation.chainStep(forward)
            for message in before {
                XCTAssertThrows(.decryptionFailed) { () throws(E2EError) in
                    try KeyDerivation.open(message.ciphertext, messageKey: messageKey, info: KeyDerivation.senderKeyMessageInfo,
                                           associatedData: SenderKeyMessage.associatedData(roomID: self.room, epoch: 1, index: message.index))
                }
            }
            forward = next
        }
        XCTAssertEqual(try newcomer.decrypt(try chain.encrypt(bytes("after"))), bytes("after"))
    }

    func testStatesRoundTripThroughBytesMidChain() throws {
        var chain = SenderKeyChain(roomID: room, epoch: 3)
        var receiver = SenderKeyReceiver(distribution: try SenderKeyDistribution(serialized: chain.distribution.serialized()))
        let messages = try (0..<6).map { try chain.encrypt(bytes("m\($0)")) }
        XCTAssertEqual(try receiver.decrypt(try SenderKeyMessage(serialized: messages[5].serialized())), bytes("m5"))
        receiver = try SenderKeyReceiver(serialized: receiver.serialized())
        chain = try SenderKeyChain(serialized: chain.serialized())
        XCTAssertEqual(receiver.skipped.entries.count, 5)
        XCTAssertEqual(try receiver.decrypt(messages[2]), bytes("m2"))
        XCTAssertEqual(try receiver.decrypt(try chain.encrypt(bytes("m6"))), bytes("m6"))
        XCTAssertEqual(chain.serialized().count, 81)
        XCTAssertEqual(chain.distribution.serialized().count, 81)
    }

    private func assertRejected(_ message: SenderKeyMessage, by receiver: inout SenderKeyReceiver, with expected: E2EError,
                                file: StaticString = #filePath, line: UInt = #line) throws {
        let before = receiver.serialized()
        XCTAssertThrows(expected, { () throws(E2EError) in try receiver.decrypt(message) }, file: file, line: line)
        XCTAssertEqual(receiver.serialized(), before, "state changed by a rejected message", file: file, line: line)
    }
}
