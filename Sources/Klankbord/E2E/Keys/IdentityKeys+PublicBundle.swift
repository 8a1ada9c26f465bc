// Binary layout of `IdentityKeys.PublicBundle` (version 1), 129 bytes:
//
//   version             1 byte   = 1
//   signing key        32 bytes  Ed25519 public key
//   agreement key      32 bytes  X25519 public key
//   signature          64 bytes  Ed25519 over "klankbord/identity-agreement-key/1" || agreement key
//
// Embedded in other layouts (prekey bundle, initial message, session) without the version byte:
// that 128-byte form is called "identity body" below and in those files.

import KlankbordCrypto
import KlankbordProtocol

extension IdentityKeys {
    /// The public half of an identity: both public keys and the signature binding them. Every way
    /// of making one verifies the signature, so a `PublicBundle` value is always consistent.
    public struct PublicBundle: Hashable, Sendable {
        package static let bodyLength = 128

        /// The Ed25519 identity key; what safety numbers and sender key chains hang on.
        public let signingKey: Ed25519.VerifyingKey
        /// The X25519 identity key used in X3DH.
        public let agreementKey: X25519.PublicKey
        /// Ed25519 signature by `signingKey` over the domain-separated `agreementKey`.
        public let signature: [UInt8]

        /// A bundle from its parts; throws `invalidSignature` unless the signature verifies.
        public init(signingKey: Ed25519.VerifyingKey, agreementKey: X25519.PublicKey, signature: [UInt8]) throws(E2EError) {
            do {
                try signingKey.verify(signature, for: IdentityKeys.agreementKeyMessage(agreementKey))
            } catch {
                throw .invalidSignature
            }
            self.init(validSigningKey: signingKey, agreementKey: agreementKey, signature: signature)
        }

        init(validSigningKey signingKey: Ed25519.VerifyingKey, agreementKey: X25519.PublicKey, signature: [UInt8]) {
            self.signingKey = signingKey
            self.agreementKey = agreementKey
            self.signature = signature
        }

        /// The 129-byte layout above.
        public func serialized() -> [UInt8] {
            var writer = WireWriter(prefix: [IdentityKeys.version], capacity: 1 + Self.bodyLength)
            encodeBody(into: &writer)
            return writer.bytes
        }

        /// Decodes and verifies the layout above.
        public init(serialized bytes: [UInt8]) throws(E2EError) {
            self = try E2EReader.decode(bytes, version: IdentityKeys.version) { reader throws(E2EError) in
                try PublicBundle(body: &reader)
            }
        }

        /// Decodes the layout above without checking its signature again: only for bytes this device checked before
        /// (a log entry whose hash it remembers as checked, docs/TRUST.md "Signatures are checked once per device").
        package init(serialized bytes: [UInt8], alreadyChecked: Bool) throws(E2EError) {
            guard alreadyChecked else {
                self = try PublicBundle(serialized: bytes)
                return
            }
            self = try E2EReader.decode(bytes, version: IdentityKeys.version) { reader throws(E2EError) in
                let signingKey = try reader.ed25519VerifyingKey()
                let agreementKey = try reader.x25519PublicKey()
                return PublicBundle(validSigningKey: signingKey, agreementKey: agreementKey, signature: try reader.fixed(Ed25519.signatureLength))
            }
        }

        /// X3DH's Encode(IK): the X25519 key followed by the Ed25519 key (64 bytes).
        var encodedForAssociatedData: [UInt8] {
            agreementKey.bytes + signingKey.bytes
        }

        func encodeBody(into writer: inout WireWriter) {
            writer.fixed(signingKey.bytes)
            writer.fixed(agreementKey.bytes)
            writer.fixed(signature)
        }

        init(body reader: inout E2EReader) throws(E2EError) {
            let signingKey = try reader.ed25519VerifyingKey()
            let agreementKey = try reader.x25519PublicKey()
            let signature = try reader.fixed(Ed25519.signatureLength)
            try self.init(signingKey: signingKey, agreementKey: agreementKey, signature: signature)
        }
    }
}
