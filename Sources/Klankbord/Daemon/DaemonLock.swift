import Glibc
import KlankbordSystem

/// The running daemon's mark in its data directory: the file `klankbordd.lock`, held with `flock`
/// while the daemon serves and holding `pid started-at version`.
///
/// The lock, not the pid, decides whether a daemon runs: the kernel drops it when the process ends,
/// even after `kill -9`, so a stale file never blocks a restore. `restore` takes the same lock, so
/// no daemon can start halfway through one.
public final class DaemonLock {
    /// The file's name inside the data directory.
    public static let fileName = "klankbordd.lock"

    /// What the lock file says about the daemon holding it.
    public struct Holder: Sendable, Equatable {
        /// Its process id.
        public let pid: Int32
        /// When it started (Unix seconds).
        public let startedAt: Int64
        /// Its version.
        public let version: String
    }

    private let descriptor: Int32

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    /// Takes the lock of `directory` without waiting; nil when another process holds it.
    public static func acquire(directory: String) -> DaemonLock? {
        let fd = open(directory + "/" + fileName, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return nil }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            return nil
        }
        return DaemonLock(descriptor: fd)
    }

    /// Writes this process's id, start time and version into the held file.
    public func record(startedAt: Int64) {
        let text = "\(getpid()) \(startedAt) \(KlankbordVersion.current)\n"
        _ = ftruncate(descriptor, 0)
        _ = lseek(descriptor, 0, SEEK_SET)
        Terminal.write(text, to: descriptor)
    }

    /// The daemon that holds the lock of `directory` now, or nil when none does.
    public static func holder(directory: String) -> Holder? {
        let fd = open(directory + "/" + fileName, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        if flock(fd, LOCK_SH | LOCK_NB) == 0 {
            flock(fd, LOCK_UN)
            return nil
        }
        var buffer = [UInt8](repeating: 0, count: 128)
        let count = buffer.withMutablePointer { p, n in read(fd, p, n) }
        let words = String(decoding: buffer.prefix(max(count, 0)), as: UTF8.self).split(whereSeparator: \.isWhitespace)
        let pid = words.first.flatMap { Int32($0) } ?? 0
        let started = words.dropFirst().first.flatMap { Int64($0) } ?? 0
        let version = words.dropFirst(2).first.map(String.init) ?? ""
        return Holder(pid: pid, startedAt: started, version: version)
    }
}
