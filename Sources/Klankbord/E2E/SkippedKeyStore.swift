import KlankbordCrypto

/// Message keys kept for messages that have not arrived yet (out of order or lost), oldest first,
/// shared by the Double Ratchet and sender key receivers.
///
/// - Warning: Each key decrypts one message; `take` removes it so a replay finds nothing. Stored
///   keys weaken forward secrecy for their messages, hence the bound on how many are kept.
struct SkippedKeyStore<ID: Equatable & Sendable>: Sendable {
    struct Entry: Sendable {
        let id: ID
        let messageKey: SecretBytes
    }

    /// Most recently skipped last.
    private(set) var entries: [Entry] = []

    /// The key stored for `id`, if any (without removing it).
    func key(for id: ID) -> SecretBytes? {
        entries.last { $0.id == id }?.messageKey
    }

    /// Removes the key stored for `id`, if any.
    mutating func remove(_ id: ID) {
        if let index = entries.lastIndex(where: { $0.id == id }) { entries.remove(at: index) }
    }

    /// Adds a key; call `evictOldest(keeping:)` after a batch.
    mutating func append(_ id: ID, _ messageKey: SecretBytes) {
        entries.append(Entry(id: id, messageKey: messageKey))
    }

    /// Drops the oldest keys until at most `capacity` remain.
    mutating func evictOldest(keeping capacity: Int) {
        if entries.count > capacity { entries.removeFirst(entries.count - capacity) }
    }
}
