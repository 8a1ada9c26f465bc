/// What every workload needs: the options, the watchdog and where results go.
struct BenchContext {
    let options: Options
    let watchdog: Watchdog
    let output: Output

    /// A fresh daemon for one run.
    func startDaemon(_ extraSettings: [(String, String)] = []) throws -> Daemon {
        try Daemon(binary: options.daemonBinary, parent: options.dataParent, extraSettings: extraSettings, watchdog: watchdog)
    }

    /// The report every run starts from.
    func report(_ workload: String) -> RunReport {
        var report = RunReport(workload: workload)
        report.set("label", options.label)
        return report
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
