import KlankbordStorage

extension Profile {
    /// The random salt of a passphrase-protected profile; nil when the profile has a key file instead.
    private static func vaultSalt(_ database: Database) -> [UInt8]? {
        (try? database.queryOne("SELECT value FROM settings WHERE key = 'vault_salt'", [], { $0.blob(0) })) ?? nil
    }

    /// Keeps this profile's key in the kernel keyring for `minutes`, so commands need no passphrase until then.
    ///
    /// Returns false when there is nothing to keep (no passphrase) or the kernel refused; throws nothing else.
    public func keepUnlocked(minutes: Int) -> Bool {
        guard let salt = Profile.vaultSalt(database) else { return false }
        return Keyring.store(vault.key, salt: salt, seconds: UInt32(clamping: minutes * 60))
    }

    /// Ends an unlock of the profile at `directory` at once (`klankbord lock`, `panic`); true when one was active.
    @discardableResult
    public static func lock(at directory: String) -> Bool {
        guard exists(at: directory), let database = try? Database(.file(directory + "/client.db"), readOnly: true),
              let salt = vaultSalt(database) else { return false }
        return Keyring.remove(salt: salt)
    }

    /// Whether the profile at `directory` is protected by a passphrase (and so can be unlocked).
    public static func hasPassphrase(at directory: String) -> Bool {
        guard exists(at: directory), let database = try? Database(.file(directory + "/client.db"), readOnly: true) else { return false }
        return vaultSalt(database) != nil
    }
}
