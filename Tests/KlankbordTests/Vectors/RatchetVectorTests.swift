import Klankbord
@testable import KlankbordCrypto
@testable import KlankbordE2E
import XCTest

/// docs/vectors/ratchet.json: the Double Ratchet (PROTOCOL.md §19.3–19.4) after the X3DH case
/// "with one-time prekey": Alice's initial message, Bob's answer (a DH ratchet step on each side),
/// two more from Alice that Bob receives in reverse order (one out-of-order message), and two more
/// from Bob. Every root step, chain key, message key, cipher key, nonce, header, AD and wire form.
final class RatchetVectorTests: XCTestCase {
    private var rootSteps: [[String: Any]] = []
    private var messages: [[String: Any]] = []
    private var timeline: [[String: Any]] = []

    func testDoubleRatchetMatchesTheCommittedVectors() throws {
        let people = try VectorPeople()
        let ephemeral = try fixedX25519("alice/ephemeral-1")
        let keys = try ["A1", "A2", "A3", "B1", "B2"].reduce(into: [String: X25519.PrivateKey]()) { keys, name in
            keys[name] = try fixedX25519("ratchet/\(name)")
        }
        let key = { (name: String) throws -> X25519.PrivateKey in try XCTUnwrap(keys[name]) }
        let sk = try X3DH.initiatorSecret(identity: people.alice, bundle: people.bundle(withOneTimePrekey: true), ephemeral: ephemeral)

        var alice = try X3DH.initiate(identity: people.alice, bundle: people.bundle(withOneTimePrekey: true),
                                      ephemeral: ephemeral, ratchetKey: key("A1"))
        try recordRootStep(who: "alice", before: "sending message 1", rootKey: sk, own: key("A1"),
                           remote: people.signedPrekey.keyPair.publicKey, result: (alice.rootKey, try XCTUnwrap(alice.sendingChainKey)))
        let a1 = try send(&alice, from: "alice", number: 1, text: "Hallo Bram")

        guard case .initial(let initial) = a1 else { return XCTFail("Alice's first message must be an initial message") }
        var bob = RatchetSession(responderWith: sk, signedPrekey: people.signedPrekey.keyPair, localIdentity: people.bob.publicBundle,
                                 remoteIdentity: people.alice.publicBundle, baseKey: ephemeral.publicKey)
        try receive(a1, into: &bob, who: "bob", number: 1, nextKey: key("B1"), ratchets: true)
        let response = try X3DH.respond(to: initial, identity: people.bob, signedPrekey: people.signedPrekey, oneTimePrekey: people.oneTimePrekey)
        XCTAssertEqual(response.usedOneTimePrekeyID, VectorPeople.oneTimePrekeyID)

        let b1 = try send(&bob, from: "bob", number: 2, text: "Hoi Anna")
        try receive(b1, into: &alice, who: "alice", number: 2, nextKey: key("A2"), ratchets: true)
        let a2 = try send(&alice, from: "alice", number: 3, text: "Hoe gaat het?")
        let a3 = try send(&alice, from: "alice", number: 4, text: "Tot morgen")
        try receive(a3, into: &bob, who: "bob", number: 4, nextKey: key("B2"), ratchets: true)
        try receive(a2, into: &bob, who: "bob", number: 3, nextKey: nil, ratchets: false)
        let b2 = try send(&bob, from: "bob", number: 5, text: "Goed!")
        let b3 = try send(&bob, from: "bob", number: 6, text: "Tot morgen")
        try receive(b2, into: &alice, who: "alice", number: 5, nextKey: key("A3"), ratchets: true)
        try receive(b3, into: &alice, who: "alice", number: 6, nextKey: nil, ratchets: false)

        try VectorFiles.check("ratchet.json", [
            "description": "PROTOCOL.md 19.3-19.4: Double Ratchet after x3dh.json's case 'with one-time prekey'. "
                + "Messages are numbered in sending order; timeline lists every send and receive in the order they happen "
                + "(Bob receives 4 before 3). Alice's first ratchet key is A1; each DH ratchet step takes the person's next key "
                + "(Bob: B1, B2; Alice: A2, A3).",
            "sk": hex(sk),
            "ad": hex(alice.associatedData),
            "bob_signed_prekey_public": hex(people.signedPrekey.keyPair.publicKey.bytes),
            "ratchet_keys": keys.mapValues { ["private": hex($0.secret), "public": hex($0.publicKey.bytes)] },
            "root_info": "klankbord/ratchet/1",
            "message_info": "klankbord/ratchet-message/1",
            "root_steps": rootSteps,
            "messages": messages,
            "timeline": timeline,
        ])
    }

