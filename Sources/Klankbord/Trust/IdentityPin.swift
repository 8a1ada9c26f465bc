import KlankbordE2E
import KlankbordProtocol

/// What this device trusts about another account's identity: the identity it first learned, where it
/// learned it, whether the person compared safety numbers, and a different identity seen later and held
/// until the person accepts it. This is the only source of trust for sessions, safety numbers and room keys.
public struct IdentityPin: Sendable, Equatable {
    /// Where the pinned identity came from, strongest first.
    public enum Source: UInt8, Sendable {
        /// The commitment in an invite code this person redeemed (the server could not substitute it).
        case invite = 1
        /// The commitment in a contact code this person used.
        case contactCode = 2
        /// The server's copy at first contact (trust on first use).
        case server = 3
        /// The signed membership log of a room both are in: the member signed their own join entry with it
        /// (docs/TRUST.md), so the server could not substitute it.
        case log = 4
    }

    static let version: UInt8 = 1

    /// The contact's account id on the server.
    public var account: UInt64
    /// The contact's handle when the pin was made (shown in warnings).
    public var handle: String
    /// The identity sessions and safety numbers use.
    public var identity: IdentityKeys.PublicBundle
    public var source: Source
    /// The person compared safety numbers and confirmed them.
    public var verified: Bool
    /// A different identity seen later (a new session under another key), held until the person accepts it.
    public var held: IdentityKeys.PublicBundle?

    /// A pin for `identity`, learned from `source`.
    public init(account: UInt64, handle: String, identity: IdentityKeys.PublicBundle, source: Source,
                verified: Bool = false, held: IdentityKeys.PublicBundle? = nil) {
        self.account = account
        self.handle = handle
        self.identity = identity
        self.source = source
        self.verified = verified
        self.held = held
    }

    /// The sealed form: `u8 version (1) | u64 account | string handle | data identity | u8 source |
    /// bool verified | optional data held`.
    package func serialized() -> [UInt8] {
        var w = WireWriter()
        w.u8(IdentityPin.version)
        w.u64(account)
        w.string(handle)
        w.data(identity.serialized())
        w.u8(source.rawValue)
        w.bool(verified)
        w.optional(held) { $0.data($1.serialized()) }
        return w.bytes
    }

    /// Decodes the sealed form. `sealedByThisDevice`: the bytes come out of this device's own sealed store, where only
    /// a pin made from a checked identity goes in (a `PublicBundle` cannot be made without its signature verifying,
    /// and the seal proves the row is this device's), so the two identities' signatures are not checked again. Reading
    /// a 500-member room's pins checked 500 signatures per command before (docs/PERFORMANCE.md, W6).
    package init(serialized bytes: [UInt8], sealedByThisDevice: Bool = false) throws(WireError) {
        var r = WireReader(bytes)
        guard try r.u8() == IdentityPin.version else { throw .invalidValue }
        let account = try r.u64()
        let handle = try r.string()
        let identityBytes = try r.data()
        guard let source = Source(rawValue: try r.u8()) else { throw .invalidValue }
        let verified = try r.bool()
        let heldBytes = try r.optional { r throws(WireError) in try r.data() }
        try r.finish()
        guard let identity = try? IdentityKeys.PublicBundle(serialized: identityBytes, alreadyChecked: sealedByThisDevice) else { throw .invalidValue }
        var held: IdentityKeys.PublicBundle?
        if let heldBytes {
            guard let bundle = try? IdentityKeys.PublicBundle(serialized: heldBytes, alreadyChecked: sealedByThisDevice) else { throw .invalidValue }
            held = bundle
        }
        self.init(account: account, handle: handle, identity: identity, source: source, verified: verified, held: held)
    }
}
