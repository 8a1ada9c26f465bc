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

    /// Adds outputs and wakes the loop.
    func post(_ outputs: [RelayOutput]) {
        pending.withLock { $0.append(contentsOf: outputs) }
        var one: UInt64 = 1
        _ = write(notifyFD, &one, 8)
    }

    /// Takes every output posted so far.
    func take() -> [RelayOutput] {
        var counter: UInt64 = 0
        _ = read(notifyFD, &counter, 8)
        return pending.withLock { outputs in
            defer { outputs = [] }
            return outputs
        }
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
