import KlankbordCrypto

extension Vault {
    /// A keyed stand-in for an identifier in an index column of the local database.
    ///
    /// The social graph (which accounts, which rooms) must not be readable from a seized device without the
    /// passphrase, yet rows still need a key to look them up by. The tag is BLAKE2b-256 keyed with a
    /// subkey of the vault key, over `label` (which table or kind of id) and the big-endian value: stable
    /// for lookups, meaningless without the key, and different per label so equal ids do not link tables.
    func tag(_ label: String, _ value: UInt64) -> [UInt8] {
        var message = Array("klankbord/vault-tag/1/\(label)/".utf8)
        withUnsafeBytes(of: value.bigEndian) { message.append(contentsOf: $0) }
        var subkey = tagKey.unprotectedBytes
        defer { wipe(&subkey) }
        return BLAKE2b.hash(message, length: 32, key: subkey)
    }
}
