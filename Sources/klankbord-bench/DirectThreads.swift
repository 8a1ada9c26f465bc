import Klankbord

/// Opens one-to-one threads (`Request.directOpen`) between pairs of members who share a room,
/// all requests in flight at once, and remembers each thread's room id.
final class DirectThreads: ClientDriver {
    private let pairs: [(BenchClient, BenchClient)]
    private var pending: [UInt64: Int] = [:]
    private var started = false
    /// The room id of each pair's thread, in the order of `pairs` (0 until known).
    private(set) var rooms: [UInt64]
    private(set) var failures: [String] = []
    private var answered = 0

    init(_ pairs: [(BenchClient, BenchClient)]) {
        self.pairs = pairs
        rooms = Array(repeating: 0, count: pairs.count)
    }

    var isFinished: Bool { answered == pairs.count }

    func tick(loop: ClientLoop, now: UInt64) -> UInt64? {
        guard !started else { return nil }
        started = true
        for (index, pair) in pairs.enumerated() {
            let id = loop.send(.directOpen(handle: pair.1.handle), on: pair.0)
            pending[UInt64(pair.0.index) << 32 | UInt64(id)] = index
        }
        return nil
    }

    func received(_ message: WireMessage, on client: BenchClient, loop: ClientLoop, now: UInt64) {
        switch message {
        case let .response(id, .room(room, _), _):
            guard let index = pending.removeValue(forKey: UInt64(client.index) << 32 | UInt64(id)) else { return }
            rooms[index] = room
            answered += 1
        case let .error(id, code, type):
            guard pending.removeValue(forKey: UInt64(client.index) << 32 | UInt64(id)) != nil else { return }
            failures.append("\(client.handle): \(type) refused: \(code.rawValue)")
            answered += 1
        default:
            break
        }
    }
}
