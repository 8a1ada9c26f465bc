import CSodium

/// HMAC-SHA256 with a key of any length (libsodium `crypto_auth_hmacsha256_*`).
public enum HMACSHA256 {
    public static let outputLength = 32

    /// The 32-byte authentication code of `data` under `key`.
    public static func authenticate(_ data: [UInt8], key: SecretBytes) -> SecretBytes {
        data.withPointer { d, n in authenticate(d, n, key: key) }
    }

    /// The 32-byte authentication code of secret `data` under `key`, never copying `data` into an
    /// ordinary (unwiped) array.
    public static func authenticate(secret data: SecretBytes, key: SecretBytes) -> SecretBytes {
        data.withPointer { d, n in authenticate(d, n, key: key) }
    }

    private static func authenticate(_ data: UnsafePointer<UInt8>, _ count: Int, key: SecretBytes) -> SecretBytes {
        Sodium.ready()
        var state = crypto_auth_hmacsha256_state()
        key.withPointer { k, n in _ = crypto_auth_hmacsha256_init(&state, k, n) }
        _ = crypto_auth_hmacsha256_update(&state, data, UInt64(count))
        let mac = SecretBytes(count: outputLength) { out, _ in _ = crypto_auth_hmacsha256_final(&state, out) }
        withUnsafeMutableBytes(of: &state) { raw in
            if let base = raw.baseAddress { sodium_memzero(base, raw.count) }
        }
        return mac
    }
}

/// HKDF with HMAC-SHA256 (RFC 5869).
public enum HKDF {
    /// Extracts a pseudorandom key from `inputKeyMaterial` and `salt`, then expands it to `length` bytes for `info`.
    public static func sha256(inputKeyMaterial: SecretBytes, salt: [UInt8], info: [UInt8], length: Int) throws(CryptoError) -> SecretBytes {
        let prk = extract(inputKeyMaterial: inputKeyMaterial, salt: salt)
        return try expand(pseudorandomKey: prk, info: info, length: length)
    }

    /// HKDF-Extract: an empty salt means a string of zeros of hash length (RFC 5869, 2.2).
    public static func extract(inputKeyMaterial: SecretBytes, salt: [UInt8]) -> SecretBytes {
        let saltKey = SecretBytes(copying: salt.isEmpty ? [UInt8](repeating: 0, count: HMACSHA256.outputLength) : salt)
        return HMACSHA256.authenticate(secret: inputKeyMaterial, key: saltKey)
    }

    /// HKDF-Expand: at most 255 blocks of output.
    public static func expand(pseudorandomKey: SecretBytes, info: [UInt8], length: Int) throws(CryptoError) -> SecretBytes {
        let blocks = (length + HMACSHA256.outputLength - 1) / HMACSHA256.outputLength
        guard length > 0, blocks <= 255 else { throw .invalidLength(expected: 255 * HMACSHA256.outputLength, actual: length) }
        var output = SecretBytes(count: 0) { _, _ in }
        var previous = SecretBytes(count: 0) { _, _ in }
        for counter in 1...blocks {
            var input = previous.unprotectedBytes + info + [UInt8(counter)]
            previous = HMACSHA256.authenticate(input, key: pseudorandomKey)
            wipe(&input)
            output = output.appending(previous)
        }
        return output.prefix(length)
    }
}
