import KlankbordStorage

extension Relay {
    /// Most pages one vacuum step gives back to the disk (512 KiB with SQLite's 4 KiB pages): one step is a short
    /// write, so a send waits at most for one step. Sends are answered between the steps, as during retention.
    public static let vacuumBatchPages = 128

    /// Giving freed pages back to the disk after a housekeeping round (`auto_vacuum = INCREMENTAL`, migration
    /// `009-incremental-vacuum`), in steps.
    public struct VacuumPass: Sendable {
        /// Pages given back so far, and the page size they were counted in.
        public var reclaimedPages: Int64 = 0
        public var pageSize: Int64 = 0
        /// No free page is left (or a step failed, or freed nothing; the next round tries again).
        public var finished = false

        /// Bytes given back to the disk so far.
        public var reclaimedBytes: Int64 { reclaimedPages * pageSize }
    }

    /// Starts giving free pages back.
    public func beginVacuum() -> VacuumPass {
        VacuumPass(pageSize: (try? database.readOne("PRAGMA page_size") { $0.int64(0) }) ?? 0)
    }

    /// Gives back at most `vacuumBatchPages` free pages; marks the pass finished when none is left.
    public func vacuumStep(_ pass: inout VacuumPass, log: Log) {
        guard !pass.finished else { return }
        do {
            let before = try freePages()
            guard before > 0 else {
                pass.finished = true
                return
            }
            try database.run("PRAGMA incremental_vacuum(\(Relay.vacuumBatchPages))")
            let freed = before - (try freePages())
            pass.reclaimedPages += max(0, freed)
            // A step that freed nothing would loop for ever (a database without auto_vacuum, for example).
            if freed <= 0 || freed == before { pass.finished = true }
        } catch {
            log.warn("vacuum failed: \(error)")
            pass.finished = true
        }
        if pass.finished && pass.reclaimedPages > 0 { log.info("vacuum: gave \(pass.reclaimedBytes) bytes back to the disk") }
    }

    /// A whole vacuum at once (steps back to back), for callers with no sends to let through.
    public func vacuum(log: Log) -> VacuumPass {
        var pass = beginVacuum()
        while !pass.finished { vacuumStep(&pass, log: log) }
        return pass
    }

    private func freePages() throws(StorageError) -> Int64 {
        try database.readOne("PRAGMA freelist_count") { $0.int64(0) } ?? 0
    }
}
