import Klankbord

/// W4's reconnecting member: subscribe, then fetch every room in pages (`Request.fetch`, 500 at a
/// time, the `more` flag saying when to go on) until it holds every event; rooms are fetched side
/// by side, one page in flight per room.
final class CatchUp: ClientDriver {
    private let client: BenchClient
    private let pageSize: UInt16
    private let sampler: MemorySampler?
    private var fetching: [UInt64: UInt64] = [:]
    private var roomOfRequest: [UInt32: UInt64] = [:]
    private(set) var events = 0
    private(set) var pages = 0
    private(set) var bytes = 0
    private(set) var failure: String?
    private(set) var isFinished = false
    private(set) var started: UInt64 = 0
    private(set) var finished: UInt64 = 0

    init(_ client: BenchClient, pageSize: UInt16 = 500, sampler: MemorySampler?) {
        self.client = client
        self.pageSize = pageSize
        self.sampler = sampler
    }

    /// Seconds from the connect to the last page.
    var elapsedSeconds: Double { seconds(from: started, to: finished) }

    func tick(loop: ClientLoop, now: UInt64) -> UInt64? {
        if started == 0 {
            started = now
            loop.connect(client, now: now)
        }
        return sampler?.sample(now: now)
    }

    func ready(_ client: BenchClient, loop: ClientLoop, now: UInt64) {
        loop.send(.subscribe, on: client)
    }

    func received(_ message: WireMessage, on client: BenchClient, loop: ClientLoop, now: UInt64) {
        switch message {
        case let .response(_, .subscribed(cursors), _):
            for cursor in cursors where cursor.lastSeq > 0 { fetch(cursor.room, after: 0, loop: loop) }
            finishIfDone(now)
        case let .response(id, .events(list, more), _):
            guard let room = roomOfRequest.removeValue(forKey: id) else { return }
            pages += 1
            events += list.count
            for event in list { bytes += event.payload.count }
            fetching[room] = nil
            if more, let last = list.last { fetch(room, after: last.seq, loop: loop) }
            finishIfDone(now)
        case let .error(_, code, type):
            failure = "\(type) refused: \(code.rawValue)"
            isFinished = true
        default:
            break
        }
    }

    func lost(_ client: BenchClient, loop: ClientLoop, reason: String) {
        failure = reason
        isFinished = true
    }

    private func fetch(_ room: UInt64, after seq: UInt64, loop: ClientLoop) {
        let id = loop.send(.fetch(room: room, afterSeq: seq, limit: pageSize), on: client)
        roomOfRequest[id] = room
        fetching[room] = seq
    }

    private func finishIfDone(_ now: UInt64) {
        guard fetching.isEmpty else { return }
        finished = now
        isFinished = true
    }
}
