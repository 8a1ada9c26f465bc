import Glibc

/// Whole-file reads and crash-safe whole-file writes, for backups and restores.
enum FileBytes {
    /// The bytes of the file at `path`, or nil when it cannot be read.
    static func read(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let got = chunk.withMutablePointer { p, n in Glibc.read(fd, p, n) }
            if got < 0 && errno == EINTR { continue }
            guard got >= 0 else { return nil }
            if got == 0 { return bytes }
            bytes += chunk[0..<got]
        }
    }

    /// Writes `bytes` to a new file at `path` (mode 0600) through `path.partial`, fsync and rename,
    /// so a crash leaves either nothing or the whole file. Refuses to replace an existing file
    /// unless `replacing` is set.
    static func write(_ bytes: [UInt8], to path: String, replacing: Bool = false) -> Bool {
        if !replacing && access(path, F_OK) == 0 { return false }
        let temporary = path + ".partial"
        unlink(temporary)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return false }
        var offset = 0
        var failed = false
        while offset < bytes.count {
            let written = bytes.withPointer { p, n in Glibc.write(fd, p + offset, n - offset) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { failed = true; break }
            offset += written
        }
        let synced = fsync(fd) == 0
        close(fd)
        guard !failed, synced, rename(temporary, path) == 0 else {
            unlink(temporary)
            return false
        }
        giveToFolderOwner(path)
        syncFolder(of: path)
        return true
    }

    /// When root runs a command in a folder another user owns (the daemon's data directory, its
    /// backup folder), a new file gets that owner: otherwise the daemon could no longer open it.
    static func giveToFolderOwner(_ path: String) {
        guard getuid() == 0 else { return }
        let folder = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        var info = stat()
        guard stat(folder.isEmpty ? "/" : folder, &info) == 0, info.st_uid != 0 else { return }
        _ = chown(path, info.st_uid, info.st_gid)
    }

    /// The size of the file at `path` in bytes, or nil when it does not exist.
    static func size(_ path: String) -> Int64? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int64(info.st_size)
    }

    /// Whether `path` is a folder.
    static func isFolder(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// The names in the folder at `path` (without `.` and `..`).
    static func names(in path: String) -> [String] {
        guard let folder = opendir(path) else { return [] }
        defer { closedir(folder) }
        var names: [String] = []
        while let entry = readdir(folder) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// Makes a rename or a new file in the folder holding `path` survive a power cut.
    static func syncFolder(of path: String) {
        let folder = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        let fd = open(folder.isEmpty ? "/" : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }
}
