import CSodium

/// Ed25519 signatures (libsodium `crypto_sign_*`).
public enum Ed25519 {
    public static let publicKeyLength = 32
    public static let seedLength = 32
    public static let signatureLength = 64

    /// A verifying (public) key: 32 bytes.
    public struct VerifyingKey: Hashable, Sendable {
        public let bytes: [UInt8]
        public init(_ bytes: [UInt8]) throws(CryptoError) {
            try requireLength(bytes, publicKeyLength)
            self.bytes = bytes
        }
        fileprivate init(unchecked bytes: [UInt8]) { self.bytes = bytes }

        /// Checks `signature` over `message`; throws `invalidSignature` when it does not verify.
        public func verify(_ signature: [UInt8], for message: [UInt8]) throws(CryptoError) {
            guard signature.count == signatureLength else { throw .invalidSignature }
            Sodium.ready()
            let status = signature.withPointer { sig, _ in
                message.withPointer { msg, n in
                    bytes.withPointer { pk, _ in crypto_sign_verify_detached(sig, msg, UInt64(n), pk) }
                }
            }
            guard status == 0 else { throw .invalidSignature }
        }
    }

    /// A signing key, kept as its 32-byte seed (wiped when dropped), with its verifying key.
    public struct SigningKey: Sendable {
        /// The seed the key pair is derived from; this is what gets stored.
        public let seed: SecretBytes
        public let verifyingKey: VerifyingKey
        private let expanded: SecretBytes

        /// A new random signing key.
        public init() {
            self.init(validSeed: SecretBytes(randomCount: seedLength))
        }

        /// The signing key for a stored 32-byte seed.
        public init(seed: SecretBytes) throws(CryptoError) {
            try requireLength(seed, seedLength)
            self.init(validSeed: seed)
        }

        private init(validSeed seed: SecretBytes) {
            var publicKey = [UInt8](repeating: 0, count: publicKeyLength)
            let expanded = SecretBytes(count: Int(crypto_sign_SECRETKEYBYTES)) { sk, _ in
                seed.withPointer { s, _ in
                    publicKey.withMutablePointer { pk, _ in _ = crypto_sign_seed_keypair(pk, sk, s) }
                }
            }
            self.seed = seed
            self.expanded = expanded
            self.verifyingKey = VerifyingKey(unchecked: publicKey)
        }

        /// A detached 64-byte signature over `message`.
        public func signature(for message: [UInt8]) -> [UInt8] {
            .filled(count: signatureLength) { sig, _ in
                message.withPointer { msg, n in
                    expanded.withPointer { sk, _ in _ = crypto_sign_detached(sig, nil, msg, UInt64(n), sk) }
                }
            }
        }
    }
}
