extension FuzzEntry {
    /// What the first byte of a `FuzzE2E` input selects (modulo the number of cases). Corpus files
    /// depend on these numbers: add new cases at the end, never renumber.
    enum E2EInput: UInt8, CaseIterable {
        case identityKeys, publicBundle, signedPrekey, signedPrekeyPublic, oneTimePrekey, oneTimePrekeyPublic
        case prekeyBundle, ratchetMessage, initialMessage, sessionMessage, ratchetSession, sessionRecord
        case senderKeyChain, senderKeyDistribution, senderKeyMessage, senderKeyReceiver, payloadEvent
        /// `[u16 length] [SessionRecord, or nothing for an empty one] [SessionMessage]`: the
        /// message is decrypted by `FuzzKeys.recipient` with that record.
        case sessionDecrypt
        /// `[u16 length] [SenderKeyReceiver] [SenderKeyMessage]`: the receiver decrypts the message.
        case senderKeyDecrypt
    }

    /// The end-to-end layouts and decryption. Every layout that decodes must re-serialize to the
    /// very same bytes; state that decrypted a message must still serialize canonically.
    static func e2e(_ input: [UInt8]) throws(FuzzViolation) {
        guard let selector = input.first, let kind = E2EInput(rawValue: selector % UInt8(E2EInput.allCases.count)) else { return }
        let bytes = Array(input.dropFirst())
        switch kind {
        case .identityKeys: try canonical(bytes, "IdentityKeys") { b throws(E2EError) in try IdentityKeys(serialized: b).serialized() }
        case .publicBundle: try canonical(bytes, "IdentityKeys.PublicBundle") { b throws(E2EError) in try IdentityKeys.PublicBundle(serialized: b).serialized() }
        case .signedPrekey: try canonical(bytes, "SignedPrekey") { b throws(E2EError) in try SignedPrekey(serialized: b).serialized() }
        case .signedPrekeyPublic: try canonical(bytes, "SignedPrekey.Public") { b throws(E2EError) in try SignedPrekey.Public(serialized: b).serialized() }
        case .oneTimePrekey: try canonical(bytes, "OneTimePrekey") { b throws(E2EError) in try OneTimePrekey(serialized: b).serialized() }
        case .oneTimePrekeyPublic: try canonical(bytes, "OneTimePrekey.Public") { b throws(E2EError) in try OneTimePrekey.Public(serialized: b).serialized() }
        case .prekeyBundle: try canonical(bytes, "PrekeyBundle") { b throws(E2EError) in try PrekeyBundle(serialized: b).serialized() }
        case .ratchetMessage: try canonical(bytes, "RatchetMessage") { b throws(E2EError) in try RatchetMessage(serialized: b).serialized() }
        case .initialMessage: try canonical(bytes, "InitialMessage") { b throws(E2EError) in try InitialMessage(serialized: b).serialized() }
        case .sessionMessage: try canonical(bytes, "SessionMessage") { b throws(E2EError) in try SessionMessage(serialized: b).serialized() }
        case .ratchetSession: try canonical(bytes, "RatchetSession") { b throws(E2EError) in try RatchetSession(serialized: b).serialized() }
        case .sessionRecord: try canonical(bytes, "SessionRecord") { b throws(E2EError) in try SessionRecord(serialized: b).serialized() }
        case .senderKeyChain: try canonical(bytes, "SenderKeyChain") { b throws(E2EError) in try SenderKeyChain(serialized: b).serialized() }
        case .senderKeyDistribution: try canonical(bytes, "SenderKeyDistribution") { b throws(E2EError) in try SenderKeyDistribution(serialized: b).serialized() }
        case .senderKeyMessage: try canonical(bytes, "SenderKeyMessage") { b throws(E2EError) in try SenderKeyMessage(serialized: b).serialized() }
        case .senderKeyReceiver: try canonical(bytes, "SenderKeyReceiver") { b throws(E2EError) in try SenderKeyReceiver(serialized: b).serialized() }
        case .payloadEvent: try canonical(bytes, "PayloadEvent") { b throws(E2EError) in try PayloadEvent(serialized: b).serialized() }
        case .sessionDecrypt: try sessionDecrypt(bytes)
        case .senderKeyDecrypt: try senderKeyDecrypt(bytes)
        }
    }

    /// Throws unless `bytes` fail to decode or re-serialize to themselves.
    private static func canonical(_ bytes: [UInt8], _ type: String, _ roundTrip: ([UInt8]) throws(E2EError) -> [UInt8]) throws(FuzzViolation) {
        guard let again = try? roundTrip(bytes) else { return }
        guard again == bytes else { throw .roundTripChanged(type: type) }
    }

    private static func sessionDecrypt(_ input: [UInt8]) throws(FuzzViolation) {
        guard let (head, tail) = splitLengthPrefixed(input) else { return }
        var record = SessionRecord()
        if !head.isEmpty {
            guard let stored = try? SessionRecord(serialized: head) else { return }
            record = stored
        }
        guard let message = try? SessionMessage(serialized: tail) else { return }
        let recipient = FuzzKeys.recipient
        guard let received = try? record.decrypt(message, identity: recipient.identity,
                                                 signedPrekey: recipient.signedPrekey(_:), oneTimePrekey: recipient.oneTimePrekey(_:))
        else { return }
        try canonical(record.serialized(), "SessionRecord") { b throws(E2EError) in try SessionRecord(serialized: b).serialized() }
        // Answer on the session that just decrypted (a stored state may have no sending chain; that is not a fault).
        _ = try? record.encrypt(received.plaintext)
    }

    private static func senderKeyDecrypt(_ input: [UInt8]) throws(FuzzViolation) {
        guard let (head, tail) = splitLengthPrefixed(input),
              var receiver = try? SenderKeyReceiver(serialized: head),
              let message = try? SenderKeyMessage(serialized: tail),
              (try? receiver.decrypt(message)) != nil else { return }
        try canonical(receiver.serialized(), "SenderKeyReceiver") { b throws(E2EError) in try SenderKeyReceiver(serialized: b).serialized() }
    }

    /// `[u16 length] [length bytes] [rest]` split into its two parts.
    static func splitLengthPrefixed(_ bytes: [UInt8]) -> ([UInt8], [UInt8])? {
        var reader = WireReader(bytes)
        guard let length = try? reader.u16(), let head = try? reader.fixed(Int(length)) else { return nil }
        return (head, Array(bytes.dropFirst(2 + head.count)))
    }
}
