@testable import Klankbord
import XCTest

/// docs/vectors/wire.json (PROTOCOL.md §5, §6, §8, §9: a few requests, their responses, an error and
/// a push, as they travel inside transport messages) and docs/vectors/codes.json (§15: an invite
/// code and a contact code).
final class WireVectorTests: XCTestCase {
    func testWireMessagesMatchTheCommittedVectors() throws {
        let time: Int64 = 1_764_547_200
        let event = EventRecord(room: 42, seq: 7, senderID: 5, senderHandle: "anna", time: time, payload: [0x01, 0xDE, 0xAD])
        let eventFields: [String: Any] = ["room": 42, "seq": 7, "sender_id": 5, "sender_handle": "anna", "time": Int(time), "payload": "01dead"]
        let cases: [(String, WireMessage, [String: Any])] = [
            ("ping request", .request(id: 1, .ping), ["kind": 1, "type": 0x01, "id": 1]),
            ("ping response", .response(id: 1, .pong, type: .ping), ["kind": 2, "type": 0x01, "id": 1]),
            ("send request", .request(id: 2, .send(room: 42, clientID: Array(repeating: 0x33, count: 16), payload: [0x01, 0xDE, 0xAD])),
             ["kind": 1, "type": 0x30, "id": 2, "room": 42, "client_id": hex(Array(repeating: 0x33, count: 16)), "payload": "01dead"]),
            ("send response", .response(id: 2, .sent(seq: 7, time: time), type: .send),
             ["kind": 2, "type": 0x30, "id": 2, "seq": 7, "time": Int(time)]),
            ("fetch request", .request(id: 3, .fetch(room: 42, afterSeq: 6, limit: 50)),
             ["kind": 1, "type": 0x31, "id": 3, "room": 42, "after_seq": 6, "limit": 50]),
            ("fetch response", .response(id: 3, .events([event], more: false), type: .fetch),
             ["kind": 2, "type": 0x31, "id": 3, "events": [eventFields], "more": false]),
            ("fetch error", .error(id: 4, .notAMember, type: .fetch), ["kind": 3, "type": 0x31, "id": 4, "code": "not_a_member"]),
            ("event push", .push(.event(event)), ["kind": 4, "type": 0x80, "event": eventFields]),
        ]
        var list: [[String: Any]] = []
        for (name, message, fields) in cases {
            let bytes = message.encoded()
            XCTAssertEqual(try WireMessage.decode(bytes), message, name)
            list.append(["name": name, "fields": fields, "bytes": hex(bytes)])
        }
        try VectorFiles.check("wire.json", [
            "description": "PROTOCOL.md 5, 6, 8, 9: wire messages as the plaintext of one transport message each (no frame length).",
            "messages": list,
        ])
    }

    func testInviteAndContactCodesMatchTheCommittedVectors() throws {
        let serverKey = try X25519.PublicKey(Array(repeating: 0x11, count: 32))
        let secret = [UInt8](repeating: 0x22, count: 32)
        let invite = InviteCode(host: "klankbord.example.org", port: 7447, serverKey: serverKey, secret: secret)
        XCTAssertEqual(try InviteCode(parsing: invite.text), invite)
        try VectorFiles.check("codes.json", [
            "description": "PROTOCOL.md 15: the invite code v1 and the contact code of the section's examples.",
            "invite": ["host": invite.host, "port": Int(invite.port), "server_key": hex(serverKey.bytes), "secret": hex(secret),
                       "bytes": hex(try Base64URL.decode(String(invite.text.dropFirst(InviteCode.prefix.count)))), "code": invite.text],
            "contact": ["secret": hex(secret), "code": DirectCommands.contactPrefix + Base64URL.encode(secret)],
        ])
    }
}
