import Glibc

/// Nanoseconds on the monotonic clock. Send timestamps carried in payloads use it, so a latency is
/// the difference of two readings in this one process.
func monotonicNanos() -> UInt64 {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return UInt64(spec.tv_sec) &* 1_000_000_000 &+ UInt64(spec.tv_nsec)
}

/// Seconds between two monotonic readings.
func seconds(from start: UInt64, to end: UInt64) -> Double {
    Double(end &- start) / 1e9
}

/// Nanoseconds in `seconds` seconds.
func nanos(_ seconds: Double) -> UInt64 {
    UInt64(max(seconds, 0) * 1e9)
}
