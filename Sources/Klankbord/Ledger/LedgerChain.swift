import KlankbordCrypto

/// The end of a chain as someone remembered it: how many events and the hash of the last one.
/// Only a remembered head can show that events were cut off the end.
public struct LedgerHead: Sendable, Equatable {
    /// How many events the chain had.
    public let count: Int
    /// The hash of the last event, or `LedgerEvent.zeroHash` for an empty chain.
    public let hash: [UInt8]

    /// A head from its parts.
    public init(count: Int, hash: [UInt8]) {
        self.count = count
        self.hash = hash
    }
}

/// The first place where a stored chain is broken, and why.
public struct LedgerChainFailure: Error, Equatable, Sendable {
    /// Why the event at `index` cannot be believed.
    public enum Reason: Equatable, Sendable {
        /// The bytes are not a ledger event.
        case malformed
        /// The event says it is at another position: one was removed, inserted or moved.
        case gap(expected: UInt64, found: UInt64)
        /// The event does not name the hash of the event before it.
        case wrongLink
        /// The signer is not an identity from the roster.
        case unknownSigner
        /// The signer never held the facilitator role, or (at the end of the chain) is a former facilitator whom
        /// nobody vouches for.
        case notFacilitator
        /// The signature does not verify.
        case badSignature
        /// A receipt names an unknown entry, or the recipient's signature does not verify.
        case badReceipt
        /// The chain is shorter than, or ends differently from, the head remembered.
        case missingTail
    }

    /// The position of the first broken event (the chain's length for `missingTail`).
    public let index: Int
    /// Why it is broken.
    public let reason: Reason

    /// A failure from its parts.
    public init(index: Int, reason: Reason) {
        self.index = index
        self.reason = reason
    }
}

/// Checks a stored ledger chain.
public enum LedgerChain {
    /// Decodes and checks every event with every signer taken as a facilitator of now (a ledger whose facilitators
    /// never changed); see `verify(_:signers:identities:head:trustingHead:)`.
    public static func verify(_ stored: [[UInt8]], identities: [UInt64: Ed25519.VerifyingKey], facilitators: Set<UInt64>,
                              head: LedgerHead? = nil) throws(LedgerChainFailure) -> [LedgerEvent] {
        let signers = LedgerSigners(current: identities.filter { facilitators.contains($0.key) })
        return try verify(stored, signers: signers, identities: identities, head: head)
    }

    /// Decodes and checks every event: layout, position, link to the one before, a signer the roster granted the
    /// facilitator role with the key that signed (now or before), the signature, and each receipt's signature by the
    /// entry's recipient. Events at the end by signers who are no longer facilitators must be vouched for (inside
    /// `head`, or before an event of a current facilitator). Stops at the first broken event and reports it; with
    /// `head`, also reports a chain cut short or different from what was verified before.
    ///
    /// - Parameters:
    ///   - signers: who held the facilitator role with which key, and who holds it now (from the signed roster).
    ///   - identities: account id → identity key, for the recipients' receipts.
    ///   - trustingHead: skip the signatures of the events up to `head` when the chain still ends there in the same
    ///     hash: the links then prove the events are the ones this device verified before (`ledger verify` checks all).
    public static func verify(_ stored: [[UInt8]], signers: LedgerSigners, identities: [UInt64: Ed25519.VerifyingKey],
                              head: LedgerHead? = nil, trustingHead: Bool = false) throws(LedgerChainFailure) -> [LedgerEvent] {
        try verify(decoded: stored.map { try? LedgerEvent(decoding: $0) }, signers: signers, identities: identities, head: head,
                   trustingHead: trustingHead)
    }

    /// `verify` of an assembled chain, whose events are decoded already (nil where the bytes are not an event).
    public static func verify(_ assembly: LedgerAssembly, signers: LedgerSigners, identities: [UInt64: Ed25519.VerifyingKey],
                              head: LedgerHead? = nil, trustingHead: Bool = false) throws(LedgerChainFailure) -> [LedgerEvent] {
        try verify(decoded: assembly.decoded, signers: signers, identities: identities, head: head, trustingHead: trustingHead)
    }

    private static func verify(decoded: [LedgerEvent?], signers: LedgerSigners, identities: [UInt64: Ed25519.VerifyingKey],
                               head: LedgerHead?, trustingHead: Bool) throws(LedgerChainFailure) -> [LedgerEvent] {
        let stored = decoded
        var events: [LedgerEvent] = []
        events.reserveCapacity(stored.count)
        // Entry id → (recipient, entry hash), for checking receipts.
        var entries: [LedgerEntryID: (recipient: UInt64, hash: [UInt8])] = [:]
        var prev = LedgerEvent.zeroHash
        let verifiedCount = head.map { min($0.count, stored.count) } ?? 0
        // The head is believed only when the stored event at its place still has its hash; every link is checked anyway.
        let trusted = trustingHead && verifiedCount > 0 && verifiedCount == head?.count && stored[verifiedCount - 1]?.hash == head?.hash
        var vouchedEnd = verifiedCount
        for (index, decodedEvent) in stored.enumerated() {
            func fail(_ reason: LedgerChainFailure.Reason) -> LedgerChainFailure { LedgerChainFailure(index: index, reason: reason) }
            guard let event = decodedEvent else { throw fail(.malformed) }
            guard event.index == UInt64(index) else { throw fail(.gap(expected: UInt64(index), found: event.index)) }
            guard event.prev == prev else { throw fail(.wrongLink) }
            let checking = !(trusted && index < verifiedCount)
            guard signers.former[event.signer] != nil else { throw fail(identities[event.signer] == nil ? .unknownSigner : .notFacilitator) }
            guard !checking || signers.signed(event) else { throw fail(.badSignature) }
            if signers.current.contains(event.signer) { vouchedEnd = index + 1 }
            switch event.body {
            case let .created(draft):
                entries[draft.id] = (draft.recipient, event.hash)
            case let .reversal(id, reverses, _, _):
                if let original = entries[reverses] { entries[id] = (original.recipient, event.hash) }
            case let .receipt(receipt):
                guard let entry = entries[receipt.entry] else { throw fail(.badReceipt) }
                if checking {
                    guard let recipientKey = identities[entry.recipient], receipt.isSigned(by: recipientKey, entryHash: entry.hash) else {
                        throw fail(.badReceipt)
                    }
                }
            case .approved, .paid, .rejected, .budget, .handover:
                break
            }
            events.append(event)
            prev = event.hash
        }
        if let head {
            if stored.count < head.count || (stored.count == head.count && prev != head.hash) {
                throw LedgerChainFailure(index: stored.count, reason: .missingTail)
            }
            // Longer than the head but not through it: a different history from the one verified before.
            if head.count > 0, events[head.count - 1].hash != head.hash { throw LedgerChainFailure(index: head.count - 1, reason: .missingTail) }
        }
        // Events at the end that only a former facilitator signed: nobody who may act now stands behind them.
        if vouchedEnd < events.count { throw LedgerChainFailure(index: vouchedEnd, reason: .notFacilitator) }
        return events
    }

    /// The head of a verified chain.
    public static func head(of events: [LedgerEvent]) -> LedgerHead {
        LedgerHead(count: events.count, hash: events.last?.hash ?? LedgerEvent.zeroHash)
    }
}
