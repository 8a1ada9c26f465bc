import CSodium

extension HMACSHA256 {
    /// The 32-byte authentication code of secret `data` under `key`, never copying `data` into an
    /// ordinary (unwiped) array, unlike `authenticate(_:key:)`.
    public static func authenticate(secret data: SecretBytes, key: SecretBytes) -> SecretBytes {
        Sodium.ready()
        var state = crypto_auth_hmacsha256_state()
        key.withPointer { k, n in _ = crypto_auth_hmacsha256_init(&state, k, n) }
        data.withPointer { d, n in _ = crypto_auth_hmacsha256_update(&state, d, UInt64(n)) }
        let mac = SecretBytes(count: outputLength) { out, _ in _ = crypto_auth_hmacsha256_final(&state, out) }
        withUnsafeMutableBytes(of: &state) { raw in
            if let base = raw.baseAddress { sodium_memzero(base, raw.count) }
        }
        return mac
    }
}

extension HKDF {
    /// HKDF-SHA256 (RFC 5869) whose salt is itself secret (a ratchet root key), with the input key
    /// material and salt kept in wiped memory throughout.
    ///
    /// - Warning: `salt` must be the full secret salt; an empty salt here is an empty HMAC key,
    ///   not RFC 5869's string of zeros. Pass 32 zero bytes for that.
    public static func sha256(inputKeyMaterial: SecretBytes, secretSalt salt: SecretBytes, info: [UInt8], length: Int) throws(CryptoError) -> SecretBytes {
        let prk = HMACSHA256.authenticate(secret: inputKeyMaterial, key: salt)
        return try expand(pseudorandomKey: prk, info: info, length: length)
    }
}
