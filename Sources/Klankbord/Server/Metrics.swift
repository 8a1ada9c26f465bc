import Synchronization
import KlankbordProtocol
import KlankbordSystem

/// The daemon's counters for the metrics page and `klankbordd status`: counts and durations only, never a
/// handle, a room, an id or an address. The event loops and the relay thread add to it; the metrics
/// listener and the status file read copies.
final class Metrics: Sendable {
    /// Upper bounds (seconds) of the commit-latency buckets: from a tmpfs commit to a slow disk's fsync.
    static let commitBounds: [Double] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]
    /// Upper bounds of the batch-size buckets (requests committed together).
    static let batchBounds: [Double] = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512]

    /// A copy of every counter at one moment.
    struct Counts: Sendable, Equatable {
        var handshakes = 0
        /// Handshakes made with the previous server key during a key change.
        var previousKeyHandshakes = 0
        var requests: [MessageType: Int] = [:]
        var errors: [ErrorCode: Int] = [:]
        var commitSeconds = Histogram(bounds: Metrics.commitBounds)
        var batchSizes = Histogram(bounds: Metrics.batchBounds)
        /// The last finished housekeeping round: when (seconds since 1970) and how many old events it removed.
        var lastMaintenanceAt: Int64?
        var lastRemovedEvents = 0
        var removedEventsTotal = 0
        /// Database pages and free (reusable) pages, measured after the last housekeeping round.
        var pages: Int64?
        var freePages: Int64?
        var pageSize: Int64?
        /// Bytes the last round gave back to the disk (incremental vacuum), and all rounds since the start.
        var lastReclaimedBytes: Int64 = 0
        var reclaimedBytesTotal: Int64 = 0
    }

    /// Cumulative buckets as Prometheus wants them.
    struct Histogram: Sendable, Equatable {
        let bounds: [Double]
        var buckets: [Int]
        var sum = 0.0
        var count = 0

        init(bounds: [Double]) {
            self.bounds = bounds
            buckets = Array(repeating: 0, count: bounds.count)
        }

        mutating func observe(_ value: Double) {
            for (index, bound) in bounds.enumerated() where value <= bound { buckets[index] += 1 }
            sum += value
            count += 1
        }
    }

    /// When the daemon started (monotonic seconds), for the uptime.
    let started = monotonicSeconds()
    private let counts = Mutex(Counts())

    /// One handshake done; `previousKey` when it used the key before `rotate-key` (devices not switched yet).
    func handshakeCompleted(previousKey: Bool = false) {
        counts.withLock { counts in
            counts.handshakes += 1
            if previousKey { counts.previousKeyHandshakes += 1 }
        }
    }

    func refused(_ code: ErrorCode) {
        counts.withLock { $0.errors[code, default: 0] += 1 }
    }

    /// One batch of requests, processed and committed in `seconds`.
    func committed(_ types: [MessageType], seconds: Double) {
        counts.withLock { counts in
            for type in types { counts.requests[type, default: 0] += 1 }
            counts.commitSeconds.observe(seconds)
            counts.batchSizes.observe(Double(types.count))
        }
    }

    /// A housekeeping round ended at `at`, having removed `removedEvents` old events; the database's page figures.
    func maintained(at: Int64, removedEvents: Int, pages: Int64?, freePages: Int64?, pageSize: Int64?, reclaimedBytes: Int64 = 0) {
        counts.withLock { counts in
            counts.lastReclaimedBytes = reclaimedBytes
            counts.reclaimedBytesTotal += reclaimedBytes
            counts.lastMaintenanceAt = at
            counts.lastRemovedEvents = removedEvents
            counts.removedEventsTotal += removedEvents
            counts.pages = pages
            counts.freePages = freePages
            counts.pageSize = pageSize
        }
    }

    /// A copy of every counter.
    var snapshot: Counts { counts.withLock { $0 } }
}
