import CLinux
import Glibc
import KlankbordSystem

/// What the relay thread hands one event loop: the outputs for its connections, and an eventfd that
/// becomes readable in the loop's epoll set when there are some.
final class LoopMailbox: Sendable {
    private let pending = Locked<[RelayOutput]>([])
    let notifyFD: Int32

    init() throws(SystemError) {
        notifyFD = try systemCall("eventfd") { eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC)) }
    }

    /// Adds outputs without waking the loop: `ring` (or a `Doorbell` for several loops at once) does that after.
    func stash(_ outputs: [RelayOutput]) {
        pending.withLock { $0.append(contentsOf: outputs) }
    }

    /// Wakes this loop alone.
    func ring() {
        var one: UInt64 = 1
        _ = write(notifyFD, &one, 8)
    }

    /// Takes every output posted so far, after resetting the loop's own eventfd (it rang).
    func take() -> [RelayOutput] {
        var counter: UInt64 = 0
        _ = read(notifyFD, &counter, 8)
        return takeStashed()
    }

    /// Takes every output posted so far without touching the eventfd: the doorbell rang, not this loop's own
    /// eventfd, and reading that would be one system call per loop per commit for nothing.
    func takeStashed() -> [RelayOutput] {
        pending.withLock { outputs in
            defer { outputs = [] }
            return outputs
        }
    }
}

/// One eventfd in every loop's epoll set, edge-triggered and never read: one `write` wakes every loop.
///
/// When a batch has outputs for several loops, waking them one after the other lets the first loop woken (or
/// the client it sends to) take the relay thread's core before the second `write`: on two cores the second
/// loop's deliveries then waited up to a millisecond or more (docs/PERFORMANCE.md). Never reading keeps the
/// counter above zero, so each `write` is a new edge for every epoll set, whichever loop ran first; it
/// would take 2^64 writes to fill it.
final class Doorbell: Sendable {
    let fd: Int32

    init() throws(SystemError) {
        fd = try systemCall("eventfd") { eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC)) }
    }

    deinit {
        close(fd)
    }

    /// Wakes every loop that watches the doorbell.
    func ring() {
        var one: UInt64 = 1
        _ = write(fd, &one, 8)
    }
}

/// Which event loop owns a connection: the loop's index is in the id's top 16 bits.
enum LoopRouting {
    static let shift: UInt64 = 48

    static func loop(of connection: ConnectionID) -> Int { Int(connection >> shift) }

    static func firstID(forLoop index: Int) -> ConnectionID { (UInt64(index) << shift) + 16 }

    /// Splits outputs per loop; a fan-out to connections of several loops becomes one fan-out per loop,
    /// all sharing the same encoded bytes.
    static func split(_ outputs: [RelayOutput], loops: Int) -> [[RelayOutput]] {
        guard loops > 1 else { return [outputs] }
        var perLoop = [[RelayOutput]](repeating: [], count: loops)
        for output in outputs {
            switch output {
            case let .send(id, _), let .close(id):
                perLoop[min(loop(of: id), loops - 1)].append(output)
            case let .fanout(ids, bytes):
                var groups = [[ConnectionID]](repeating: [], count: loops)
                for id in ids { groups[min(loop(of: id), loops - 1)].append(id) }
                for (index, group) in groups.enumerated() where !group.isEmpty { perLoop[index].append(.fanout(group, bytes)) }
            }
        }
        return perLoop
    }
}
