import Klankbord
@testable import KlankbordClient
@testable import KlankbordCrypto
@testable import KlankbordE2E
@testable import KlankbordMeetings
import XCTest

/// docs/vectors/controls.json (PROTOCOL.md §19.1): the inbox control messages 0x11 (private feature event), 0x12
/// (report) and 0x13 (read confirmation), as the plaintext of a one-to-one session message. 0x10 is in sender-keys.json.
/// The report carries message 0 of sender-keys.json with its message key.
final class ControlVectorTests: XCTestCase {
    func testControlMessagesMatchTheCommittedVectors() throws {
        let room: UInt64 = 42
        // sender-keys.json's chain, again: its first message and the key that opens that message alone.
        let chainKey = fixedSecret("alice/sender-chain-key"), signingSeed = fixedSecret("alice/sender-signing-ed25519")
        var chain = try SenderKeyChain(serialized: [1] + bigEndian(room) + bigEndian(UInt32(1)) + bigEndian(UInt32(0))
                                       + chainKey.unprotectedBytes + signingSeed.unprotectedBytes)
        let plaintext = PayloadEvent(id: try PayloadEvent.ID(Array(repeating: 0xA0, count: 16)), content: .text("Welkom allemaal")).serialized()
        let message = try chain.encrypt(plaintext)
        let messageKey = KeyDerivation.chainStep(chainKey).messageKey
        let report = ReportControl(room: room, seq: 7, sender: 2, senderHandle: "anna", time: 1_780_000_000, note: "Dit klopt niet",
                                   message: message.serialized(), messageKey: messageKey)
        let reportBytes = report.serialized()
        let read = try XCTUnwrap(ReportControl(body: reportBytes.dropFirst()))
        XCTAssertEqual(try SenderKeyMessage(serialized: read.message).openReported(roomID: room, signingKey: chain.distribution.signingKey,
                                                                                      messageKey: read.messageKey), plaintext)
        XCTAssertNil(ReportControl(body: (reportBytes + [0]).dropFirst()), "bytes left over are refused")

        // A private feature event: an anonymous vote (meetings.json's meeting.vote) to a facilitator, about room 42.
        let vote = MeetingEvent(id: try PayloadEvent.ID(Array(repeating: 0x52, count: 16)),
                                body: .vote(poll: try PayloadEvent.ID(Array(repeating: 0x51, count: 16)), answers: [0: .yes, 1: .maybe, 2: .no])).payload
        let privateEvent = PrivateEventControl(room: room, event: vote).serialized()
        XCTAssertEqual(PrivateEventControl(privateEvent)?.event, vote)
        XCTAssertNil(PrivateEventControl(privateEvent + [0]), "bytes left over are refused")

        let confirmation = ReadConfirmationControl(room: room, seq: 9)
        let confirmationBytes = confirmation.serialized()
        XCTAssertEqual(ReadConfirmationControl(body: confirmationBytes.dropFirst()), confirmation)

        try VectorFiles.check("controls.json", [
            "description": "PROTOCOL.md 19.1: inbox control messages (the plaintext of a session message in an inbox item). 0x10 is in sender-keys.json.",
            "private_event": ["control": 0x11, "room": Int(room), "event": hex(vote.serialized()), "event_type": vote.type, "bytes": hex(privateEvent)],
            "report": ["control": 0x12, "room": Int(room), "seq": 7, "sender": 2, "sender_handle": "anna", "time": 1_780_000_000, "note": "Dit klopt niet",
                       "message": hex(message.serialized()), "message_key": hex(messageKey), "sender_keys_message_index": 0,
                       "plaintext": hex(plaintext), "bytes": hex(reportBytes)],
            "read_confirmation": ["control": 0x13, "room": Int(room), "seq": 9, "bytes": hex(confirmationBytes)],
        ])
    }
}
