import Glibc

/// Reads a file from the start in pieces of a given length (a backup being opened).
final class FileReader {
    private let descriptor: Int32
    /// The file's length in bytes when it was opened.
    let length: Int

    /// Opens `path` for reading; nil when it cannot be read.
    init?(path: String) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            return nil
        }
        descriptor = fd
        length = Int(info.st_size)
    }

    deinit {
        close(descriptor)
    }

    /// The next `count` bytes, or nil when the file ends before them or a read fails.
    func read(_ count: Int) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let got = bytes.withMutablePointer { p, n in Glibc.read(descriptor, p + done, n - done) }
            if got < 0 && errno == EINTR { continue }
            guard got > 0 else { return nil }
            done += got
        }
        return bytes
    }
}

/// Writes a new file through `path.partial`: `commit` syncs and renames it into place, so a crash or
/// a failure leaves either nothing or the whole file; dropped without `commit`, the partial file goes.
final class FileWriter {
    private let descriptor: Int32
    private let path: String
    private let temporary: String
    private var committed = false

    /// Creates `path.partial` (mode 0600); nil when `path` exists already or the folder is not writable.
    init?(path: String) {
        guard access(path, F_OK) != 0 else { return nil }
        let temporary = path + ".partial"
        unlink(temporary)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return nil }
        descriptor = fd
        self.path = path
        self.temporary = temporary
    }

    deinit {
        if !committed {
            close(descriptor)
            unlink(temporary)
        }
    }

    /// Appends `bytes`; false when the disk refused them.
    func write(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(descriptor, base + offset, bytes.count - offset)
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return false }
            offset += written
        }
        return true
    }

    /// Appends `bytes`; false when the disk refused them.
    func write(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { write($0) }
    }

    /// Syncs, closes and renames the file into place; false when any step failed (the partial file is removed).
    func commit() -> Bool {
        let synced = fsync(descriptor) == 0
        let closed = close(descriptor) == 0
        committed = true
        guard synced, closed, rename(temporary, path) == 0 else {
            unlink(temporary)
            return false
        }
        FileBytes.giveToFolderOwner(path)
        FileBytes.syncFolder(of: path)
        return true
    }
}
