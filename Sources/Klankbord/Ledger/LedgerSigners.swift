import KlankbordCrypto

/// Who may have signed ledger events, from the signed roster alone (docs/LEDGER.md, "Former facilitators").
///
/// Two sets, because the ledger outlives roles: an event stays valid when its signer later loses the role, leaves
/// or is deleted (`former` holds every identity key the roster ever granted the facilitator role with), while a new
/// event is made only by a facilitator of now (`current`). An event by a signer who is not a facilitator now counts
/// only when something vouches for it: the head this device verified before, or a later event of a current
/// facilitator, whose signature covers it through the `prev` links.
public struct LedgerSigners: Sendable, Equatable {
    /// Account → every identity signing key with which the roster ever granted it the facilitator role.
    public var former: [UInt64: Set<Ed25519.VerifyingKey>]
    /// The accounts that are facilitators now (of the ledger room, with the roster's identity).
    public var current: Set<UInt64>

    /// Signers from their parts. Every current facilitator should also be in `former` with their key.
    public init(former: [UInt64: Set<Ed25519.VerifyingKey>], current: Set<UInt64>) {
        self.former = former
        self.current = current
    }

    /// Signers who are all facilitators now, each with one key (tests, and a ledger whose facilitators never changed).
    public init(current identities: [UInt64: Ed25519.VerifyingKey]) {
        self.init(former: identities.mapValues { [$0] }, current: Set(identities.keys))
    }

    /// Every account that has ever been a facilitator: whose events a replay accepts.
    public var everyone: Set<UInt64> { Set(former.keys).union(current) }

    /// Whether `event` is signed by an identity its signer held the facilitator role with.
    public func signed(_ event: LedgerEvent) -> Bool {
        guard let keys = former[event.signer] else { return false }
        return keys.contains { event.isSigned(by: $0) }
    }
}
