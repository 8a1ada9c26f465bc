import Glibc
import KlankbordStorage
import KlankbordSystem

extension AdminContext {
    /// `klankbordd restore FILE`: checks the whole backup first (passphrase, length, integrity, schema),
    /// refuses while a daemon holds the data directory, moves the current files into a new folder
    /// `replaced-<UTC time>` inside the data directory, and puts the backup's database and key in place.
    func restore(_ path: String) -> Int32 {
        guard let opened = openBackup(path) else { return 1 }
        if mkdir(folder, 0o700) != 0 && errno != EEXIST {
            terminal.problem(t("daemon.restore.cannot_write", ["folder": folder]))
            return 1
        }
        // The daemon lock is held until the end, so no daemon can start on half-replaced files.
        return whileNoDaemonRuns { () -> Int32 in
            let names = ["klankbord.db", "klankbord.db-wal", "klankbord.db-shm", "server.key"]
            let present = names.filter { access(folder + "/" + $0, F_OK) == 0 }
            var aside: String?
            if !present.isEmpty {
                let replaced = folder + "/replaced-" + Self.backupName(wallClockSeconds()).dropFirst("klankbord-".count).dropLast(".kbbackup".count)
                guard mkdir(replaced, 0o700) == 0 else {
                    terminal.problem(t("daemon.restore.cannot_write", ["folder": folder]))
                    return 1
                }
                for name in present where rename(folder + "/" + name, replaced + "/" + name) != 0 {
                    terminal.problem(t("daemon.restore.cannot_write", ["folder": folder]))
                    return 1
                }
                aside = replaced
            }
            let written = (try? opened.database.withImage { image in
                guard let writer = FileWriter(path: databasePath) else { return false }
                return writer.write(image) && writer.commit()
            }) ?? false
            guard written, (try? KeyFile.write(opened.serverKey, to: keyPath)) != nil, Self.renewGeneration(databasePath),
                  (try? Database(.file(databasePath)).integrityCheck()) == true else {
                terminal.problem(t("daemon.restore.cannot_write", ["folder": folder]))
                return 1
            }
            for path in [keyPath, folder + "/" + DaemonLock.fileName] + (aside.map { [$0] } ?? []) { FileBytes.giveToFolderOwner(path) }
            FileBytes.syncFolder(of: databasePath)
            let when = when(opened.createdAt)
            if let aside {
                terminal.line(t("daemon.restore.done", ["when": when, "folder": aside]))
            } else {
                terminal.line(t("daemon.restore.done_fresh", ["when": when]))
            }
            terminal.line(opened.counts.sentence(t))
            return 0
        }
    }

    /// Brings the restored database up to this version's schema and gives it a new restore generation, so every
    /// client sees that the server went back to a backup and re-reads instead of skipping (docs/PROTOCOL.md, `serverInfo`).
    static func renewGeneration(_ path: String) -> Bool {
        do {
            let restored = try Database(.file(path))
            try restored.migrate(ServerSchema.migrations)
            try ServerSchema.markRestored(restored)
            return true
        } catch {
            return false
        }
    }
}

extension AdminContext {
    /// Runs `body` while holding the data directory's daemon lock, so no daemon starts until it is done; says which
    /// daemon runs (and returns 1) when one holds the folder already.
    func whileNoDaemonRuns(_ body: () -> Int32) -> Int32 {
        guard let lock = DaemonLock.acquire(directory: folder) else {
            let pid = DaemonLock.holder(directory: folder).map { String($0.pid) } ?? "?"
            terminal.problem(t("daemon.restore.running", ["pid": pid]))
            return 1
        }
        return withExtendedLifetime(lock) { body() }
    }
}
