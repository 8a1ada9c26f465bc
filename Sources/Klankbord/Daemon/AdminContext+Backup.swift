import Glibc
import KlankbordCrypto
import KlankbordStorage
import KlankbordSystem

extension AdminContext {
    /// `klankbordd backup FILE|FOLDER [--keep N]`: a consistent copy of the database, taken while the
    /// daemon serves, sealed together with the server key. Into a folder, the file is named after the
    /// time (UTC) and, with `--keep`, only the newest N such files stay.
    func backup(to target: String, keep: Int?) -> Int32 {
        let intoFolder = FileBytes.isFolder(target)
        if keep != nil && !intoFolder {
            terminal.problem(t("daemon.usage"))
            return 1
        }
        guard FileBytes.size(databasePath) != nil, let key = try? KeyFile.load(path: keyPath, length: X25519.keyLength) else {
            terminal.problem(t("daemon.admin.no_database", ["folder": folder]))
            return 1
        }
        let now = wallClockSeconds()
        let path = intoFolder ? target + "/" + Self.backupName(now) : target
        if access(path, F_OK) == 0 {
            terminal.problem(t("daemon.backup.exists", ["file": path]))
            return 1
        }
        let passphrase: SecretBytes
        do {
            passphrase = try BackupPassphrase.obtain(environment: environment, terminal: terminal, t: t, confirm: true)
        } catch {
            terminal.problem(BackupPassphrase.message(error, t))
            return 1
        }
        guard let sealingKey = try? BackupFile.SealingKey(passphrase: passphrase) else {
            terminal.problem(t("daemon.backup.cannot_write", ["file": path]))
            return 1
        }
        let snapshot: Database
        do {
            snapshot = try Database(.file(databasePath)).snapshot()
        } catch {
            terminal.problem(t("daemon.admin.database_unreadable", ["folder": folder]))
            return 1
        }
        guard let writer = FileWriter(path: path) else {
            terminal.problem(t("daemon.backup.cannot_write", ["file": path]))
            return 1
        }
        let sealed = (try? snapshot.withImage { image in
            try BackupFile.seal(createdAt: now, serverKey: key, image: image, sealingKey: sealingKey) { writer.write($0) }
        }) ?? false
        guard sealed, writer.commit() else {
            terminal.problem(t("daemon.backup.cannot_write", ["file": path]))
            return 1
        }
        _ = FileBytes.write(Array("\(now)\n".utf8), to: lastBackupPath, replacing: true)
        terminal.line(t("daemon.backup.done", ["file": path]))
        if let keep, intoFolder {
            let removed = pruneBackups(in: target, keep: keep)
            if removed > 0 { terminal.line(t.plural("daemon.backup.pruned", count: removed, ["keep": String(keep)])) }
        }
        return 0
    }

    /// `klankbordd verify-backup FILE`: opens the file and checks the database inside on a copy in memory.
    func verifyBackup(_ path: String) -> Int32 {
        guard let opened = openBackup(path) else { return 1 }
        terminal.line(t("daemon.verify.ok", ["file": path, "when": when(opened.createdAt)]))
        terminal.line(opened.counts.sentence(t))
        return 0
    }

    /// A backup opened and checked: what it holds, as an in-memory database.
    struct OpenedBackup {
        let createdAt: Int64
        let serverKey: SecretBytes
        let database: Database
        let counts: ServerCounts
    }

    /// Opens and checks a backup file: layout, passphrase, every chunk, `integrity_check`, and a schema
    /// this build knows. Prints the reason and returns nil when any check fails.
    func openBackup(_ path: String) -> OpenedBackup? {
        guard let check = FileReader(path: path) else {
            terminal.problem(t("daemon.backup_file.unreadable", ["file": path]))
            return nil
        }
        let passphrase: SecretBytes
        do {
            // Format problems need no passphrase: report them before asking for one.
            try BackupFile.checkLayout(header: check.read(min(BackupFile.headerLength, check.length)) ?? [], fileLength: check.length)
            passphrase = try BackupPassphrase.obtain(environment: environment, terminal: terminal, t: t, confirm: false)
        } catch let failure as BackupFile.Failure {
            terminal.problem(message(failure, path))
            return nil
        } catch let failure as BackupPassphrase.Failure {
            terminal.problem(BackupPassphrase.message(failure, t))
            return nil
        } catch {
            return nil
        }
        guard let reader = FileReader(path: path) else {
            terminal.problem(t("daemon.backup_file.unreadable", ["file": path]))
            return nil
        }
        do throws(BackupFile.Failure) {
            let content = try BackupFile.open(fileLength: reader.length, passphrase: passphrase) { reader.read($0) }
            let database = try? Database.inMemory(adopting: content.image)
            guard let database, (try? database.integrityCheck()) == true, let counts = try? ServerCounts(database),
                  let applied = try? database.appliedMigrationNames() else {
                throw .damaged
            }
            guard applied.isSubset(of: Set(ServerSchema.migrations.map(\.name))) else {
                terminal.problem(t("daemon.backup_file.newer_database", ["file": path]))
                return nil
            }
            return OpenedBackup(createdAt: content.createdAt, serverKey: content.serverKey, database: database, counts: counts)
        } catch {
            terminal.problem(message(error, path))
            return nil
        }
    }

    private func message(_ failure: BackupFile.Failure, _ path: String) -> String {
        switch failure {
        case .notABackup: t("daemon.backup_file.not_a_backup", ["file": path])
        case .newerFormat: t("daemon.backup_file.newer_format", ["file": path])
        case .truncated: t("daemon.backup_file.truncated", ["file": path])
        case .wrongPassphrase: t("daemon.backup_file.wrong_passphrase", ["file": path])
        case .damaged: t("daemon.backup_file.damaged", ["file": path])
        case .tooLarge: t("daemon.backup_file.too_large", ["file": path])
        }
    }

    /// `klankbord-20261201-021500.kbbackup`: names that sort by time.
    static func backupName(_ seconds: Int64) -> String {
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let date = "\(parts.tm_year + 1900)\(two(parts.tm_mon + 1))\(two(parts.tm_mday))"
        return "klankbord-\(date)-\(two(parts.tm_hour))\(two(parts.tm_min))\(two(parts.tm_sec)).kbbackup"
    }

    /// Deletes all but the newest `keep` files named like `backupName` in `folder`; returns how many went.
    private func pruneBackups(in folder: String, keep: Int) -> Int {
        let backups = FileBytes.names(in: folder)
            .filter { $0.hasPrefix("klankbord-") && $0.hasSuffix(".kbbackup") }
            .sorted(by: >)
        var removed = 0
        for name in backups.dropFirst(keep) where unlink(folder + "/" + name) == 0 { removed += 1 }
        return removed
    }
}
