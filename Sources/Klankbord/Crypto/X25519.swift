import CSodium

/// Curve25519 Diffie-Hellman (libsodium `crypto_scalarmult`).
public enum X25519 {
    public static let keyLength = 32

    /// A public key: 32 bytes.
    public struct PublicKey: Hashable, Sendable {
        public let bytes: [UInt8]
        public init(_ bytes: [UInt8]) throws(CryptoError) {
            try requireLength(bytes, keyLength)
            self.bytes = bytes
        }
        fileprivate init(unchecked bytes: [UInt8]) { self.bytes = bytes }
    }

    /// A private key: 32 secret bytes, wiped when dropped, with its public key.
    public struct PrivateKey: Sendable {
        public let secret: SecretBytes
        public let publicKey: PublicKey

        /// A new random key pair.
        public init() {
            let secret = SecretBytes(randomCount: keyLength)
            self.secret = secret
            self.publicKey = X25519.publicKey(for: secret)
        }

        /// A private key from its 32 stored bytes.
        public init(secret: SecretBytes) throws(CryptoError) {
            try requireLength(secret, keyLength)
            self.secret = secret
            self.publicKey = X25519.publicKey(for: secret)
        }

        /// The shared secret with `peer`. Throws `weakPublicKey` when the result is all zero.
        public func sharedSecret(with peer: PublicKey) throws(CryptoError) -> SecretBytes {
            var status: Int32 = 0
            let shared = SecretBytes(count: keyLength) { out, _ in
                secret.withPointer { scalar, _ in
                    peer.bytes.withPointer { point, _ in status = crypto_scalarmult(out, scalar, point) }
                }
            }
            guard status == 0 else { throw .weakPublicKey }
            return shared
        }
    }

    private static func publicKey(for secret: SecretBytes) -> PublicKey {
        let bytes = [UInt8].filled(count: keyLength) { point, _ in
            secret.withPointer { scalar, _ in _ = crypto_scalarmult_base(point, scalar) }
        }
        return PublicKey(unchecked: bytes)
    }
}
