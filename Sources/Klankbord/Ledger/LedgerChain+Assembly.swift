/// The chain to verify, put together from every copy a device holds (docs/LEDGER.md, "Former facilitators").
public struct LedgerAssembly: Sendable, Equatable {
    /// The stored events in the order to verify them.
    public let chain: [[UInt8]]
    /// The same events decoded (nil where the bytes are not an event), so verifying does not decode them again.
    public let decoded: [LedgerEvent?]
    /// How many distinct events were left out: signed by someone who is not a facilitator now, and vouched for by
    /// neither the head this device verified nor a later event of a current facilitator.
    public let leftOut: Int
}

extension LedgerChain {
    /// Puts the chain together from `copies` (handed-over copies first, then the room's events in the server's
    /// order). An event already at its place is skipped; anything else is kept where it came, so an edited, dropped or
    /// reordered event shows as a broken place. Events that decode but that only a former facilitator (or someone
    /// who never was one) stands behind are left out, so a demoted facilitator cannot add to the chain, nor block it
    /// by sending a step nobody asked for: a current facilitator continues the chain without them.
    ///
    /// - Parameters:
    ///   - current: the accounts that are facilitators now.
    ///   - head: what this device verified before; its last event and everything it links back to are vouched for.
    public static func assemble(_ copies: [[UInt8]], current: Set<UInt64>, head: LedgerHead?) -> LedgerAssembly {
        let decoded = copies.map { try? LedgerEvent(decoding: $0) }
        var byHash: [EventHash: LedgerEvent] = [:]
        for case let event? in decoded where byHash[EventHash(event.hash)] == nil { byHash[EventHash(event.hash)] = event }
        // Walk back from every vouching event along `prev`; each event is visited once, so this stays linear.
        var vouched: Set<EventHash> = []
        func vouch(from hash: [UInt8]) {
            var next = byHash[EventHash(hash)]
            while let event = next, vouched.insert(EventHash(event.hash)).inserted { next = byHash[EventHash(event.prev)] }
        }
        if let head, head.count > 0 { vouch(from: head.hash) }
        for case let event? in decoded where current.contains(event.signer) { vouch(from: event.hash) }

        var chain: [[UInt8]] = []
        var kept: [LedgerEvent?] = []
        var hashes: [[UInt8]] = []
        var leftOut: Set<EventHash> = []
        for (bytes, event) in zip(copies, decoded) {
            if let event, !vouched.contains(EventHash(event.hash)) {
                leftOut.insert(EventHash(event.hash))
                continue
            }
            if let event, event.index < UInt64(hashes.count), hashes[Int(event.index)] == event.hash { continue }
            chain.append(bytes)
            kept.append(event)
            hashes.append(event?.hash ?? [])
        }
        return LedgerAssembly(chain: chain, decoded: kept, leftOut: leftOut.count)
    }
}

/// An event hash as a dictionary key. A BLAKE2b output is already uniform, so hashing its first 8 bytes is enough
/// (equality still compares all 32); hashing every byte made the set and map the largest cost of assembling.
private struct EventHash: Hashable {
    let bytes: [UInt8]

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func hash(into hasher: inout Hasher) {
        var prefix: UInt64 = 0
        for byte in bytes.prefix(8) { prefix = prefix << 8 | UInt64(byte) }
        hasher.combine(prefix)
    }
}
