import CLinux
import Glibc
import KlankbordCrypto

/// The Linux kernel's key retention service (keyrings(7)): where `klankbord unlock` keeps a profile's key.
///
/// The key lives in the kernel, in this user's keyring, never in a file: only this person's processes (and
/// root) can read it, and the kernel destroys it when its timeout runs out. `lock` and `panic` invalidate it
/// at once. Each profile's key is found by a description made from a hash of the profile's random salt, so
/// the description names nothing about the person.
enum Keyring {
    /// The user keyring of the calling user (`KEY_SPEC_USER_KEYRING`).
    private static let userKeyring: Int32 = -4
    /// Possessor and user: everything; group and others: nothing (`KEY_POS_ALL | KEY_USR_ALL`).
    private static let ownerOnly: UInt32 = 0x3f3f_0000

    /// Keeps `key` for `seconds`; false when the kernel refused (for example a container without keyrings).
    static func store(_ key: SecretBytes, salt: [UInt8], seconds: UInt32) -> Bool {
        let serial = key.withPointer { pointer, count in kb_add_user_key(description(salt), pointer, count, userKeyring) }
        guard serial > 0 else { return false }
        guard kb_set_key_permissions(serial, ownerOnly) == 0, kb_set_key_timeout(serial, max(seconds, 1)) == 0 else {
            _ = kb_invalidate_key(serial)
            return false
        }
        return true
    }

    /// The key kept for the profile with `salt`, while it is there.
    static func load(salt: [UInt8]) -> SecretBytes? {
        let serial = kb_search_user_key(userKeyring, description(salt))
        guard serial > 0 else { return nil }
        var buffer = [UInt8](repeating: 0, count: 64)
        defer { wipe(&buffer) }
        let length = buffer.withMutablePointer { pointer, count in kb_read_key(serial, pointer, count) }
        guard length > 0, length <= buffer.count else { return nil }
        return SecretBytes(copying: Array(buffer[0..<length]))
    }

    /// Forgets the key of the profile with `salt` at once; true when there was one.
    @discardableResult
    static func remove(salt: [UInt8]) -> Bool {
        let serial = kb_search_user_key(userKeyring, description(salt))
        guard serial > 0 else { return false }
        return kb_invalidate_key(serial) == 0
    }

    private static func description(_ salt: [UInt8]) -> String {
        "klankbord:" + Base64URL.encode(BLAKE2b.hash(salt, length: 16))
    }
}
