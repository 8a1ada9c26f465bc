import CSodium

/// An AEAD construction from libsodium: 32-byte key, 16-byte tag, and a nonce length of its own.
///
/// - Warning: A nonce must never repeat under one key. Noise counts nonces; XChaCha20's 24-byte
///   nonce is long enough to pick at random.
public struct AEAD: Sendable {
    public static let keyLength = 32
    public static let tagLength = 16

    /// ChaCha20-Poly1305, IETF variant: 12-byte nonce (Noise's cipher).
    public static let chaCha20Poly1305 = AEAD(
        nonceLength: 12,
        encrypt: { crypto_aead_chacha20poly1305_ietf_encrypt($0, nil, $1, $2, $3, $4, nil, $5, $6) },
        decrypt: { crypto_aead_chacha20poly1305_ietf_decrypt($0, nil, nil, $1, $2, $3, $4, $5, $6) })

    /// XChaCha20-Poly1305, IETF variant: 24-byte nonce (end-to-end payloads, the local store).
    public static let xChaCha20Poly1305 = AEAD(
        nonceLength: 24,
        encrypt: { crypto_aead_xchacha20poly1305_ietf_encrypt($0, nil, $1, $2, $3, $4, nil, $5, $6) },
        decrypt: { crypto_aead_xchacha20poly1305_ietf_decrypt($0, nil, nil, $1, $2, $3, $4, $5, $6) })

    /// (out, message, messageLength, ad, adLength, nonce, key) -> status, in libsodium's argument order.
    typealias Primitive = @Sendable (UnsafeMutablePointer<UInt8>, UnsafePointer<UInt8>, UInt64, UnsafePointer<UInt8>, UInt64, UnsafePointer<UInt8>, UnsafePointer<UInt8>) -> Int32

    public let nonceLength: Int
    private let encrypt: Primitive
    private let decrypt: Primitive

    private init(nonceLength: Int, encrypt: @escaping Primitive, decrypt: @escaping Primitive) {
        self.nonceLength = nonceLength
        self.encrypt = encrypt
        self.decrypt = decrypt
    }

    /// Encrypts `plaintext` and authenticates it with `associatedData`; returns ciphertext followed by the tag.
    public func seal(_ plaintext: [UInt8], key: SecretBytes, nonce: [UInt8], associatedData: [UInt8] = []) throws(CryptoError) -> [UInt8] {
        try requireLength(key, Self.keyLength)
        try requireLength(nonce, nonceLength)
        Sodium.ready()
        return .filled(count: plaintext.count + Self.tagLength) { out, _ in
            _ = run(encrypt, out, plaintext, associatedData, nonce, key)
        }
    }

    /// Checks and decrypts `ciphertext` (with its tag); throws `authenticationFailed` on any mismatch.
    public func open(_ ciphertext: [UInt8], key: SecretBytes, nonce: [UInt8], associatedData: [UInt8] = []) throws(CryptoError) -> [UInt8] {
        try requireLength(key, Self.keyLength)
        try requireLength(nonce, nonceLength)
        guard ciphertext.count >= Self.tagLength else { throw .authenticationFailed }
        Sodium.ready()
        var status: Int32 = 0
        let plaintext = [UInt8].filled(count: ciphertext.count - Self.tagLength) { out, _ in
            status = run(decrypt, out, ciphertext, associatedData, nonce, key)
        }
        guard status == 0 else { throw .authenticationFailed }
        return plaintext
    }

    /// Seals under a fresh random nonce and returns `nonce || ciphertext || tag`.
    public func sealWithRandomNonce(_ plaintext: [UInt8], key: SecretBytes, associatedData: [UInt8] = []) throws(CryptoError) -> [UInt8] {
        let nonce = Random.bytes(nonceLength)
        return try nonce + seal(plaintext, key: key, nonce: nonce, associatedData: associatedData)
    }

    /// Opens a box made by `sealWithRandomNonce`.
    public func openWithPrefixedNonce(_ box: [UInt8], key: SecretBytes, associatedData: [UInt8] = []) throws(CryptoError) -> [UInt8] {
        guard box.count >= nonceLength + Self.tagLength else { throw .authenticationFailed }
        return try open(Array(box[nonceLength...]), key: key, nonce: Array(box[..<nonceLength]), associatedData: associatedData)
    }

    private func run(_ primitive: Primitive, _ out: UnsafeMutablePointer<UInt8>, _ input: [UInt8], _ ad: [UInt8], _ nonce: [UInt8], _ key: SecretBytes) -> Int32 {
        input.withPointer { m, mlen in
            ad.withPointer { a, alen in
                nonce.withPointer { n, _ in
                    key.withPointer { k, _ in primitive(out, m, UInt64(mlen), a, UInt64(alen), n, k) }
                }
            }
        }
    }
}
