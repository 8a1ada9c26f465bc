#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KlankbordConfig
import KlankbordLocalization
import KlankbordServer
import KlankbordStorage
import KlankbordSystem

/// The administration commands of `klankbordd` (`status`, `backup`, `verify-backup`, `restore`): what
/// they share. Every sentence they print comes from the catalog; they never print a handle or a room name.
struct AdminContext {
    let config: Config
    let t: Localizer
    let terminal: Terminal
    let environment: [String: String]

    var folder: String { config.dataDirectory }
    var databasePath: String { folder + "/klankbord.db" }
    var keyPath: String { folder + "/server.key" }
    /// Holds the Unix time of the last backup made with `klankbordd backup`.
    var lastBackupPath: String { folder + "/last-backup" }

    /// `klankbordd status`: version, whether the daemon runs and since when, counts, file sizes, last backup.
    func status(json: Bool) -> Int32 {
        guard FileBytes.size(databasePath) != nil else {
            terminal.problem(t("daemon.admin.no_database", ["folder": folder]))
            return 1
        }
        let counts: ServerCounts
        do {
            counts = try ServerCounts(Database(.file(databasePath)))
        } catch {
            terminal.problem(t("daemon.admin.database_unreadable", ["folder": folder]))
            return 1
        }
        let holder = DaemonLock.holder(directory: folder)
        let now = wallClockSeconds()
        let databaseBytes = FileBytes.size(databasePath) ?? 0
        let walBytes = FileBytes.size(databasePath + "-wal") ?? 0
        let lastBackup = FileBytes.read(lastBackupPath).flatMap { Int64(String(decoding: $0, as: UTF8.self).trimmingWhitespace) }
        // Written by the running daemon only; one left by a stopped daemon says nothing about now.
        let live = holder == nil ? nil : FileBytes.read(folder + "/" + StatusFile.name).flatMap { StatusFile(text: String(decoding: $0, as: UTF8.self)) }
        // The previous key still works until then (`rotate-key`); nil when there is no key change under way.
        let transition = transitionUntil().flatMap { $0 > now ? $0 : nil }
        if json {
            let uptime: JSONText.Value = holder.map { .number(max(0, now - $0.startedAt)) } ?? .null
            terminal.line(JSONText.object([
                ("version", .string(KlankbordVersion.current)),
                ("running", .bool(holder != nil)),
                ("pid", holder.map { .number(Int64($0.pid)) } ?? .null),
                ("started_at", holder.map { .number($0.startedAt) } ?? .null),
                ("uptime_s", uptime),
                ("accounts", .number(counts.accounts)), ("rooms", .number(counts.rooms)),
                ("events", .number(counts.events)), ("invites", .number(counts.invites)),
                ("database_bytes", .number(databaseBytes)), ("wal_bytes", .number(walBytes)),
                ("last_backup_at", lastBackup.map { .number($0) } ?? .null),
                ("connections", live.map { .number(Int64($0.connections)) } ?? .null),
                ("retention_days", .number(Int64(config.retentionDays))),
                ("last_cleanup_at", live?.maintenanceAt.map { .number($0) } ?? .null),
                ("removed_events", live.map { .number(Int64($0.removedEvents)) } ?? .null),
                ("free_bytes", live?.freeBytes.map { .number($0) } ?? .null),
                ("reclaimed_bytes", live?.maintenanceAt == nil ? .null : .number(live?.reclaimedBytes ?? 0)),
                ("key_transition_until", transition.map { .number($0) } ?? .null),
            ]))
            return 0
        }
        terminal.line(t("daemon.status.version", ["version": KlankbordVersion.current]))
        if let holder {
            terminal.line(t("daemon.status.running", [
                "since": when(holder.startedAt), "uptime": Self.duration(max(0, now - holder.startedAt)), "pid": String(holder.pid),
            ]))
        } else {
            terminal.line(t("daemon.status.stopped"))
        }
        if let live { terminal.line(t("daemon.status.connections", ["count": String(live.connections)])) }
        terminal.line(counts.sentence(t))
        terminal.line(t("daemon.status.sizes", ["database": Self.size(databaseBytes), "wal": Self.size(walBytes)]))
        if config.retentionDays > 0 {
            terminal.line(t("daemon.status.retention_days", ["days": String(config.retentionDays)]))
        } else {
            terminal.line(t("daemon.status.retention_forever"))
        }
        if let live, let at = live.maintenanceAt {
            terminal.line(t("daemon.status.housekeeping", ["when": when(at), "count": String(live.removedEvents),
                                                           "free": Self.size(live.freeBytes ?? 0)]))
            terminal.line(t("daemon.status.reclaimed", ["reclaimed": Self.size(live.reclaimedBytes)]))
        } else if live != nil {
            terminal.line(t("daemon.status.housekeeping_pending"))
        }
        if let transition { terminal.line(t("daemon.status.key_transition", ["until": when(transition)])) }
        if let lastBackup {
            terminal.line(t("daemon.status.last_backup", ["when": when(lastBackup)]))
        } else {
            terminal.line(t("daemon.status.no_backup"))
        }
        return 0
    }

    /// A Unix time as the operator reads it (Europe/Amsterdam).
    func when(_ seconds: Int64) -> String {
        t.dateTime(Date(timeIntervalSince1970: Double(seconds)))
    }

    /// "3 d 4 h 5 min": the units read the same in Dutch, English and Spanish.
    static func duration(_ seconds: Int64) -> String {
        let days = seconds / 86_400, hours = seconds % 86_400 / 3_600, minutes = seconds % 3_600 / 60
        return days > 0 ? "\(days) d \(hours) h \(minutes) min" : "\(hours) h \(minutes) min"
    }

    /// Bytes in kB, MB or GB with one decimal (1000-based, as disks are sold).
    static func size(_ bytes: Int64) -> String {
        let units = ["B", "kB", "MB", "GB", "TB"]
        var value = Double(bytes), unit = 0
        while value >= 1000 && unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        if unit == 0 { return "\(bytes) B" }
        let tenths = Int64((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10) \(units[unit])"
    }
}
