import Klankbord
@testable import KlankbordCrypto
@testable import KlankbordE2E
import XCTest

/// docs/vectors/sender-keys.json: one member's sender-key chain in a group room (PROTOCOL.md
/// §19.5): its distribution (the control message that carries it, and the inbox item that carries
/// that to Bob) and its first two messages.
final class SenderKeyVectorTests: XCTestCase {
    func testSenderKeysMatchTheCommittedVectors() throws {
        let roomID: UInt64 = 42, epoch: UInt32 = 1
        let chainKey = fixedSecret("alice/sender-chain-key")
        let signingSeed = fixedSecret("alice/sender-signing-ed25519")
        var chain = try SenderKeyChain(serialized: [1] + bigEndian(roomID) + bigEndian(epoch) + bigEndian(UInt32(0))
                                       + chainKey.unprotectedBytes + signingSeed.unprotectedBytes)
        let signingKey = try Ed25519.SigningKey(seed: signingSeed)
        let distribution = chain.distribution
        var receiver = SenderKeyReceiver(distribution: try SenderKeyDistribution(serialized: distribution.serialized()))

        var messages: [[String: Any]] = []
        var currentChainKey = chainKey
        for (index, text) in ["Welkom allemaal", "Vanavond om acht uur"].enumerated() {
            let plaintext = PayloadEvent(id: try PayloadEvent.ID(Array(repeating: UInt8(0xA0 + index), count: 16)), content: .text(text)).serialized()
            let (messageKey, nextChainKey) = KeyDerivation.chainStep(currentChainKey)
            let (cipherKey, nonce) = try KeyDerivation.messageCipherKeys(messageKey, info: KeyDerivation.senderKeyMessageInfo)
            let message = try chain.encrypt(plaintext)
            let signed = SenderKeyMessage.signedBytes(roomID: roomID, epoch: epoch, index: UInt32(index), ciphertext: message.ciphertext)
            XCTAssertNoThrow(try signingKey.verifyingKey.verify(message.signature, for: signed))
            XCTAssertEqual(try receiver.decrypt(SenderKeyMessage(serialized: message.serialized())), plaintext)
            messages.append([
                "index": index, "text": text, "plaintext": hex(plaintext),
                "chain_key": hex(currentChainKey), "message_key": hex(messageKey), "next_chain_key": hex(nextChainKey),
                "cipher_key": hex(cipherKey), "nonce": hex(nonce),
                "aead_ad": hex(SenderKeyMessage.associatedData(roomID: roomID, epoch: epoch, index: UInt32(index))),
                "ciphertext": hex(message.ciphertext),
                "signed_bytes": hex(signed), "signature": hex(message.signature),
                "message": hex(message.serialized()), "payload": hex([0x01] + message.serialized()),
            ])
            currentChainKey = nextChainKey
        }
        // The distribution travels to Bob in an inbox item: Alice's first message to him, in a new session made
        // with x3dh.json's case "without one-time prekey".
        let people = try VectorPeople()
        let ratchetKey = try fixedX25519("sender/ratchet-A1")
        var session = try X3DH.initiate(identity: people.alice, bundle: people.bundle(withOneTimePrekey: false),
                                        ephemeral: try fixedX25519("alice/ephemeral-2"), ratchetKey: ratchetKey)
        let control = [0x10] + distribution.serialized()
        let chainKeyBefore = try XCTUnwrap(session.sendingChainKey)
        let (cipherKey, nonce) = try KeyDerivation.messageCipherKeys(KeyDerivation.chainStep(chainKeyBefore).messageKey,
                                                                    info: KeyDerivation.ratchetMessageInfo)
        let sealed = try session.seal(control)
        guard case .initial(let initial) = sealed else { return XCTFail("the first message to Bob must be an initial message") }
        let opened = try X3DH.respond(to: initial, identity: people.bob, signedPrekey: people.signedPrekey, oneTimePrekey: nil)
        XCTAssertEqual(opened.plaintext, control)
        XCTAssertEqual(try SenderKeyDistribution(serialized: Array(opened.plaintext.dropFirst())).serialized(), distribution.serialized())
        try VectorFiles.check("sender-keys.json", [
            "description": "PROTOCOL.md 19.5: Alice's sending chain in group room 42, epoch 1, from index 0: its distribution and its first two messages.",
            "room_id": Int(roomID), "epoch": Int(epoch), "start_index": 0,
            "chain_key": hex(chainKey),
            "signing_seed": hex(signingSeed), "signing_public": hex(signingKey.verifyingKey.bytes),
            "message_info": "klankbord/sender-key-message/1",
            "signature_domain": "klankbord/sender-key-signature/1",
            "distribution": hex(distribution.serialized()),
            "control_message": hex(control),
            "inbox_item": [
                "x3dh_case": "without one-time prekey", "signed_prekey_id": Int(VectorPeople.signedPrekeyID),
                "ratchet_private": hex(ratchetKey.secret), "ratchet_public": hex(ratchetKey.publicKey.bytes),
                "root_key": hex(session.rootKey), "chain_key": hex(chainKeyBefore), "cipher_key": hex(cipherKey), "nonce": hex(nonce),
                "session_message": hex(sealed.serialized()), "payload": hex([0x02] + sealed.serialized()),
            ],
            "messages": messages,
        ])
    }
}
