import KlankbordE2E
import KlankbordProtocol

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

        /// The layout this input is decoded as, for the cases that only decode.
        var layout: (any SerializedLayout.Type)? {
            switch self {
            case .identityKeys: IdentityKeys.self
            case .publicBundle: IdentityKeys.PublicBundle.self
            case .signedPrekey: SignedPrekey.self
            case .signedPrekeyPublic: SignedPrekey.Public.self
            case .oneTimePrekey: OneTimePrekey.self
            case .oneTimePrekeyPublic: OneTimePrekey.Public.self
            case .prekeyBundle: PrekeyBundle.self
            case .ratchetMessage: RatchetMessage.self
            case .initialMessage: InitialMessage.self
            case .sessionMessage: SessionMessage.self
            case .ratchetSession: RatchetSession.self
            case .sessionRecord: SessionRecord.self
            case .senderKeyChain: SenderKeyChain.self
            case .senderKeyDistribution: SenderKeyDistribution.self
            case .senderKeyMessage: SenderKeyMessage.self
            case .senderKeyReceiver: SenderKeyReceiver.self
            case .payloadEvent: PayloadEvent.self
            case .sessionDecrypt, .senderKeyDecrypt: nil
            }
        }
    }

    /// The end-to-end layouts and decryption. Every layout that decodes must re-serialize to the
    /// very same bytes; state that decrypted a message must still serialize canonically.
    static func e2e(_ input: [UInt8]) throws(FuzzViolation) {
        guard let selector = input.first, let kind = E2EInput(rawValue: selector % UInt8(E2EInput.allCases.count)) else { return }
        let bytes = Array(input.dropFirst())
        switch kind {
        case .sessionDecrypt: try sessionDecrypt(bytes)
        case .senderKeyDecrypt: try senderKeyDecrypt(bytes)
        default: if let layout = kind.layout { try canonical(layout, bytes) }
        }
    }

    /// Throws unless `bytes` fail to decode as `layout` or re-serialize to themselves.
    private static func canonical<Layout: SerializedLayout>(_ layout: Layout.Type, _ bytes: [UInt8]) throws(FuzzViolation) {
        guard let value = try? Layout(serialized: bytes) else { return }
        guard value.serialized() == bytes else { throw .roundTripChanged(type: String(describing: layout)) }
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
        try canonical(SessionRecord.self, record.serialized())
        // Answer on the session that just decrypted (a stored state may have no sending chain; that is not a fault).
        _ = try? record.encrypt(received.plaintext)
    }

    private static func senderKeyDecrypt(_ input: [UInt8]) throws(FuzzViolation) {
        guard let (head, tail) = splitLengthPrefixed(input),
              var receiver = try? SenderKeyReceiver(serialized: head),
              let message = try? SenderKeyMessage(serialized: tail),
              (try? receiver.decrypt(message)) != nil else { return }
        try canonical(SenderKeyReceiver.self, receiver.serialized())
    }

    /// `[u16 length] [length bytes] [rest]` split into its two parts.
    static func splitLengthPrefixed(_ bytes: [UInt8]) -> ([UInt8], [UInt8])? {
        var reader = WireReader(bytes)
        guard let length = try? reader.u16(), let head = try? reader.fixed(Int(length)) else { return nil }
        return (head, Array(bytes.dropFirst(2 + head.count)))
    }
}

/// A type stored or sent as a versioned binary layout, read back by `init(serialized:)`.
protocol SerializedLayout {
    init(serialized bytes: [UInt8]) throws(E2EError)
    func serialized() -> [UInt8]
}

extension IdentityKeys: SerializedLayout {}
extension IdentityKeys.PublicBundle: SerializedLayout {}
extension SignedPrekey: SerializedLayout {}
extension SignedPrekey.Public: SerializedLayout {}
extension OneTimePrekey: SerializedLayout {}
extension OneTimePrekey.Public: SerializedLayout {}
extension PrekeyBundle: SerializedLayout {}
extension RatchetMessage: SerializedLayout {}
extension InitialMessage: SerializedLayout {}
extension SessionMessage: SerializedLayout {}
extension RatchetSession: SerializedLayout {}
extension SessionRecord: SerializedLayout {}
extension SenderKeyChain: SerializedLayout {}
extension SenderKeyDistribution: SerializedLayout {}
extension SenderKeyMessage: SerializedLayout {}
extension SenderKeyReceiver: SerializedLayout {}
extension PayloadEvent: SerializedLayout {}
