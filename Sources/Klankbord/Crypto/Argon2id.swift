import CSodium

/// Argon2id password hashing (libsodium `crypto_pwhash`), for keys derived from a passphrase.
public enum Argon2id {
    public static let saltLength = Int(crypto_pwhash_SALTBYTES)

    /// Cost settings; `interactive` costs about 80 ms on the reference machine.
    public struct Cost: Sendable, Equatable {
        public let operations: UInt64
        public let memoryBytes: Int
        public static let interactive = Cost(operations: UInt64(crypto_pwhash_OPSLIMIT_INTERACTIVE), memoryBytes: Int(crypto_pwhash_MEMLIMIT_INTERACTIVE))
        public static let moderate = Cost(operations: UInt64(crypto_pwhash_OPSLIMIT_MODERATE), memoryBytes: Int(crypto_pwhash_MEMLIMIT_MODERATE))
        public init(operations: UInt64, memoryBytes: Int) {
            self.operations = operations
            self.memoryBytes = memoryBytes
        }
    }

    /// A `length`-byte key from `passphrase` and a 16-byte `salt`.
    public static func deriveKey(passphrase: SecretBytes, salt: [UInt8], length: Int = 32, cost: Cost = .interactive) throws(CryptoError) -> SecretBytes {
        try requireLength(salt, saltLength)
        Sodium.ready()
        var status: Int32 = 0
        let key = SecretBytes(count: length) { out, n in
            passphrase.withPointer { p, plen in
                salt.withPointer { s, _ in
                    let chars = UnsafeRawPointer(p).assumingMemoryBound(to: CChar.self)
                    status = crypto_pwhash(out, UInt64(n), chars, UInt64(plen), s,
                                           cost.operations, cost.memoryBytes, crypto_pwhash_ALG_ARGON2ID13)
                }
            }
        }
        guard status == 0 else { throw .keyDerivationFailed }
        return key
    }
}
