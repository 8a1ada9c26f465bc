import CLinux
import Dispatch
import Glibc
import KlankbordSystem

/// What the event loops share: the daemon-wide connection count, and the order in which they stop
/// so that nothing queued is lost. Every loop stops
/// reading and hands its last requests to the relay; loop 0 then lets the relay commit them all;
/// every loop sends the answers it got and closes its connections; loop 0 returns last.
final class LoopGroup: Sendable {
    let loops: Int
    /// Per loop (index 1...): an eventfd that tells it to stop. Loop 0 stops on a signal instead.
    let stopFDs: [Int32]
    /// Open connections of all loops together, against `max_connections`.
    let connections: ConnectionBudget
    private let submitted = DispatchSemaphore(value: 0)
    private let relayStopped = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    init(loops: Int, maxConnections: Int) throws(SystemError) {
        self.loops = loops
        connections = ConnectionBudget(limit: maxConnections)
        var fds: [Int32] = [-1]
        for _ in 1..<max(loops, 1) { fds.append(try systemCall("eventfd") { eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC)) }) }
        stopFDs = fds
    }

    /// Loop 0, on SIGTERM or SIGINT: tells the other loops to stop.
    func requestStop() {
        for fd in stopFDs.dropFirst() {
            var one: UInt64 = 1
            _ = write(fd, &one, 8)
        }
    }

    /// A loop other than 0 has handed its last requests to the relay; it waits until they are committed.
    func submittedAndWaitForRelay() {
        submitted.signal()
        relayStopped.wait()
    }

    /// Loop 0: waits until every other loop handed over its last requests.
    func waitForOtherLoops() {
        for _ in 1..<max(loops, 1) { submitted.wait() }
    }

    /// Loop 0: the relay has committed everything; the other loops may send their answers.
    func relayHasStopped() {
        for _ in 1..<max(loops, 1) { relayStopped.signal() }
    }

    /// A loop other than 0 has closed its connections.
    func loopFinished() { finished.signal() }

    /// Loop 0: waits until every other loop closed its connections.
    func waitForOtherLoopsToFinish() {
        for _ in 1..<max(loops, 1) { finished.wait() }
    }
}
