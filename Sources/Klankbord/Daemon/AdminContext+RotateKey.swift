import Glibc
import KlankbordCrypto
import KlankbordServer
import KlankbordSystem

extension AdminContext {
    /// `klankbordd rotate-key`: makes a new static key. The old one becomes the previous key, which the daemon
    /// still accepts for `key_transition_days` (devices that connect in that time learn the new key and pin it);
    /// new invite codes carry the new key. Refused while the daemon runs, and while an earlier change still lasts.
    func rotateKey() -> Int32 {
        guard let old = try? KeyFile.load(path: keyPath, length: X25519.keyLength) else {
            terminal.problem(t("daemon.rotate_key.no_key", ["folder": folder]))
            return 1
        }
        // The daemon lock is held until the end, so no daemon starts with half-changed keys.
        return whileNoDaemonRuns { () -> Int32 in
            let now = wallClockSeconds()
            let previousPath = folder + "/" + ServerKeys.previousName, rotatedPath = folder + "/" + ServerKeys.rotatedName
            // A previous key equal to the current one is a change stopped halfway: nothing is under way.
            let halfDone = (try? KeyFile.load(path: previousPath, length: X25519.keyLength)) == old
            if let until = transitionUntil(), now < until, !halfDone {
                terminal.problem(t("daemon.rotate_key.in_transition", ["until": when(until)]))
                return 1
            }
            // The old key is kept as the previous one before the new one replaces it: stopped halfway, the daemon
            // still has its key (and a previous key equal to it means nothing).
            guard (try? KeyFile.write(old, to: previousPath)) != nil,
                  FileBytes.write(Array("\(now)\n".utf8), to: rotatedPath, replacing: true),
                  (try? KeyFile.write(SecretBytes(randomCount: X25519.keyLength), to: keyPath)) != nil else {
                terminal.problem(t("daemon.rotate_key.cannot_write", ["folder": folder]))
                return 1
            }
            for path in [previousPath, rotatedPath, keyPath] { FileBytes.giveToFolderOwner(path) }
            FileBytes.syncFolder(of: keyPath)
            terminal.line(t("daemon.rotate_key.done", ["until": when(now + Int64(config.keyTransitionDays) * 86_400)]))
            return 0
        }
    }

    /// Until when the previous key is accepted, when a key change happened.
    func transitionUntil() -> Int64? {
        ServerKeys.rotatedAt(directory: folder).map { $0 + Int64(config.keyTransitionDays) * 86_400 }
    }
}
