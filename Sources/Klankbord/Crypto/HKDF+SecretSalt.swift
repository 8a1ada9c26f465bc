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
