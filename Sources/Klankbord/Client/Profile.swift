import Glibc

/// The local profile of one person on one device: the device key, the server it belongs to, and the
/// local database of rooms, read positions and message history.
///
/// Layout of the profile folder (mode 0700): `device.key` (0600, the Noise static key that is this
/// device's login) and `client.db` (SQLite).
public final class Profile {
    public let directory: String
    let database: Database

    /// Why a profile could not be opened or created.
    public enum Failure: Error, Equatable, Sendable {
        case missing
        case alreadyExists
        case unusable
    }

    /// What the profile remembers about the account.
    public struct Account: Sendable, Equatable {
        public var server: ServerAddress
        public var serverKey: X25519.PublicKey
        public var id: UInt64
        public var handle: String
        public var role: Role
    }

    static let schema: [Migration] = [
        Migration(name: "001-profile", sql: """
            CREATE TABLE settings(key TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID;
            CREATE TABLE rooms(id INTEGER PRIMARY KEY, kind INTEGER NOT NULL, name TEXT NOT NULL, read_seq INTEGER NOT NULL DEFAULT 0);
            CREATE TABLE messages(
                room INTEGER NOT NULL, seq INTEGER NOT NULL, sender TEXT NOT NULL, time INTEGER NOT NULL, body BLOB NOT NULL,
                PRIMARY KEY(room, seq)
            ) WITHOUT ROWID;
            """),
    ]

    /// The default folder: `$XDG_DATA_HOME/klankbord`, else `~/.local/share/klankbord`.
    public static func defaultDirectory(environment: [String: String]) -> String {
        if let data = environment["XDG_DATA_HOME"], !data.isEmpty { return data + "/klankbord" }
        return (environment["HOME"] ?? ".") + "/.local/share/klankbord"
    }

    public static func exists(at directory: String) -> Bool {
        access(directory + "/device.key", F_OK) == 0
    }

    /// Opens an existing profile.
    public init(openingAt directory: String) throws(Failure) {
        guard Profile.exists(at: directory) else { throw .missing }
        self.directory = directory
        do {
            database = try Database(.file(directory + "/client.db"))
            try database.migrate(Profile.schema)
        } catch {
            throw .unusable
        }
    }

    /// Creates the folder, a new device key and an empty database.
    public static func create(at directory: String) throws(Failure) -> Profile {
        guard !exists(at: directory) else { throw .alreadyExists }
        if !makeDirectories(directory) { throw .unusable }
        do {
            try KeyFile.write(X25519.PrivateKey().secret, to: directory + "/device.key")
        } catch {
            throw .unusable
        }
        return try Profile(openingAt: directory)
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
        do {
            return try X25519.PrivateKey(secret: KeyFile.load(path: directory + "/device.key", length: X25519.keyLength))
        } catch {
            throw .unusable
        }
    }

    /// Overwrites the key file and the database files, then removes the folder.
    public func destroy() {
        for name in ["device.key", "client.db", "client.db-wal", "client.db-shm"] { KeyFile.shred(path: directory + "/" + name) }
        rmdir(directory)
    }
}
