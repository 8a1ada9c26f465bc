import Klankbord
@testable import KlankbordE2E
import XCTest

/// docs/vectors/keys.json: the identity bundle, signed prekey, one-time prekey and prekey bundle
/// layouts of PROTOCOL.md §19.2, with their signatures, from fixed keys.
final class KeyLayoutVectorTests: XCTestCase {
    func testKeyLayoutsMatchTheCommittedVectors() throws {
        let people = try VectorPeople()
        var identities: [String: Any] = [:]
        for (name, identity) in [("alice", people.alice), ("bob", people.bob)] {
            var entry = VectorPeople.json(identity)
            entry["signed_message"] = hex(IdentityKeys.agreementKeyMessage(identity.agreementKey.publicKey))
            entry["signature"] = hex(identity.publicBundle.signature)
            entry["identity_bundle"] = hex(identity.publicBundle.serialized())
            entry["identity_body"] = hex(Array(identity.publicBundle.serialized().dropFirst()))
            identities[name] = entry
        }
        let signed = people.signedPrekey.publicPart
        XCTAssertNoThrow(try signed.verify(signedBy: people.bob.publicBundle))
        let oneTime = people.oneTimePrekey.publicPart
        let withOneTime = people.bundle(withOneTimePrekey: true).serialized()
        let withoutOneTime = people.bundle(withOneTimePrekey: false).serialized()
        XCTAssertEqual(withOneTime.count, 274)
        XCTAssertEqual(withoutOneTime.count, 238)
        XCTAssertEqual(try PrekeyBundle(serialized: withOneTime), people.bundle(withOneTimePrekey: true))
        try VectorFiles.check("keys.json", [
            "description": "PROTOCOL.md 19.2: identity bundle, signed prekey, one-time prekey and prekey bundle layouts (Bob's prekeys).",
            "identities": identities,
            "signed_prekey": [
                "owner": "bob",
                "id": Int(signed.id),
                "created_at": Int(signed.createdAt),
                "private": hex(people.signedPrekey.keyPair.secret),
                "public": hex(signed.publicKey.bytes),
                "signed_message": hex(SignedPrekey.signedMessage(id: signed.id, createdAt: signed.createdAt, publicKey: signed.publicKey)),
                "signature": hex(signed.signature),
                "versioned": hex(signed.serialized()),
                "body": hex(Array(signed.serialized().dropFirst())),
            ],
            "one_time_prekey": [
                "owner": "bob",
                "id": Int(oneTime.id),
                "private": hex(people.oneTimePrekey.keyPair.secret),
                "public": hex(oneTime.publicKey.bytes),
                "versioned": hex(oneTime.serialized()),
                "body": hex(Array(oneTime.serialized().dropFirst())),
            ],
            "prekey_bundle_with_one_time_prekey": hex(withOneTime),
            "prekey_bundle_without_one_time_prekey": hex(withoutOneTime),
        ])
    }
}
