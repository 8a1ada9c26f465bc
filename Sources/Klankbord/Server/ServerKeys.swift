import Glibc
import KlankbordCrypto
import KlankbordSystem

/// The daemon's static keys: the current one, and during a key change (`klankbordd rotate-key`) the previous one,
/// which the handshake still accepts until `previousUntil` (docs/OPERATIONS.md, "Changing the server key").
///
/// Files in the data directory: `server.key` (current), `previous-server.key` (previous, mode 0600) and
/// `key-rotated` (Unix seconds of the change). The transition lasts `key_transition_days` from that moment.
public struct ServerKeys: Sendable {
    /// The key new invites carry and every handshake tries first.
    public let current: X25519.PrivateKey
    /// The key before the last `rotate-key`, while its transition lasts.
    public let previous: X25519.PrivateKey?
    /// Unix seconds from which the previous key is refused.
    public let previousUntil: Int64

    /// Name of the previous key's file, and of the file holding when the key changed.
    public static let previousName = "previous-server.key"
    public static let rotatedName = "key-rotated"

    package init(current: X25519.PrivateKey, previous: X25519.PrivateKey? = nil, previousUntil: Int64 = 0) {
        self.current = current
        self.previous = previous
        self.previousUntil = previousUntil
    }

    /// The previous key if its transition still lasts at `now` (Unix seconds).
    package func previous(at now: Int64) -> X25519.PrivateKey? {
        now < previousUntil ? previous : nil
    }

    /// When the last key change happened, from `key-rotated` in `directory`; nil when there is none.
    public static func rotatedAt(directory: String) -> Int64? {
        guard access(directory + "/" + previousName, F_OK) == 0 else { return nil }
        let fd = open(directory + "/" + rotatedName, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = read(fd, &buffer, buffer.count)
        guard count > 0 else { return nil }
        return Int64(String(decoding: buffer[..<count], as: UTF8.self).trimmingWhitespace)
    }

    /// Loads `current` with the previous key of `directory` while its transition lasts. A previous key whose
    /// transition is over is overwritten and deleted here, so it is refused for good.
    static func load(current: X25519.PrivateKey, directory: String, transitionDays: Int, now: Int64) -> ServerKeys {
        let path = directory + "/" + previousName
        guard let rotated = rotatedAt(directory: directory) else { return ServerKeys(current: current) }
        let until = rotated + Int64(transitionDays) * 86_400
        guard now < until, let secret = try? KeyFile.load(path: path, length: X25519.keyLength),
              let previous = try? X25519.PrivateKey(secret: secret), previous.publicKey != current.publicKey else {
            KeyFile.shred(path: path)
            unlink(directory + "/" + rotatedName)
            return ServerKeys(current: current)
        }
        return ServerKeys(current: current, previous: previous, previousUntil: until)
    }
}
