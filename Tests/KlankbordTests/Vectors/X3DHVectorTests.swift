import Klankbord
@testable import KlankbordE2E
import XCTest

/// docs/vectors/x3dh.json: X3DH (PROTOCOL.md §19.3) from both ends, with and without a one-time
/// prekey: every DH value, the HKDF input, SK and the associated data.
final class X3DHVectorTests: XCTestCase {
    func testX3DHMatchesTheCommittedVectors() throws {
        let people = try VectorPeople()
        var cases: [[String: Any]] = []
        for withOneTime in [true, false] {
            let ephemeral = try fixedX25519(withOneTime ? "alice/ephemeral-1" : "alice/ephemeral-2")
            let bundle = people.bundle(withOneTimePrekey: withOneTime)
            let spk = people.signedPrekey.keyPair, opk = people.oneTimePrekey.keyPair
            var initiatorDH = [try people.alice.agreementKey.sharedSecret(with: spk.publicKey),
                               try ephemeral.sharedSecret(with: people.bob.agreementKey.publicKey),
                               try ephemeral.sharedSecret(with: spk.publicKey)]
            var responderDH = [try spk.sharedSecret(with: people.alice.agreementKey.publicKey),
                               try people.bob.agreementKey.sharedSecret(with: ephemeral.publicKey),
                               try spk.sharedSecret(with: ephemeral.publicKey)]
            if withOneTime {
                initiatorDH.append(try ephemeral.sharedSecret(with: opk.publicKey))
                responderDH.append(try opk.sharedSecret(with: ephemeral.publicKey))
            }
            XCTAssertEqual(initiatorDH, responderDH)
            let initiatorSK = try X3DH.initiatorSecret(identity: people.alice, bundle: bundle, ephemeral: ephemeral)
            let responderSK = try X3DH.responderSecret(identity: people.bob, signedPrekey: people.signedPrekey,
                                                       oneTimePrekey: withOneTime ? people.oneTimePrekey : nil,
                                                       initiator: people.alice.publicBundle, baseKey: ephemeral.publicKey)
            XCTAssertEqual(initiatorSK, responderSK)
            let session = try X3DH.initiate(identity: people.alice, bundle: bundle, ephemeral: ephemeral,
                                            ratchetKey: try fixedX25519("alice/ratchet-1"))
            let ikm = [UInt8](repeating: 0xFF, count: 32) + initiatorDH.flatMap(\.unprotectedBytes)
            var entry: [String: Any] = [
                "name": withOneTime ? "with one-time prekey" : "without one-time prekey",
                "one_time_prekey": withOneTime,
                "alice_identity": VectorPeople.json(people.alice),
                "bob_identity": VectorPeople.json(people.bob),
                "bob_signed_prekey_private": hex(spk.secret),
                "bob_signed_prekey_public": hex(spk.publicKey.bytes),
                "alice_ephemeral_private": hex(ephemeral.secret),
                "alice_ephemeral_public": hex(ephemeral.publicKey.bytes),
                "dh1": hex(initiatorDH[0]), "dh2": hex(initiatorDH[1]), "dh3": hex(initiatorDH[2]),
                "ikm": hex(ikm),
                "info": "klankbord/x3dh/1",
                "sk": hex(initiatorSK),
                "ad": hex(session.associatedData),
            ]
            if withOneTime {
                entry["bob_one_time_prekey_private"] = hex(opk.secret)
                entry["bob_one_time_prekey_public"] = hex(opk.publicKey.bytes)
                entry["dh4"] = hex(initiatorDH[3])
            }
            cases.append(entry)
        }
        try VectorFiles.check("x3dh.json", [
            "description": "PROTOCOL.md 19.3: X3DH, Alice initiates with Bob's bundle (keys.json). The responder computes the same DH values and SK.",
            "cases": cases,
        ])
    }
}
