import Synchronization

/// The daemon-wide count of open connections against `max_connections`, shared by all event loops
/// (the kernel does not spread connections evenly, so a per-loop share would refuse too early).
final class ConnectionBudget: Sendable {
    let limit: Int
    private let open = Atomic<Int>(0)

    init(limit: Int) {
        self.limit = limit
    }

    /// Counts one more connection, or returns false when the limit is reached.
    func take() -> Bool {
        if open.add(1, ordering: .relaxed).newValue <= limit { return true }
        open.subtract(1, ordering: .relaxed)
        return false
    }

    /// Connections open now, for the metrics page and the status file.
    var count: Int { open.load(ordering: .relaxed) }

    /// A connection closed.
    func give() {
        open.subtract(1, ordering: .relaxed)
    }
}
