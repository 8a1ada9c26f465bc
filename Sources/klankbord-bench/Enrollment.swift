import Klankbord

/// Brings clients online, a bounded number at a time: connect and handshake, redeem each of the
/// client's invites in order (the first makes the account, later ones join rooms), optionally
/// subscribe, optionally disconnect again.
final class Enrollment: ClientDriver {
    private let clients: [BenchClient]
    private let invites: [[[UInt8]]]
    private let subscribe: Bool
    private let disconnectWhenDone: Bool
    private let concurrency: Int
    private var nextToConnect = 0
    private var active = 0
    private var finished = 0
    /// Per client (by position): how many of its invites were redeemed.
    private var redeemed: [Int]
    private var position: [Int: Int] = [:]
    private(set) var failures: [String] = []
    /// When the first connect began and the last handshake finished (monotonic ns).
    private(set) var firstConnect: UInt64 = 0
    private(set) var lastHandshake: UInt64 = 0

    /// `invites[i]` are the secrets client `i` redeems; an empty list only connects (and subscribes).
    init(_ clients: [BenchClient], invites: [[[UInt8]]], subscribe: Bool, disconnectWhenDone: Bool = false, concurrency: Int = 256) {
        precondition(invites.count == clients.count, "one invite list per client")
        self.clients = clients
        self.invites = invites
        self.subscribe = subscribe
        self.disconnectWhenDone = disconnectWhenDone
        self.concurrency = max(concurrency, 1)
        redeemed = Array(repeating: 0, count: clients.count)
        for (offset, client) in clients.enumerated() { position[client.index] = offset }
    }

    var isFinished: Bool { finished == clients.count }

    /// Seconds from the first connect to the last finished handshake.
    var handshakeSeconds: Double { seconds(from: firstConnect, to: lastHandshake) }

    func tick(loop: ClientLoop, now: UInt64) -> UInt64? {
        if firstConnect == 0 { firstConnect = now }
        while active < concurrency, nextToConnect < clients.count {
            let client = clients[nextToConnect]
            nextToConnect += 1
            active += 1
            loop.connect(client, now: now)
        }
        return nil
    }

    func ready(_ client: BenchClient, loop: ClientLoop, now: UInt64) {
        lastHandshake = max(lastHandshake, now)
        advance(client, loop: loop)
    }

    func received(_ message: WireMessage, on client: BenchClient, loop: ClientLoop, now: UInt64) {
        guard let offset = position[client.index] else { return }
        switch message {
        case let .response(_, .redeemed(account, room, _, _), _):
            client.accountID = account.id
            if let room { client.rooms.append(room) }
            redeemed[offset] += 1
            advance(client, loop: loop)
        case let .response(_, .subscribed(cursors), _):
            client.cursors = cursors
            complete(client, loop: loop)
        case let .error(_, code, type):
            failures.append("\(client.handle): \(type) refused: \(code.rawValue)")
            complete(client, loop: loop)
        default:
            break
        }
    }

    func lost(_ client: BenchClient, loop: ClientLoop, reason: String) {
        guard position[client.index] != nil else { return }
        failures.append("\(client.handle): \(reason)")
        complete(client, loop: loop)
    }

    /// Sends the client's next request, or finishes it.
    private func advance(_ client: BenchClient, loop: ClientLoop) {
        guard let offset = position[client.index] else { return }
        let secrets = invites[offset]
        if redeemed[offset] < secrets.count {
            loop.send(.redeem(secret: secrets[redeemed[offset]], handle: client.handle), on: client)
        } else if subscribe {
            loop.send(.subscribe, on: client)
        } else {
            complete(client, loop: loop)
        }
    }

    private func complete(_ client: BenchClient, loop: ClientLoop) {
        guard position.removeValue(forKey: client.index) != nil else { return }
        finished += 1
        active -= 1
        if disconnectWhenDone { loop.disconnect(client) }
        _ = tick(loop: loop, now: monotonicNanos())
    }
}

extension ClientLoop {
    /// Runs an `Enrollment` to the end; throws when it timed out or any client failed.
    @discardableResult
    func enroll(_ clients: [BenchClient], invites: [[[UInt8]]], subscribe: Bool, disconnectWhenDone: Bool = false,
                concurrency: Int = 256, deadline: UInt64) throws(BenchFailure) -> Enrollment {
        let enrollment = Enrollment(clients, invites: invites, subscribe: subscribe, disconnectWhenDone: disconnectWhenDone, concurrency: concurrency)
        let finished = run(enrollment, until: deadline)
        if let first = enrollment.failures.first {
            throw BenchFailure(description: "\(enrollment.failures.count) clients failed to enroll, first: \(first)")
        }
        guard finished else { throw BenchFailure(description: "enrollment timed out") }
        return enrollment
    }

    /// `count` new members of `room`, enrolled and subscribed.
    func members(_ count: Int, of room: UInt64, prefix: String, admin: Admin, deadline: UInt64) throws -> [BenchClient] {
        let secrets = try admin.memberInvites(room: room, uses: count)
        let made = makeClients(count, prefix: prefix)
        try enroll(made, invites: made.indices.map { [secrets[$0 / 1000]] }, subscribe: true, deadline: deadline)
        return made
    }
}
