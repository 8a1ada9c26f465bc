import Klankbord

/// Sends room messages and counts their deliveries: each push of a room event to a subscribed
/// member, and each sender's own acknowledgement (the daemon does not echo an event to the
/// connection that sent it; its response carries the seq), so a room of N members that gets M
/// messages makes M × N deliveries, as in the XMPP runs. Latency is receipt time minus the send
/// time the payload carries in its bytes 1…8 (pushes) or the request's send time (acks).
final class FanOut: ClientDriver {
    enum Pacing {
        /// Each sender sends `count` messages to `room` as fast as acknowledgements come back,
        /// with up to `window` in flight.
        case unpaced(senders: [(client: BenchClient, room: UInt64, count: Int)], window: Int)
        case scheduled(SendSchedule)
    }

    private let pacing: Pacing
    /// The payload: the sender-key envelope byte the daemon requires in a group room, the send time, then
    /// random bytes (the daemon cannot tell them from ciphertext).
    private var template: [UInt8]
    /// One-to-one threads among the rooms sent to: their events need the session envelope byte (0x02), not 0x01.
    var directRooms: Set<UInt64> = []
    private let sampler: MemorySampler?
    private var start: UInt64 = 0
    /// The next planned send not yet due (scheduled pacing).
    private var upcoming: PlannedSend?
    private var scheduleDone = false
    /// Unpaced: per sender index in `senders`, how many were sent.
    private var sentPerSender: [Int] = []
    private var senderSlot: [Int: Int] = [:]
    /// Send time per (client index, request id).
    private var inFlight: [UInt64: UInt64] = [:]
    private let clientIDPrefix: [UInt8]
    private var counter: UInt32 = 0

    private(set) var latencies = Latencies()
    /// Scheduled pacing: how late each send left against its plan (a busy load generator shows here,
    /// since latencies are measured from the actual send, as `xmpp_load.py` does).
    private(set) var sendLag = Latencies()
    /// The senders' acknowledgements alone: send to commit to response, without the fan-out.
    private(set) var ackLatencies = Latencies()
    private(set) var deliveries = 0
    private(set) var expected: Int
    private(set) var sent = 0
    private(set) var refused = 0
    private(set) var firstSend: UInt64 = 0
    private(set) var lastDelivery: UInt64 = 0
    /// Scheduled pacing: per message (keyed by its send time), when its first and last delivery (ack or push)
    /// arrived, so the fan-out's own spread shows apart from the commit every delivery waits for.
    private var arrivals: [UInt64: (first: UInt64, last: UInt64)] = [:]

    /// `expected`: deliveries the unpaced senders make in all (scheduled sends add up their own).
    init(_ pacing: Pacing, payloadSize: Int, expected: Int = 0, sampler: MemorySampler? = nil) {
        self.pacing = pacing
        self.expected = expected
        self.sampler = sampler
        template = [0x01] + Random.bytes(max(payloadSize, 9) - 1)
        clientIDPrefix = Random.bytes(8)
        latencies = Latencies(capacity: expected)
        if case let .unpaced(senders, _) = pacing {
            sentPerSender = Array(repeating: 0, count: senders.count)
            for (slot, sender) in senders.enumerated() { senderSlot[sender.client.index] = slot }
        }
    }

    var isFinished: Bool {
        switch pacing {
        case .unpaced: deliveries >= expected
        case .scheduled: scheduleDone && upcoming == nil && deliveries >= expected
        }
    }

    /// Seconds from the first send to the last delivery.
    var wallSeconds: Double { seconds(from: firstSend, to: max(lastDelivery, firstSend)) }

    func tick(loop: ClientLoop, now: UInt64) -> UInt64? {
        let sampleAgain = sampler?.sample(now: now)
        if start == 0 {
            start = now
            if case let .unpaced(senders, window) = pacing {
                for (slot, sender) in senders.enumerated() {
                    for _ in 0..<min(window, sender.count) { sendNext(slot, loop: loop) }
                }
            }
        }
        guard case let .scheduled(schedule) = pacing else { return sampleAgain }
        while true {
            if upcoming == nil && !scheduleDone {
                upcoming = schedule.next()
                if upcoming == nil { scheduleDone = true }
            }
            guard let plan = upcoming else { return sampleAgain }
            let due = start + plan.due
            if due > now { return min(due, sampleAgain ?? due) }
            upcoming = nil
            expected += plan.deliveries
            send(from: plan.sender, to: plan.room, loop: loop)
            sendLag.record(monotonicNanos() &- due)
        }
    }

    func received(_ message: WireMessage, on client: BenchClient, loop: ClientLoop, now: UInt64) {
        switch message {
        case let .push(.event(record)):
            guard record.payload.count >= 9 else { return }
            let stamp = UInt64(littleEndian: record.payload.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 1, as: UInt64.self) })
            deliver(sentAt: stamp, at: now)
        case let .response(id, .sent, _):
            guard let sentAt = inFlight.removeValue(forKey: UInt64(client.index) << 32 | UInt64(id)) else { return }
            deliver(sentAt: sentAt, at: now)
            ackLatencies.record(now &- sentAt)
            if let slot = senderSlot[client.index] { sendNext(slot, loop: loop) }
        case let .error(id, _, _):
            guard inFlight.removeValue(forKey: UInt64(client.index) << 32 | UInt64(id)) != nil else { return }
            refused += 1
        default:
            break
        }
    }

    private func deliver(sentAt: UInt64, at now: UInt64) {
        deliveries += 1
        lastDelivery = now
        latencies.record(now &- sentAt)
        if case .scheduled = pacing {
            let seen = arrivals[sentAt]
            arrivals[sentAt] = (seen?.first ?? now, now)
        }
    }

    /// Scheduled pacing: per message, the time from its first delivery to its last (one sample per message).
    var fanOutSpread: Latencies {
        var spread = Latencies(capacity: arrivals.count)
        for arrival in arrivals.values { spread.record(arrival.last &- arrival.first) }
        return spread
    }

    /// Unpaced: the next message of sender `slot`, if it has any left.
    private func sendNext(_ slot: Int, loop: ClientLoop) {
        guard case let .unpaced(senders, _) = pacing, sentPerSender[slot] < senders[slot].count else { return }
        sentPerSender[slot] += 1
        send(from: senders[slot].client, to: senders[slot].room, loop: loop)
    }

    private func send(from client: BenchClient, to room: UInt64, loop: ClientLoop) {
        counter &+= 1
        var clientID = clientIDPrefix
        withUnsafeBytes(of: UInt32(truncatingIfNeeded: client.index).littleEndian) { clientID += $0 }
        withUnsafeBytes(of: counter.littleEndian) { clientID += $0 }
        let now = monotonicNanos()
        withUnsafeBytes(of: now.littleEndian) { stamp in
            template.withUnsafeMutableBytes { UnsafeMutableRawBufferPointer(rebasing: $0[1...]).copyMemory(from: stamp) }
        }
        template[0] = directRooms.contains(room) ? 0x02 : 0x01
        let id = loop.send(.send(room: room, clientID: clientID, payload: template), on: client)
        guard id != 0 else { return }
        if firstSend == 0 { firstSend = now }
        sent += 1
        inFlight[UInt64(client.index) << 32 | UInt64(id)] = now
    }
}
