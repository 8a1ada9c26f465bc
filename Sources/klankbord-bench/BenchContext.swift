/// What every workload needs: the options, the watchdog and where results go.
struct BenchContext {
    let options: Options
    let watchdog: Watchdog
    let output: Output

    /// A fresh daemon for one run.
    func startDaemon(_ extraSettings: [(String, String)] = []) throws -> Daemon {
        try Daemon(binary: options.daemonBinary, parent: options.dataParent, extraSettings: extraSettings + options.settings, watchdog: watchdog)
    }

    /// The report every run starts from.
    func report(_ workload: String) -> RunReport {
        var report = RunReport(workload: workload)
        report.set("label", options.label)
        report.set("load_avg_1m", DiskProbe.loadAverage(), digits: 2)
        if !options.settings.isEmpty { report.set("daemon_settings", options.settings.map { "\($0.0)=\($0.1)" }.joined(separator: " ")) }
        return report
    }

    /// Adds the disk's fsync latency in the daemon's folder to `report`.
    func probeDisk(_ daemon: Daemon, into report: inout RunReport) {
        let fsync = DiskProbe.fsyncMillis(in: daemon.folder)
        report.set("disk_fsync_p50_ms", fsync.p50, digits: 3)
        report.set("disk_fsync_p99_ms", fsync.p99, digits: 3)
    }

    /// Starts a fresh daemon, notes the disk's fsync latency, runs `measure`, and records the report —
    /// with the error, if one stopped the run — after the daemon has stopped.
    func withDaemon(_ name: String, _ report: RunReport, settings: [(String, String)] = [],
                    _ measure: (Daemon, inout RunReport) throws -> Void) {
        var report = report
        do {
            let daemon = try startDaemon(settings)
            defer { daemon.stop() }
            probeDisk(daemon, into: &report)
            try measure(daemon, &report)
        } catch {
            report.set("error", "\(error)")
            output.note("\(name) failed: \(error)")
        }
        output.record(report)
    }

    /// Monotonic deadline `seconds` from now (at most the run's time limit).
    func deadline(_ seconds: Double? = nil) -> UInt64 {
        monotonicNanos() + nanos(min(seconds ?? options.timeout, options.timeout))
    }
}

/// A workload that could not be set up or measured.
struct BenchFailure: Error, CustomStringConvertible {
    let description: String
}
