/// A token bucket: `rate` tokens a second up to `capacity`. Time comes from the caller, in seconds.
struct TokenBucket {
    private(set) var rate: Double
    private(set) var capacity: Double
    private var tokens: Double
    private var updated: Double

    init(rate: Double, capacity: Int, now: Double) {
        self.rate = rate
        self.capacity = Double(max(capacity, 1))
        self.tokens = self.capacity
        self.updated = now
    }

    /// New limits (a reload); tokens already saved above the new capacity are dropped.
    mutating func resize(rate: Double, capacity: Int) {
        self.rate = rate
        self.capacity = Double(max(capacity, 1))
        tokens = min(tokens, self.capacity)
    }

    /// Takes one token if there is one.
    mutating func take(now: Double) -> Bool {
        tokens = min(capacity, tokens + max(0, now - updated) * rate)
        updated = now
        guard tokens >= 1 else { return false }
        tokens -= 1
        return true
    }
}
