import FoundationEssentials
import KlankbordE2E
import KlankbordProtocol
import KlankbordTrust

/// The end-to-end encrypted side of the client: keys, one-to-one sessions and room sender keys.
///
/// The server only ever sees what `Messenger` hands it: payloads sealed for a room (sender keys) or
/// for one person (Double Ratchet), key bundles, and inbox items it cannot open.
public final class Messenger {
    let profile: Profile
    package let connection: ClientConnection
    package let account: Profile.Account
    /// Largest batch of inbox items in one request, well inside one Noise message (smaller in tests).
    var inboxBatchBytes = 48_000

    /// Something a person should be told about while reading (a new session, a changed identity).
    public enum Notice: Equatable, Sendable {
        case sessionReset(handle: String)
        /// A message came under another identity: it is held, and nothing goes to that person until the change is accepted.
        case identityChanged(handle: String)
        /// The room key was not sent to this member, because their security code changed or the server offers another.
        case roomKeyWithheld(handle: String)
        /// The server lists this account in the room, but no signed entry added it: it got no room key (a "ghost").
        case notInRoomLog(handle: String)
        /// The room's signed log holds this member, but the server does not list them.
        case notListedByServer(handle: String)
    }

    /// Notices collected since the last `takeNotices()`.
    package var notices: [Notice] = []

    /// One-time prekeys uploaded at a time, and the level below which more are made.
    package static let prekeyBatch = 100
    static let prekeyLowWater = 25

    public init(profile: Profile, connection: ClientConnection, account: Profile.Account) {
        self.profile = profile
        self.connection = connection
        self.account = account
    }

    /// Hands out the notices collected so far.
    public func takeNotices() -> [Notice] {
        defer { notices = [] }
        return notices
    }

    /// Publishes the identity, a signed prekey (new each week) and one-time prekeys when few are left.
    public func publishKeys(force: Bool = false) throws {
        let now = UInt64(Date().timeIntervalSince1970)
        let identity = try profile.identity()
        var signed = try profile.signedPrekeys().first
        var rotated = false
        if signed == nil || signed?.needsRotation(now: now) == true {
            signed = try profile.rotateSignedPrekey(now: now)
            rotated = true
        }
        guard let signed else { return }
        var fresh: [OneTimePrekey] = []
        if force || rotated {
            fresh = try profile.makeOneTimePrekeys(force ? Messenger.prekeyBatch : 0)
        } else {
            guard case let .prekeyCount(count) = try connection.call(.prekeyCount) else { throw ClientError.protocolViolation }
            guard count < Messenger.prekeyLowWater else { return }
            fresh = try profile.makeOneTimePrekeys(Messenger.prekeyBatch)
        }
        _ = try connection.call(.prekeysUpload(identity: identity.publicBundle.serialized(), signedPrekey: signed.publicPart.serialized(),
                                               oneTimePrekeys: fresh.map { $0.publicPart.serialized() }))
    }

    /// Seals `plaintext` for one person over the one-to-one session, starting one (X3DH) when needed.
    /// Only ever to the pinned identity: a held change, or a server bundle under another identity, is refused.
    func sealForPerson(_ plaintext: [UInt8], to peer: UInt64, handle: String, bundle: [UInt8]? = nil) throws -> [UInt8] {
        // At first contact, the signed roster vouches for the operator, facilitators and trusted persons: pin them
        // from it (one sync) rather than from the server's copy.
        if profile.pin(peer) == nil { try pinIdentities(from: try syncedRoster().roster().log) }
        var pin = profile.pin(peer)
        if let pin, pin.held != nil { throw IdentityRefusal.changeHeld(handle: pin.handle) }
        var record = try profile.session(with: peer)
        if let current = record.current, current.remoteIdentity != pin?.identity {
            // A session made before pins existed, or one the pin no longer names.
            guard pin == nil else { throw IdentityRefusal.serverOffersOther(handle: handle) }
            let legacy = IdentityPin(account: peer, handle: handle, identity: current.remoteIdentity, source: .server)
            try profile.savePin(legacy)
            pin = legacy
        }
        if record.current == nil {
            let bytes: [UInt8]
            if let bundle {
                bytes = bundle
            } else {
                guard case let .bundles(list) = try connection.call(.bundles(accounts: [peer], consume: true)),
                      let fetched = list.first?.bundle else { throw ClientError.server(.handleUnknown) }
                bytes = fetched
            }
            let prekeys = try PrekeyBundle(serialized: bytes)
            if let pin {
                guard prekeys.identity == pin.identity else { throw IdentityRefusal.serverOffersOther(handle: pin.handle) }
            } else {
                // First contact with nothing better to go on: trust on first use, recorded as such.
                try profile.savePin(IdentityPin(account: peer, handle: handle, identity: prekeys.identity, source: .server))
            }
            record.install(try X3DH.initiate(identity: try profile.identity(), bundle: prekeys))
        }
        let message = try record.encrypt(plaintext)
        try profile.saveSession(record, with: peer)
        return [Envelope.session.rawValue] + message.serialized()
    }

    /// Opens a one-to-one session message from `sender`. A message under another identity than the pinned one
    /// is held (as `item`) and `IdentityRefusal.held` is thrown: nothing of it is shown until the person accepts.
    func openFromPerson(_ bytes: ArraySlice<UInt8>, sender: UInt64, handle: String, item: HeldItem) throws -> [UInt8] {
        let message = try SessionMessage(serialized: Array(bytes))
        var record = try profile.session(with: sender)
        let pin = profile.pin(sender)
        let identity = try profile.identity()
        let signed = try profile.signedPrekeys()
        let received: SessionRecord.Received
        do {
            received = try record.decrypt(message, identity: identity, pinned: pin?.identity,
                                          signedPrekey: { id in signed.first { $0.id == id } },
                                          oneTimePrekey: { [profile] id in profile.oneTimePrekey(id) })
        } catch E2EError.identityChanged {
            guard case let .initial(initial) = message else { throw E2EError.identityChanged }
            // Without a pin the current session's identity was expected: pin it, so the change can be held beside it.
            let known = pin ?? record.current.map { IdentityPin(account: sender, handle: handle, identity: $0.remoteIdentity, source: .server) }
            try holdChange(initial.identity, of: sender, handle: handle, item: item, pin: known)
            throw IdentityRefusal.held(handle: pin?.handle ?? handle)
        }
        try profile.saveSession(record, with: sender)
        if let used = received.usedOneTimePrekeyID { try profile.deleteOneTimePrekey(used) }
        if pin == nil {
            try profile.savePin(IdentityPin(account: sender, handle: handle, identity: received.remoteIdentity, source: .server))
        }
        if case .reset = received.event { notices.append(.sessionReset(handle: handle)) }
        return received.plaintext
    }
}
