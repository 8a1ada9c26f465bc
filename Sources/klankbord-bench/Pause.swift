import Klankbord

/// Keeps the loop running (reading whatever arrives) until a moment, then finishes.
final class Pause: ClientDriver {
    private let until: UInt64
    private(set) var isFinished = false

    init(seconds: Double) {
        until = monotonicNanos() + nanos(seconds)
    }

    func tick(loop: ClientLoop, now: UInt64) -> UInt64? {
        isFinished = now >= until
        return until
    }

    func received(_ message: WireMessage, on client: BenchClient, loop: ClientLoop, now: UInt64) {}
}
