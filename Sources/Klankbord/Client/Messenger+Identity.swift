import KlankbordE2E
import KlankbordProtocol
import KlankbordTrust

/// Why the client would not send to, or open from, another person.
public enum IdentityRefusal: Error, Equatable, Sendable {
    /// A new identity is held for this person: nothing is sent to them until the person accepts it.
    case changeHeld(handle: String)
    /// The server offers keys under another identity than the one this device pinned.
    case serverOffersOther(handle: String)
    /// A message under a new identity was held instead of shown.
    case held(handle: String)
}

extension Messenger {
    /// Records `identity` as the held change for `account` and keeps `item` to open if the person accepts it.
    /// A newer change replaces an older one held (its items go): only the latest can be compared face to face.
    func holdChange(_ identity: IdentityKeys.PublicBundle, of account: UInt64, handle: String, item: HeldItem, pin: IdentityPin?) throws {
        guard var pin else { return }
        if pin.held != identity {
            if pin.held != nil { try forgetHeldItems(from: account) }
            pin.held = identity
            try profile.savePin(pin)
        }
        try profile.hold(item, from: account)
        if !notices.contains(.identityChanged(handle: pin.handle)) { notices.append(.identityChanged(handle: pin.handle)) }
    }

    /// Accepts the held identity of `account`: it becomes the pinned one (`verified` when the person compared
    /// the new safety number), the old sessions go, and what was held is opened. Returns the direct messages opened.
    @discardableResult
    public func acceptHeldIdentity(of account: UInt64, verified: Bool) throws -> [StoredMessage] {
        guard var pin = profile.pin(account), let held = pin.held else { return [] }
        pin.identity = held
        pin.held = nil
        pin.verified = verified
        pin.source = .server
        try profile.savePin(pin)
        try profile.saveSession(SessionRecord(), with: account)
        let items = profile.heldItems(from: account)
        try profile.dropHeldItems(from: account)
        var events: [EventRecord] = []
        for item in items {
            switch item {
            case let .event(event): events.append(event)
            case let .inbox(inboxItem): try handle(inboxItem)
            }
        }
        return try open(events)
    }

    /// Throws away the held identity of `account` and what came under it; the pinned identity stays, now verified
    /// (the person compared its code again to get here).
    public func rejectHeldIdentity(of account: UInt64) throws {
        guard var pin = profile.pin(account), pin.held != nil else { return }
        pin.held = nil
        pin.verified = true
        try profile.savePin(pin)
        try forgetHeldItems(from: account)
    }

    /// Drops what was held from `account`, and the one-time prekeys those first messages named: they will never be used.
    private func forgetHeldItems(from account: UInt64) throws {
        for item in profile.heldItems(from: account) {
            let payload = switch item {
            case let .event(event): event.payload
            case let .inbox(inboxItem): inboxItem.payload
            }
            guard payload.first == Envelope.session.rawValue, case let .initial(initial)? = try? SessionMessage(serialized: Array(payload.dropFirst())),
                  let used = initial.oneTimePrekeyID else { continue }
            try profile.deleteOneTimePrekey(used)
        }
        try profile.dropHeldItems(from: account)
    }
}
