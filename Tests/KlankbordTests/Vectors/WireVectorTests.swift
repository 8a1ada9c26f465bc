import Klankbord
@testable import KlankbordCommands
@testable import KlankbordCrypto
@testable import KlankbordE2E
@testable import KlankbordProtocol
@testable import KlankbordTrust
import XCTest

/// docs/vectors/wire.json (PROTOCOL.md §5, §6, §8, §9: every request with its response, an error and
/// every push, as they travel inside transport messages) and docs/vectors/codes.json (§15: an invite
/// code and a contact code).
final class WireVectorTests: XCTestCase {
    func testWireMessagesMatchTheCommittedVectors() throws {
        var list: [[String: Any]] = []
        for vector in WireVectorCases.all {
            let bytes = vector.message.encoded()
            XCTAssertEqual(try WireMessage.decode(bytes), vector.message, vector.name)
            list.append(["name": vector.name, "fields": vector.fields, "bytes": hex(bytes)])
        }
        XCTAssertEqual(Set(list.compactMap { ($0["fields"] as? [String: Any])?["type"] as? Int }).count,
                       MessageType.allCases.count, "every request and push type has a vector")
        XCTAssertEqual(Set(list.compactMap { ($0["fields"] as? [String: Any])?["code"] as? String }), Set(ErrorCode.allCases.map(\.rawValue)),
                       "every error code has a vector")
        try VectorFiles.check("wire.json", [
            "description": "PROTOCOL.md 5-11: every request type with a response, every push, and an error of every code (server_restarting as the daemon sends it when it stops: id 0, type 0x01), as the plaintext of one transport message each (no frame length).",
            "messages": list,
        ])
    }

    func testInviteAndContactCodesMatchTheCommittedVectors() throws {
        let serverKey = try X25519.PublicKey(Array(repeating: 0x11, count: 32))
        let secret = [UInt8](repeating: 0x22, count: 32)
        let invite = InviteCode(host: "klankbord.example.org", port: 7447, serverKey: serverKey, secret: secret)
        XCTAssertEqual(try InviteCode(parsing: invite.text), invite)
        // The maker of §15's version-2 and contact-code examples: Ed25519 seed 32 × 0x44, X25519 key 32 × 0x55.
        let maker = IdentityKeys(signingKey: try Ed25519.SigningKey(seed: SecretBytes(copying: [UInt8](repeating: 0x44, count: 32))),
                                 agreementKey: try X25519.PrivateKey(secret: SecretBytes(copying: [UInt8](repeating: 0x55, count: 32)))).publicBundle
        let commitment = IdentityCommitment.invite(maker)
        let second = InviteCode(host: "klankbord.example.org", port: 7447, serverKey: serverKey, secret: secret, commitment: commitment)
        XCTAssertEqual(try InviteCode(parsing: second.text), second)
        let contactCommitment = IdentityCommitment.contact(maker)
        try VectorFiles.check("codes.json", [
            "description": "PROTOCOL.md 15: the invite codes (version 1 and 2) and the contact code of the section's examples.",
            "invite": ["host": invite.host, "port": Int(invite.port), "server_key": hex(serverKey.bytes), "secret": hex(secret),
                       "bytes": hex(try Base64URL.decode(String(invite.text.dropFirst(InviteCode.prefix.count)))), "code": invite.text],
            "invite_v2": ["host": second.host, "port": Int(second.port), "server_key": hex(serverKey.bytes), "secret": hex(secret),
                          "inviter_bundle": hex(maker.serialized()), "context": hex(IdentityCommitment.noContext), "commitment": hex(commitment),
                          "bytes": hex(try Base64URL.decode(String(second.text.dropFirst(InviteCode.prefix.count)))), "code": second.text],
            "contact": ["secret": hex(secret), "owner_bundle": hex(maker.serialized()), "commitment": hex(contactCommitment),
                        "code": DirectCommands.contactPrefix + Base64URL.encode(secret + contactCommitment)],
        ])
    }
}
