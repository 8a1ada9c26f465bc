/// Counts events in the current minute, for limits such as `redeems_per_minute`. Time comes from the caller,
/// in seconds; a window starts at the first event after the previous one ended.
struct MinuteWindow {
    private var start: Int64 = 0
    private var count = 0

    /// Counts one more event at `now`; false once more than `limit` fell in this window.
    mutating func admit(now: Int64, limit: Int) -> Bool {
        if now - start >= 60 {
            start = now
            count = 0
        }
        count += 1
        return count <= limit
    }
}
