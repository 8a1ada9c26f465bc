/// A token bucket: `rate` tokens a second up to `capacity`. Time comes from the caller, in seconds.
struct TokenBucket {
    let rate: Double
    let capacity: Double
    private var tokens: Double
    private var updated: Double

    init(rate: Double, capacity: Int, now: Double) {
        self.rate = rate
        self.capacity = Double(max(capacity, 1))
        self.tokens = self.capacity
        self.updated = now
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
