import Glibc

/// `klankbordd.status` in the data directory: figures only the running daemon knows (open connections, the
/// last housekeeping round), rewritten by the daemon when they change, for `klankbordd status`. Counts only.
package struct StatusFile: Sendable, Equatable {
    /// The file's name inside the data directory.
    package static let name = "klankbordd.status"

    /// Connections open when the file was written.
    package var connections: Int
    /// When the last housekeeping round ended (seconds since 1970), if one ended since the start.
    package var maintenanceAt: Int64?
    /// Old events that round removed (retention).
    package var removedEvents: Int
    /// Free space inside the database file after that round, in bytes.
    package var freeBytes: Int64?
    /// Bytes that round gave back to the disk (incremental vacuum).
    package var reclaimedBytes: Int64

    package init(connections: Int, maintenanceAt: Int64?, removedEvents: Int, freeBytes: Int64?, reclaimedBytes: Int64 = 0) {
        self.connections = connections
        self.maintenanceAt = maintenanceAt
        self.removedEvents = removedEvents
        self.freeBytes = freeBytes
        self.reclaimedBytes = reclaimedBytes
    }

    /// `name value` lines; an unknown figure is left out.
    package var text: String {
        var lines = ["connections \(connections)", "removed_events \(removedEvents)"]
        if let maintenanceAt { lines.append("maintenance_at \(maintenanceAt)") }
        if let freeBytes { lines.append("free_bytes \(freeBytes)") }
        lines.append("reclaimed_bytes \(reclaimedBytes)")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Reads `text`; nil when it lacks the connection count.
    package init?(text: String) {
        var values: [String: Int64] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.count == 2, let value = Int64(parts[1]) { values[String(parts[0])] = value }
        }
        guard let connections = values["connections"] else { return nil }
        self.init(connections: Int(connections), maintenanceAt: values["maintenance_at"], removedEvents: Int(values["removed_events"] ?? 0),
                  freeBytes: values["free_bytes"], reclaimedBytes: values["reclaimed_bytes"] ?? 0)
    }

    /// Writes the file whole (a temporary file renamed over it), mode 0600; failures are ignored: it is advisory.
    package func write(directory: String) {
        let path = directory + "/" + StatusFile.name
        let temporary = path + ".tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        close(fd)
        if written == bytes.count { rename(temporary, path) } else { unlink(temporary) }
    }
}
