import Klankbord

/// What a workload does with the clients of a `ClientLoop`. All calls come from the loop's thread.
protocol ClientDriver: AnyObject {
    /// The handshake finished: requests may be sent on `client`.
    func ready(_ client: BenchClient, loop: ClientLoop, now: UInt64)
    /// A response, error or push arrived on `client` (`now`: when the read that carried it returned).
    func received(_ message: WireMessage, on client: BenchClient, loop: ClientLoop, now: UInt64)
    /// The connection failed or was closed by the daemon.
    func lost(_ client: BenchClient, loop: ClientLoop, reason: String)
    /// Called after every round of socket events; returns the next time it wants to be called
    /// (monotonic ns), or nil when only socket events matter.
    func tick(loop: ClientLoop, now: UInt64) -> UInt64?
    /// True once the workload has all it waits for.
    var isFinished: Bool { get }
}

extension ClientDriver {
    func ready(_ client: BenchClient, loop: ClientLoop, now: UInt64) {}
    func lost(_ client: BenchClient, loop: ClientLoop, reason: String) {}
    func tick(loop: ClientLoop, now: UInt64) -> UInt64? { nil }
}
