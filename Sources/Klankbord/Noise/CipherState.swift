import CSodium
import KlankbordCrypto

extension Noise {
    /// A CipherState (spec section 5.1): a ChaChaPoly key `k` and a 64-bit nonce counter `n`.
    ///
    /// Without a key, encryption and decryption pass the bytes through unchanged, as the spec says
    /// for the start of a handshake.
    ///
    /// - Warning: A copy of a keyed cipher state shares its key but counts nonces on its own;
    ///   encrypting with both copies reuses nonces. Keep exactly one live copy per direction.
    struct CipherState: Sendable {
        /// The nonce 2^64 - 1 is reserved for `rekey` and never used for a message (spec 5.1).
        static let reservedNonce = UInt64.max

        private(set) var key: SecretBytes?
        private(set) var nonce: UInt64 = 0

        /// InitializeKey(key): a fresh cipher state under `key` (nil means "no key yet").
        init(key: SecretBytes? = nil) {
            self.key = key
        }

        /// HasKey().
        var hasKey: Bool { key != nil }

        /// SetNonce(nonce), for tests and for protocols that carry explicit nonces.
        mutating func setNonce(_ nonce: UInt64) {
            self.nonce = nonce
        }

        /// EncryptWithAd(ad, plaintext): the ciphertext and tag, then the nonce moves on.
        mutating func encrypt(associatedData: [UInt8], plaintext: [UInt8]) throws(NoiseError) -> [UInt8] {
            guard let key else { return plaintext }
            guard nonce != Self.reservedNonce else { throw .nonceExhausted }
            let count = plaintext.count + Noise.tagLength
            let nonce = self.nonce
            let ciphertext = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
                plaintext.withUnsafeBytes { message in
                    associatedData.withUnsafeBytes { ad in
                        if let out = buffer.baseAddress { Self.seal(key: key, nonce: nonce, associatedData: ad, plaintext: message, into: out) }
                    }
                }
                initialized = count
            }
            self.nonce += 1
            return ciphertext
        }

        /// DecryptWithAd(ad, ciphertext): the plaintext; on failure the nonce stays where it was.
        mutating func decrypt(associatedData: [UInt8], ciphertext: [UInt8]) throws(NoiseError) -> [UInt8] {
            guard let key else { return ciphertext }
            guard nonce != Self.reservedNonce else { throw .nonceExhausted }
            guard ciphertext.count >= Noise.tagLength else { throw .decryptFailed }
            let count = ciphertext.count - Noise.tagLength
            var status: Int32 = -1
            let plaintext = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
                status = ciphertext.withUnsafeBytes { sealed in
                    associatedData.withUnsafeBytes { ad in
                        Self.open(key: key, nonce: nonce, associatedData: ad, ciphertext: sealed, into: buffer.baseAddress)
                    }
                }
                // libsodium writes nothing when the tag does not verify: hand back zeros then.
                if status != 0, let base = buffer.baseAddress { base.initialize(repeating: 0, count: count) }
                initialized = count
            }
            guard status == 0 else { throw .decryptFailed }
            nonce += 1
            return plaintext
        }

        /// Rekey(): k = the first 32 bytes of ENCRYPT(k, 2^64 - 1, empty, 32 zero bytes) (spec 4.2, 11.3).
        /// The nonce counter is left alone.
        mutating func rekey() {
            guard let key else { return }
            let zeros = [UInt8](repeating: 0, count: AEAD.keyLength)
            let sealed = SecretBytes(count: AEAD.keyLength + Noise.tagLength) { out, _ in
                zeros.withUnsafeBytes { message in
                    Self.seal(key: key, nonce: Self.reservedNonce, associatedData: UnsafeRawBufferPointer(start: nil, count: 0),
                              plaintext: message, into: out)
                }
            }
            self.key = sealed.prefix(AEAD.keyLength)
        }
    }
}
