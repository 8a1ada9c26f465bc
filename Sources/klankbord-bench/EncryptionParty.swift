import Klankbord

/// One device in the in-process E2E measurements: identity, prekeys and a session record per peer.
struct Party {
    let id = Int(Random.uniform(UInt32.max))
    let identity = IdentityKeys()
    let signedPrekey: SignedPrekey
    var oneTimePrekeys: [UInt32: OneTimePrekey] = [:]
    var sessions: [Int: SessionRecord] = [:]
    private var plaintext: [UInt8] = []

    init() {
        signedPrekey = SignedPrekey(id: 1, createdAt: 1_700_000_000, identity: identity)
        for key in OneTimePrekey.generate(count: 4, startingAt: 1) { oneTimePrekeys[key.id] = key }
    }

    /// A prekey bundle as the server would hand it out, with one one-time prekey.
    func bundle() -> PrekeyBundle {
        PrekeyBundle(identity: identity.publicBundle, signedPrekey: signedPrekey.publicPart, oneTimePrekey: oneTimePrekeys.values.first?.publicPart)
    }

    /// Starts a session from `a` to `b` (X3DH) and exchanges one message each way, so both use plain ratchet messages after.
    static func connect(_ a: inout Party, _ b: inout Party) throws {
        var record = SessionRecord()
        record.install(try X3DH.initiate(identity: a.identity, bundle: b.bundle()))
        a.sessions[b.id] = record
        try deliver("hallo", from: &a, to: &b)
        try deliver("hoi", from: &b, to: &a)
    }

    /// One text message from `sender` to `receiver`, with everything a client does on each side.
    static func deliver(_ text: String, from sender: inout Party, to receiver: inout Party) throws {
        let wire = try sender.encrypt(PayloadEvent(content: .text(text)).serialized(), to: receiver.id)
        _ = try PayloadEvent(serialized: try receiver.decrypt(wire, from: sender))
    }

    /// Encrypts for `peer` and serializes the message and the updated record (as a client persists it).
    mutating func encrypt(_ plaintext: [UInt8], to peer: Int) throws -> [UInt8] {
        guard var record = sessions[peer] else { throw BenchFailure(description: "no session") }
        let wire = try record.encrypt(plaintext).serialized()
        _ = record.serialized()
        sessions[peer] = record
        return wire
    }

    /// Decodes and decrypts a message from `sender`, serializes the updated record, keeps the plaintext.
    mutating func decrypt(_ wire: [UInt8], from sender: Party) throws -> [UInt8] {
        var record = sessions[sender.id] ?? SessionRecord()
        let signed = signedPrekey, oneTime = oneTimePrekeys
        let received = try record.decrypt(try SessionMessage(serialized: wire), identity: identity,
                                          signedPrekey: { $0 == signed.id ? signed : nil }, oneTimePrekey: { oneTime[$0] })
        if let used = received.usedOneTimePrekeyID { oneTimePrekeys[used] = nil }
        _ = record.serialized()
        sessions[sender.id] = record
        plaintext = received.plaintext
        return received.plaintext
    }

    /// The plaintext of the last message decrypted.
    func lastPlaintext() throws -> [UInt8] { plaintext }
}
