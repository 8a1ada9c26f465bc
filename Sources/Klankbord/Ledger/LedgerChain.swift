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
        /// The signer is in the roster but is not a facilitator.
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
    /// Decodes and checks every event: layout, position, link to the one before, a known facilitator
    /// as signer, the signature, and each receipt's signature by the entry's recipient. Stops at the
    /// first broken event and reports it; with `head`, also reports a chain cut short.
    ///
    /// - Parameters:
    ///   - identities: account id → identity key, from the signed roster.
    ///   - facilitators: the accounts that may sign ledger events.
    public static func verify(_ stored: [[UInt8]], identities: [UInt64: Ed25519.VerifyingKey], facilitators: Set<UInt64>,
                              head: LedgerHead? = nil) throws(LedgerChainFailure) -> [LedgerEvent] {
        var events: [LedgerEvent] = []
        events.reserveCapacity(stored.count)
        // Entry id → (recipient, entry hash), for checking receipts.
        var entries: [LedgerEntryID: (recipient: UInt64, hash: [UInt8])] = [:]
        var prev = LedgerEvent.zeroHash
        for (index, bytes) in stored.enumerated() {
            func fail(_ reason: LedgerChainFailure.Reason) -> LedgerChainFailure { LedgerChainFailure(index: index, reason: reason) }
            guard let event = try? LedgerEvent(decoding: bytes) else { throw fail(.malformed) }
            guard event.index == UInt64(index) else { throw fail(.gap(expected: UInt64(index), found: event.index)) }
            guard event.prev == prev else { throw fail(.wrongLink) }
            guard let key = identities[event.signer] else { throw fail(.unknownSigner) }
            guard facilitators.contains(event.signer) else { throw fail(.notFacilitator) }
            guard event.isSigned(by: key) else { throw fail(.badSignature) }
            switch event.body {
            case let .created(draft):
                entries[draft.id] = (draft.recipient, event.hash)
            case let .reversal(id, reverses, _, _):
                if let original = entries[reverses] { entries[id] = (original.recipient, event.hash) }
            case let .receipt(receipt):
                guard let entry = entries[receipt.entry], let recipientKey = identities[entry.recipient],
                      receipt.isSigned(by: recipientKey, entryHash: entry.hash) else { throw fail(.badReceipt) }
            case .approved, .paid, .rejected, .budget, .handover:
                break
            }
            events.append(event)
            prev = event.hash
        }
        if let head, stored.count < head.count || (stored.count == head.count && prev != head.hash) {
            throw LedgerChainFailure(index: stored.count, reason: .missingTail)
        }
        return events
    }

    /// The head of a verified chain.
    public static func head(of events: [LedgerEvent]) -> LedgerHead {
        LedgerHead(count: events.count, hash: events.last?.hash ?? LedgerEvent.zeroHash)
    }
}
