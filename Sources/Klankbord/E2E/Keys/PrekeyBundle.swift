// Binary layout of `PrekeyBundle` (version 1), 238 bytes, or 274 with a one-time prekey:
//
//   version                      1 byte   = 1
//   identity body              128 bytes  see IdentityKeys+PublicBundle.swift (verified on decode)
//   signed prekey body         108 bytes  id (4) || created at (8) || public key (32) || signature (64)
//   has one-time prekey          1 byte   0 or 1
//   one-time prekey body        36 bytes  id (4) || public key (32), only when the flag is 1

import KlankbordProtocol

/// What the server hands out to someone starting a session: the owner's identity, current signed
/// prekey and, while the pool lasts, one one-time prekey.
public struct PrekeyBundle: Hashable, Sendable {
    static let version: UInt8 = 1

    /// The owner's identity (its own signature already verified).
    public let identity: IdentityKeys.PublicBundle
    /// The owner's current signed prekey; `X3DH.initiate` verifies its signature.
    public let signedPrekey: SignedPrekey.Public
    /// One unused one-time prekey, or nil when the owner's pool is empty.
    public let oneTimePrekey: OneTimePrekey.Public?

    /// A bundle from its parts.
    public init(identity: IdentityKeys.PublicBundle, signedPrekey: SignedPrekey.Public, oneTimePrekey: OneTimePrekey.Public?) {
        self.identity = identity
        self.signedPrekey = signedPrekey
        self.oneTimePrekey = oneTimePrekey
    }

    /// Throws `invalidSignature` unless the identity signed the signed prekey.
    public func verify() throws(E2EError) {
        try signedPrekey.verify(signedBy: identity)
    }

    /// The layout above.
    public func serialized() -> [UInt8] {
        var writer = WireWriter(prefix: [Self.version], capacity: 274)
        identity.encodeBody(into: &writer)
        signedPrekey.encodeBody(into: &writer)
        writer.bool(oneTimePrekey != nil)
        oneTimePrekey?.encodeBody(into: &writer)
        return writer.bytes
    }

    /// Decodes the layout above and verifies the identity's signature (not the signed prekey's:
    /// `X3DH.initiate` does that, so a bundle with a bad one can still be inspected).
    public init(serialized bytes: [UInt8]) throws(E2EError) {
        self = try E2EReader.decode(bytes, version: Self.version) { reader throws(E2EError) in
            let identity = try IdentityKeys.PublicBundle(body: &reader)
            let signedPrekey = try SignedPrekey.Public(body: &reader)
            let oneTimePrekey = try reader.bool() ? try OneTimePrekey.Public(body: &reader) : nil
            return PrekeyBundle(identity: identity, signedPrekey: signedPrekey, oneTimePrekey: oneTimePrekey)
        }
    }
}
