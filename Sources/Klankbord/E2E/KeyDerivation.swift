import KlankbordCrypto

/// The key derivation steps the Double Ratchet and the sender key chains share, all built on
/// libsodium's HMAC-SHA256 (directly and through HKDF).
///
/// - Warning: A message key must encrypt exactly one message: the AEAD nonce is derived from it,
///   so reusing a message key reuses a nonce.
enum KeyDerivation {
    static let chainKeyLength = 32
    static let rootInfo = Array("klankbord/ratchet/1".utf8)
    static let ratchetMessageInfo = Array("klankbord/ratchet-message/1".utf8)
    static let senderKeyMessageInfo = Array("klankbord/sender-key-message/1".utf8)
    /// RFC 5869's default salt for SHA-256: 32 zero bytes.
    static let zeroSalt = SecretBytes(count: 32) { _, _ in }

    /// KDF_RK: HKDF-SHA256 with the root key as salt and the DH output as input key material,
    /// 64 bytes split into (new root key, new chain key).
    static func rootStep(rootKey: SecretBytes, dhOutput: SecretBytes) throws(E2EError) -> (rootKey: SecretBytes, chainKey: SecretBytes) {
        let output = try crypto { () throws(CryptoError) in
            try HKDF.sha256(inputKeyMaterial: dhOutput, secretSalt: rootKey, info: rootInfo, length: 64)
        }
        return (output.prefix(32), output.suffix(from: 32))
    }

    /// KDF_CK: message key = HMAC-SHA256(ck, 0x01), next chain key = HMAC-SHA256(ck, 0x02).
    static func chainStep(_ chainKey: SecretBytes) -> (messageKey: SecretBytes, nextChainKey: SecretBytes) {
        (HMACSHA256.authenticate([0x01], key: chainKey), HMACSHA256.authenticate([0x02], key: chainKey))
    }

    /// Expands a message key into an XChaCha20-Poly1305 key (32 bytes) and nonce (24 bytes) with
    /// HKDF-SHA256 (salt 32 zero bytes, `info` naming the use).
    static func messageCipherKeys(_ messageKey: SecretBytes, info: [UInt8]) throws(E2EError) -> (key: SecretBytes, nonce: [UInt8]) {
        let length = AEAD.keyLength + AEAD.xChaCha20Poly1305.nonceLength
        let output = try crypto { () throws(CryptoError) in
            try HKDF.sha256(inputKeyMaterial: messageKey, secretSalt: zeroSalt, info: info, length: length)
        }
        return (output.prefix(AEAD.keyLength), output.suffix(from: AEAD.keyLength).unprotectedBytes)
    }

    /// Seals `plaintext` under a message key (key and nonce expanded from it).
    static func seal(_ plaintext: [UInt8], messageKey: SecretBytes, info: [UInt8], associatedData: [UInt8]) throws(E2EError) -> [UInt8] {
        let (key, nonce) = try messageCipherKeys(messageKey, info: info)
        return try crypto { () throws(CryptoError) in
            try AEAD.xChaCha20Poly1305.seal(plaintext, key: key, nonce: nonce, associatedData: associatedData)
        }
    }

    /// Opens a ciphertext sealed by `seal`; any failure is `decryptionFailed`.
    static func open(_ ciphertext: [UInt8], messageKey: SecretBytes, info: [UInt8], associatedData: [UInt8]) throws(E2EError) -> [UInt8] {
        let (key, nonce) = try messageCipherKeys(messageKey, info: info)
        do {
            return try AEAD.xChaCha20Poly1305.open(ciphertext, key: key, nonce: nonce, associatedData: associatedData)
        } catch {
            throw .decryptionFailed
        }
    }
}
