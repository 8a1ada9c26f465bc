import Glibc
import KlankbordCrypto

/// A secret key kept in a file readable only by its owner (mode 0600).
package enum KeyFile {
    package enum Failure: Error, Equatable {
        case unreadable(path: String)
        case damaged(path: String)
        case unwritable(path: String)
    }

    /// Reads the key at `path`, or creates a new random one there if the file does not exist.
    package static func loadOrCreate(path: String, length: Int) throws(Failure) -> SecretBytes {
        if access(path, F_OK) == 0 { return try load(path: path, length: length) }
        let key = SecretBytes(randomCount: length)
        try write(key, to: path)
        return key
    }

    package static func load(path: String, length: Int) throws(Failure) -> SecretBytes {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .unreadable(path: path) }
        defer { close(fd) }
        var count = 0
        let key = SecretBytes(count: length) { out, n in
            while count < n {
                let got = read(fd, out + count, n - count)
                if got < 0 && errno == EINTR { continue }
                guard got > 0 else { break }
                count += got
            }
        }
        var extra: UInt8 = 0
        guard count == length, read(fd, &extra, 1) == 0 else { throw .damaged(path: path) }
        return key
    }

    /// Writes `key` to a new file at `path` with mode 0600, through a temporary file and rename.
    package static func write(_ key: SecretBytes, to path: String) throws(Failure) {
        let temporary = path + ".new"
        unlink(temporary)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .unwritable(path: path) }
        let written = key.withPointer { p, n in Glibc.write(fd, p, n) }
        let synced = fsync(fd) == 0
        close(fd)
        guard written == key.count, synced, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw .unwritable(path: path)
        }
    }

    /// Overwrites the file's bytes with zeros, syncs, and removes it (for `panic`).
    package static func shred(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return }
        let fd = open(path, O_WRONLY | O_CLOEXEC)
        if fd >= 0 {
            let zeros = [UInt8](repeating: 0, count: max(Int(info.st_size), 1))
            _ = zeros.withPointer { p, n in Glibc.write(fd, p, n) }
            fsync(fd)
            close(fd)
        }
        unlink(path)
    }
}
