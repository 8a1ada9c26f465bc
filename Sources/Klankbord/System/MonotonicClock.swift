import Glibc

/// Seconds from an arbitrary start that never go backwards, for timeouts and rate limits.
package func monotonicSeconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1_000_000_000
}

/// Seconds since 1970, UTC, for what the server stores.
package func wallClockSeconds() -> Int64 {
    Int64(time(nil))
}
