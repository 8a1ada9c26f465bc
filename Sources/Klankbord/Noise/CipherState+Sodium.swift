import CSodium
import KlankbordCrypto

extension Noise.CipherState {
    /// Writes `plaintext.count + 16` bytes of ciphertext and tag to `out` under `key` and `nonce`.
    ///
    /// `out` must not overlap `associatedData`; it may equal `plaintext` (libsodium encrypts in place).
    static func seal(key: SecretBytes, nonce: UInt64, associatedData: UnsafeRawBufferPointer,
                     plaintext: UnsafeRawBufferPointer, into out: UnsafeMutablePointer<UInt8>) {
        Sodium.ready()
        withNonce(nonce) { npub in
            key.withPointer { k, _ in
                _ = crypto_aead_chacha20poly1305_ietf_encrypt(
                    out, nil,
                    plaintext.baseAddress?.assumingMemoryBound(to: UInt8.self), UInt64(plaintext.count),
                    associatedData.baseAddress?.assumingMemoryBound(to: UInt8.self), UInt64(associatedData.count),
                    nil, npub, k)
            }
        }
    }

    /// Checks and decrypts `ciphertext` (at least 16 bytes) into `out`; 0 when it authenticates.
    static func open(key: SecretBytes, nonce: UInt64, associatedData: UnsafeRawBufferPointer,
                     ciphertext: UnsafeRawBufferPointer, into out: UnsafeMutablePointer<UInt8>?) -> Int32 {
        guard let sealed = ciphertext.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return -1 }
        Sodium.ready()
        return withNonce(nonce) { npub in
            key.withPointer { k, _ in
                crypto_aead_chacha20poly1305_ietf_decrypt(
                    out, nil, nil,
                    sealed, UInt64(ciphertext.count),
                    associatedData.baseAddress?.assumingMemoryBound(to: UInt8.self), UInt64(associatedData.count),
                    npub, k)
            }
        }
    }

    /// Lends ChaChaPoly's 12-byte nonce for counter `n`: four zero bytes, then `n` little-endian (spec 12.3).
    private static func withNonce<Result>(_ n: UInt64, _ body: (UnsafePointer<UInt8>) -> Result) -> Result {
        // A homogeneous tuple is laid out contiguously, so this is 12 bytes on the stack, no allocation.
        var words: (UInt32, UInt32, UInt32) = (0, UInt32(truncatingIfNeeded: n).littleEndian, UInt32(truncatingIfNeeded: n >> 32).littleEndian)
        return withUnsafePointer(to: &words) { tuple in
            tuple.withMemoryRebound(to: UInt8.self, capacity: 12) { body($0) }
        }
    }
}

extension Noise.CipherState {
    /// EncryptWithAd(empty, plaintext) appended to `output` behind its 2-byte big-endian length.
    /// The caller has checked that the message fits in `Noise.maxMessageLength`.
    mutating func encryptFrame(_ plaintext: UnsafeRawBufferPointer, appendingTo output: inout [UInt8]) throws(NoiseError) {
        guard let key else { throw .wrongState }
        guard nonce != Self.reservedNonce else { throw .nonceExhausted }
        let length = plaintext.count + Noise.tagLength
        let start = output.count + Noise.lengthPrefixLength
        Noise.appendLengthPrefix(length, to: &output)
        output.append(contentsOf: repeatElement(0, count: length))
        let nonce = self.nonce
        output.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            Self.seal(key: key, nonce: nonce, associatedData: UnsafeRawBufferPointer(start: nil, count: 0),
                      plaintext: plaintext, into: base + start)
        }
        setNonce(nonce + 1)
    }
}
