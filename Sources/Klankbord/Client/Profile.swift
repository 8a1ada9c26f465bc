import Glibc
import KlankbordCrypto
import KlankbordProtocol
import KlankbordStorage
import KlankbordSystem

/// The local profile of one person on one device: the device key, the server it belongs to, and the
/// local database of rooms, keys, sessions and message history.
///
/// Layout of the profile folder (mode 0700): `client.db` (SQLite; secret columns sealed by the vault)
/// and, when no passphrase protects the profile, `store.key` (0600) with the vault key.
public final class Profile {
    public let directory: String
    let database: Database
    let vault: Vault

    /// Why a profile could not be opened or created.
    public enum Failure: Error, Equatable, Sendable {
        case missing
        case alreadyExists
        case unusable
        /// The profile has a passphrase and none was given.
        case passphraseNeeded
        case wrongPassphrase
    }

    /// What the profile remembers about the account.
    public struct Account: Sendable, Equatable {
        public var server: ServerAddress
        public var serverKey: X25519.PublicKey
        public var id: UInt64
        public var handle: String
        public var role: Role

        package init(server: ServerAddress, serverKey: X25519.PublicKey, id: UInt64, handle: String, role: Role) {
            self.server = server
            self.serverKey = serverKey
            self.id = id
            self.handle = handle
            self.role = role
        }
    }

    var databasePath: String { directory + "/client.db" }
    var storeKeyPath: String { directory + "/store.key" }

    /// The default folder: `$XDG_DATA_HOME/klankbord`, else `~/.local/share/klankbord`.
    public static func defaultDirectory(environment: [String: String]) -> String {
        if let data = environment["XDG_DATA_HOME"], !data.isEmpty { return data + "/klankbord" }
        return (environment["HOME"] ?? ".") + "/.local/share/klankbord"
    }

    public static func exists(at directory: String) -> Bool {
        access(directory + "/client.db", F_OK) == 0
    }

    /// Opens an existing profile; `passphrase` is asked for only when the profile has one.
    public init(openingAt directory: String, passphrase: () -> SecretBytes?) throws(Failure) {
        guard Profile.exists(at: directory) else { throw .missing }
        self.directory = directory
        do {
            database = try Profile.openDatabase(directory)
        } catch {
            throw .unusable
        }
        vault = try Profile.unlock(database, directory: directory, passphrase: passphrase)
        try moveLegacyIdentities()
        try moveLegacyRows()
    }

    /// Opens and migrates `client.db` with deleted content overwritten (`secure_delete`), so a deleted key or
    /// message does not linger in free pages, and with a rollback journal instead of a write-ahead log: a WAL
    /// keeps earlier versions of pages (a ratcheted-away key, a deleted room) until a checkpoint, and a client
    /// stopped with Ctrl-C never reaches one. Migration times are cleared: they would date the profile's use.
    /// (docs/DECISIONS.md, "Client store", has the measurements.)
    private static func openDatabase(_ directory: String) throws(StorageError) -> Database {
        let database = try Database(.file(directory + "/client.db"), journal: .rollback)
        try database.execute("PRAGMA secure_delete = ON")
        try database.migrate(Profile.schema)
        try database.run("UPDATE schema_migrations SET applied_at = NULL WHERE applied_at IS NOT NULL")
        return database
    }

    /// Creates the folder, the vault, a new device key and an empty database.
    public static func create(at directory: String, passphrase: SecretBytes?) throws(Failure) -> Profile {
        guard !exists(at: directory) else { throw .alreadyExists }
        guard makeDirectories(directory) else { throw .unusable }
        do {
            let database = try openDatabase(directory)
            if let passphrase {
                let salt = Random.bytes(Argon2id.saltLength)
                let vault = try Vault.derive(passphrase: passphrase, salt: salt)
                try database.run("INSERT INTO settings(key, value) VALUES ('vault_salt', ?), ('vault_check', ?)",
                                 [.blob(salt), .blob(vault.seal(Vault.checkText, "vault"))])
            } else {
                try KeyFile.write(SecretBytes(randomCount: 32), to: directory + "/store.key")
            }
        } catch {
            throw .unusable
        }
        let profile = try Profile(openingAt: directory) { passphrase }
        var device = X25519.PrivateKey().secret.unprotectedBytes
        defer { wipe(&device) }
        try profile.setSecret("device", device)
        return profile
    }

    private static func unlock(_ database: Database, directory: String, passphrase: () -> SecretBytes?) throws(Failure) -> Vault {
        if access(directory + "/store.key", F_OK) == 0 {
            do {
                return Vault(key: try KeyFile.load(path: directory + "/store.key", length: 32))
            } catch {
                throw .unusable
            }
        }
        guard let salt = try? database.queryOne("SELECT value FROM settings WHERE key = 'vault_salt'", [], { $0.blob(0) }),
              let check = try? database.queryOne("SELECT value FROM settings WHERE key = 'vault_check'", [], { $0.blob(0) }) else {
            throw .unusable
        }
        // After `klankbord unlock`, the kernel keyring holds the key until the time runs out.
        if let kept = Keyring.load(salt: salt), (try? Vault(key: kept).open(check, "vault")) == Vault.checkText { return Vault(key: kept) }
        guard let secret = passphrase() else { throw .passphraseNeeded }
        let vault = try Vault.derive(passphrase: secret, salt: salt)
        guard (try? vault.open(check, "vault")) == Vault.checkText else { throw .wrongPassphrase }
        return vault
    }

    private static func makeDirectories(_ path: String) -> Bool {
        var partial = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            partial += "/" + component
            if mkdir(partial, 0o700) != 0 && errno != EEXIST { return false }
        }
        return true
    }

    /// The device's Noise static key (its login).
    public func deviceKey() throws(Failure) -> X25519.PrivateKey {
        guard let bytes = try secret("device") else { throw .unusable }
        do {
            return try X25519.PrivateKey(secret: SecretBytes(copying: bytes))
        } catch {
            throw .unusable
        }
    }

    /// Overwrites the key file and the database files, then removes the folder.
    public func destroy() {
        for name in ["store.key", "client.db", "client.db-journal", "client.db-wal", "client.db-shm"] { KeyFile.shred(path: directory + "/" + name) }
        rmdir(directory)
    }
}
