import KlankbordCrypto

/// The key that seals the secret columns of the local database (XChaCha20-Poly1305).
///
/// It comes either from a passphrase (Argon2id, salt kept in the database) or, when the person
/// chose none, from a random key in `store.key`, a file only its owner may read. Every sealed value
/// carries associated data naming where it belongs, so a value moved to another row does not open.
struct Vault {
    static let checkText = Array("klankbord vault".utf8)
    let key: SecretBytes
    /// The subkey of `key` that tags are made with (`tag(_:_:)`), derived once: a command over a big room makes
    /// hundreds of tags.
    let tagKey: SecretBytes

    init(key: SecretBytes) {
        self.key = key
        var vaultKey = key.unprotectedBytes
        // The vault key is never used as a tag key directly: a subkey keeps the two uses apart.
        var subkey = BLAKE2b.hash(Array("klankbord/vault-tag-key/1".utf8), length: 32, key: vaultKey)
        tagKey = SecretBytes(copying: subkey)
        wipe(&vaultKey)
        wipe(&subkey)
    }

    /// Seals `plaintext` for the place `context` (for example "message/12/40").
    func seal(_ plaintext: [UInt8], _ context: String) -> [UInt8] {
        // Cannot fail: the key is 32 bytes and the nonce is made here.
        (try? AEAD.xChaCha20Poly1305.sealWithRandomNonce(plaintext, key: key, associatedData: Array(context.utf8))) ?? []
    }

    /// Opens a value sealed for `context`.
    func open(_ box: [UInt8], _ context: String) throws(Profile.Failure) -> [UInt8] {
        do {
            return try AEAD.xChaCha20Poly1305.openWithPrefixedNonce(box, key: key, associatedData: Array(context.utf8))
        } catch {
            throw .unusable
        }
    }

    /// A key from `passphrase` and `salt`.
    static func derive(passphrase: SecretBytes, salt: [UInt8]) throws(Profile.Failure) -> Vault {
        do {
            return Vault(key: try Argon2id.deriveKey(passphrase: passphrase, salt: salt))
        } catch {
            throw .unusable
        }
    }
}
