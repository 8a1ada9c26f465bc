// Binary layout of `SignedPrekey` (version 1), 109 bytes:
//
//   version             1 byte   = 1
//   id                  4 bytes  UInt32
//   created at          8 bytes  UInt64, seconds since 1970-01-01 UTC
//   private key        32 bytes  X25519
//   signature          64 bytes  see below
//
// Binary layout of `SignedPrekey.Public` (version 1), 109 bytes: the same with the X25519 public
// key in place of the private key. Embedded without the version byte (108 bytes, "signed prekey
// body") in a prekey bundle.
//
// The signature is Ed25519 by the identity signing key over
//   "klankbord/signed-prekey/1" || id (4) || created at (8) || public key (32)
// so the server can neither swap the key nor lie about its age.

import KlankbordCrypto
import KlankbordProtocol

/// A medium-term X3DH prekey, signed by the identity key and replaced about weekly.
///
/// - Warning: Keep the previous signed prekey for a while after rotating (initial messages made
///   with it may still be in flight), then delete it: deleting it is what gives forward secrecy
///   to sessions started without a one-time prekey.
public struct SignedPrekey: Sendable {
    package static let version: UInt8 = 1
    static let domain = Array("klankbord/signed-prekey/1".utf8)
    /// How long a signed prekey is meant to be used: one week, in seconds.
    public static let rotationInterval: UInt64 = 7 * 24 * 60 * 60

    /// The identifier initial messages name it by.
    public let id: UInt32
    /// Creation time in seconds since 1970 (UTC), signed along with the key.
    public let createdAt: UInt64
    /// The X25519 key pair.
    public let keyPair: X25519.PrivateKey
    /// Ed25519 signature by the identity key (see the layout comment).
    public let signature: [UInt8]

    /// A new random signed prekey, signed by `identity`.
    public init(id: UInt32, createdAt: UInt64, identity: IdentityKeys) {
        let keyPair = X25519.PrivateKey()
        self.init(id: id, createdAt: createdAt, keyPair: keyPair,
                  signature: identity.signingKey.signature(for: Self.signedMessage(id: id, createdAt: createdAt, publicKey: keyPair.publicKey)))
    }

    private init(id: UInt32, createdAt: UInt64, keyPair: X25519.PrivateKey, signature: [UInt8]) {
        self.id = id
        self.createdAt = createdAt
        self.keyPair = keyPair
        self.signature = signature
    }

    /// What gets uploaded to the server and handed out in prekey bundles.
    public var publicPart: Public {
        Public(id: id, createdAt: createdAt, publicKey: keyPair.publicKey, signature: signature)
    }

    /// Whether this key is at least `rotationInterval` old at `now` (seconds since 1970).
    public func needsRotation(now: UInt64) -> Bool {
        now >= createdAt && now - createdAt >= Self.rotationInterval
    }

    package static func signedMessage(id: UInt32, createdAt: UInt64, publicKey: X25519.PublicKey) -> [UInt8] {
        var writer = WireWriter(prefix: domain, capacity: 44)
        writer.u32(id)
        writer.u64(createdAt)
        writer.fixed(publicKey.bytes)
        return writer.bytes
    }

    /// The 109-byte layout above.
    ///
    /// - Warning: Contains the private key in the clear.
    public func serialized() -> [UInt8] {
        var writer = WireWriter(prefix: [Self.version], capacity: 109)
        writer.u32(id)
        writer.u64(createdAt)
        writer.secret(keyPair.secret)
        writer.fixed(signature)
        return writer.bytes
    }

    /// Decodes the layout above.
    public init(serialized bytes: [UInt8]) throws(E2EError) {
        self = try E2EReader.decode(bytes, version: Self.version) { reader throws(E2EError) in
            SignedPrekey(id: try reader.u32(), createdAt: try reader.u64(),
                         keyPair: try reader.x25519PrivateKey(), signature: try reader.fixed(Ed25519.signatureLength))
        }
    }
}

extension SignedPrekey {
    /// The public half of a signed prekey, as the server stores and hands it out.
    public struct Public: Hashable, Sendable {
        /// The identifier initial messages name it by.
        public let id: UInt32
        /// Creation time in seconds since 1970 (UTC).
        public let createdAt: UInt64
        /// The X25519 public key.
        public let publicKey: X25519.PublicKey
        /// The identity key's signature; checked by `verify(signedBy:)`, not on creation.
        public let signature: [UInt8]

        /// A public signed prekey from its parts (not verified: see `verify(signedBy:)`).
        public init(id: UInt32, createdAt: UInt64, publicKey: X25519.PublicKey, signature: [UInt8]) {
            self.id = id
            self.createdAt = createdAt
            self.publicKey = publicKey
            self.signature = signature
        }

        /// Throws `invalidSignature` unless `identity` signed this key, id and creation time.
        public func verify(signedBy identity: IdentityKeys.PublicBundle) throws(E2EError) {
            do {
                try identity.signingKey.verify(signature, for: SignedPrekey.signedMessage(id: id, createdAt: createdAt, publicKey: publicKey))
            } catch {
                throw .invalidSignature
            }
        }

        /// The 109-byte layout at the top of this file.
        public func serialized() -> [UInt8] {
            var writer = WireWriter(prefix: [SignedPrekey.version], capacity: 109)
            encodeBody(into: &writer)
            return writer.bytes
        }

        /// Decodes that layout (the signature is checked later, against the owner's identity).
        public init(serialized bytes: [UInt8]) throws(E2EError) {
            self = try E2EReader.decode(bytes, version: SignedPrekey.version) { reader throws(E2EError) in
                try Public(body: &reader)
            }
        }

        func encodeBody(into writer: inout WireWriter) {
            writer.u32(id)
            writer.u64(createdAt)
            writer.fixed(publicKey.bytes)
            writer.fixed(signature)
        }

        init(body reader: inout E2EReader) throws(E2EError) {
            self.init(id: try reader.u32(), createdAt: try reader.u64(),
                      publicKey: try reader.x25519PublicKey(), signature: try reader.fixed(Ed25519.signatureLength))
        }
    }
}