    /// Encrypts one payload event and records every value on the way.
    private func send(_ session: inout RatchetSession, from sender: String, number: Int, text: String) throws -> SessionMessage {
        let plaintext = PayloadEvent(id: try PayloadEvent.ID(Array(repeating: UInt8(number), count: 16)), content: .text(text)).serialized()
        let chainKey = try XCTUnwrap(session.sendingChainKey)
        let (messageKey, nextChainKey) = KeyDerivation.chainStep(chainKey)
        let (cipherKey, nonce) = try KeyDerivation.messageCipherKeys(messageKey, info: KeyDerivation.ratchetMessageInfo)
        let message = try session.seal(plaintext)
        XCTAssertEqual(session.sendingChainKey, nextChainKey)
        let header = message.ratchetMessage.header
        let kind: String
        if case .initial = message { kind = "initial" } else { kind = "ratchet" }
        timeline.append(["action": "send", "number": number])
        messages.append([
            "number": number, "from": sender, "kind": kind, "text": text, "plaintext": hex(plaintext),
            "ratchet_public": hex(header.ratchetKey.bytes), "pn": Int(header.previousChainLength), "n": Int(header.messageNumber),
            "chain_key": hex(chainKey), "message_key": hex(messageKey), "next_chain_key": hex(nextChainKey),
            "cipher_key": hex(cipherKey), "nonce": hex(nonce),
            "header": hex(header.encoded), "aead_ad": hex(session.associatedData + header.encoded),
            "ciphertext": hex(message.ratchetMessage.ciphertext),
            "session_message": hex(message.serialized()),
            "payload": hex([0x02] + message.serialized()),
        ])
        return message
    }

    /// Decrypts on the receiving side (with the fixed next ratchet key) and records its DH ratchet step.
    private func receive(_ message: SessionMessage, into session: inout RatchetSession, who: String, number: Int,
                         nextKey: X25519.PrivateKey?, ratchets: Bool) throws {
        let before = session
        timeline.append(["action": "receive", "number": number])
        let plaintext = try session.decrypt(message.ratchetMessage, nextRatchetKey: nextKey)
        let sent = try XCTUnwrap(messages.first { $0["number"] as? Int == number })
        XCTAssertEqual(hex(plaintext), sent["plaintext"] as? String)
        guard ratchets, let nextKey else { return }
        let remote = message.ratchetMessage.header.ratchetKey
        let received = try KeyDerivation.rootStep(rootKey: before.rootKey, dhOutput: before.sendingRatchetKey.sharedSecret(with: remote))
        try recordRootStep(who: who, before: "receiving message \(number) (receiving chain)", rootKey: before.rootKey,
                           own: before.sendingRatchetKey, remote: remote, result: received)
        let sending = try KeyDerivation.rootStep(rootKey: received.rootKey, dhOutput: nextKey.sharedSecret(with: remote))
        try recordRootStep(who: who, before: "receiving message \(number) (new sending chain)", rootKey: received.rootKey,
                           own: nextKey, remote: remote, result: sending)
        XCTAssertEqual(session.rootKey, sending.rootKey)
        XCTAssertEqual(session.sendingChainKey, sending.chainKey)
    }

    private func recordRootStep(who: String, before event: String, rootKey: SecretBytes, own: X25519.PrivateKey, remote: X25519.PublicKey,
                                result: (rootKey: SecretBytes, chainKey: SecretBytes)) throws {
        rootSteps.append([
            "who": who, "when": event, "root_key": hex(rootKey),
            "own_private": hex(own.secret), "own_public": hex(own.publicKey.bytes), "remote_public": hex(remote.bytes),
            "dh": hex(try own.sharedSecret(with: remote)), "new_root_key": hex(result.rootKey), "chain_key": hex(result.chainKey),
        ])
    }
}
