/// Latency samples in nanoseconds and their percentiles (nearest rank on the sorted samples, as
/// `xmpp_load.py` computes them, so the figures compare).
struct Latencies {
    private(set) var samples: [UInt64] = []
    private var sorted = true

    init(capacity: Int = 0) {
        samples.reserveCapacity(capacity)
    }

    var count: Int { samples.count }

    mutating func record(_ nanos: UInt64) {
        samples.append(nanos)
        sorted = false
    }

    /// The `p`th percentile in milliseconds, or nil with no samples.
    mutating func percentileMillis(_ p: Double) -> Double? {
        guard !samples.isEmpty else { return nil }
        if !sorted {
            samples.sort()
            sorted = true
        }
        let rank = Int((p / 100 * Double(samples.count - 1)).rounded())
        return Double(samples[min(max(rank, 0), samples.count - 1)]) / 1e6
    }

    /// p50, p99 and max in milliseconds, ready for a report.
    mutating func summary() -> (p50: Double?, p99: Double?, max: Double?) {
        (percentileMillis(50), percentileMillis(99), percentileMillis(100))
    }
}

/// Follows a process's resident memory while a workload runs, reading /proc at most every 50 ms.
final class MemorySampler {
    let pid: Int32
    private(set) var peakKiB = 0
    private var last: UInt64 = 0

    init(pid: Int32) {
        self.pid = pid
    }

    /// Reads VmRSS if 50 ms have passed; returns when it wants to read again.
    @discardableResult
    func sample(now: UInt64) -> UInt64 {
        if now &- last >= 50_000_000 {
            last = now
            if let memory = ProcessStats.memory(pid) { peakKiB = max(peakKiB, memory.rssKiB) }
        }
        return last + 50_000_000
    }
}
