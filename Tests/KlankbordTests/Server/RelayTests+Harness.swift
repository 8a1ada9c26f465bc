import Synchronization
import XCTest
import Klankbord
@testable import KlankbordConfig
@testable import KlankbordCrypto
@testable import KlankbordProtocol
@testable import KlankbordServer
@testable import KlankbordStorage

/// What the relay answered to one request: a response, or the error code a client would be told.
typealias Reply = Result<Response, ErrorCode>

/// A clock the tests move by hand, in seconds since 1970.
final class TestClock: Sendable {
    private let seconds: Atomic<Int64>

    init(_ start: Int64) { seconds = Atomic(start) }

    var now: Int64 { seconds.load(ordering: .relaxed) }

    func advance(by delta: Int64) { _ = seconds.add(delta, ordering: .relaxed) }
}

/// One client of the relay: a connection, its device key, and the account it redeemed (if any).
struct TestClient {
    let connection: ConnectionID
    let deviceKey: [UInt8]
    var account: AccountRecord?

    var id: UInt64 { account?.id ?? 0 }
    var handle: String { account?.handle ?? "" }
}

/// A `Relay` over an in-memory database, driven without sockets: it opens connections, sends requests,
/// decodes every output with `WireMessage.decode` and collects pushes and closes per connection.
final class RelayHarness {
    let database: Database
    let relay: Relay
    let clock: TestClock
    private var nextConnection: ConnectionID = 1
    private var nextRequestID: UInt32 = 1
    /// Pushes received per connection, in order.
    private(set) var pushes: [ConnectionID: [Push]] = [:]
    /// Connections the relay asked to close.
    private(set) var closed: Set<ConnectionID> = []

    init(config: Config = Config(), start: Int64 = 1_750_000_000, location: Database.Location = .memory) throws {
        database = try Database(location)
        let clock = TestClock(start)
        self.clock = clock
        relay = try Relay(database: database, config: config, clock: { clock.now })
    }

    // MARK: Connections and requests

    /// Opens a connection whose Noise handshake proved `deviceKey` (32 random bytes unless given).
    func open(deviceKey: [UInt8] = Random.bytes(32)) -> TestClient {
        let connection = nextConnection
        nextConnection += 1
        XCTAssertTrue(relay.process([.opened(connection, deviceKey: deviceKey)]).isEmpty)
        return TestClient(connection: connection, deviceKey: deviceKey, account: nil)
    }

    /// Another connection from the same device (a second terminal on the same profile).
    func reopen(_ client: TestClient) -> TestClient {
        var other = open(deviceKey: client.deviceKey)
        other.account = client.account
        return other
    }

    func close(_ client: TestClient) {
        XCTAssertTrue(relay.process([.closed(client.connection)]).isEmpty)
    }

    /// Sends one request and returns the relay's answer.
    @discardableResult
    func request(_ client: TestClient, _ request: Request, file: StaticString = #filePath, line: UInt = #line) -> Reply {
        batch([(client, request)], file: file, line: line)[0]
    }

    /// Sends several requests in one `process` call (one group commit); answers in the same order.
    func batch(_ requests: [(TestClient, Request)], file: StaticString = #filePath, line: UInt = #line) -> [Reply] {
        var inputs: [RelayInput] = []
        var expected: [UInt32: (ConnectionID, MessageType)] = [:]
        var order: [UInt32] = []
        for (client, request) in requests {
            let id = nextRequestID
            nextRequestID += 1
            inputs.append(.request(client.connection, id: id, request))
            expected[id] = (client.connection, request.type)
            order.append(id)
        }
        let replies = collect(relay.process(inputs), expected: expected, file: file, line: line)
        return order.map { id in
            guard let reply = replies[id] else {
                XCTFail("no answer to request \(id)", file: file, line: line)
                return .failure(.unavailable)
            }
            return reply
        }
    }

    /// Decodes every output: answers by request id, pushes into `pushes`, closes into `closed`.
    private func collect(_ outputs: [RelayOutput], expected: [UInt32: (ConnectionID, MessageType)],
                         file: StaticString, line: UInt) -> [UInt32: Reply] {
        var replies: [UInt32: Reply] = [:]
        for output in outputs {
            switch output {
            case let .send(connection, bytes):
                let message: WireMessage
                do {
                    message = try WireMessage.decode(bytes)
                } catch {
                    XCTFail("undecodable answer: \(error)", file: file, line: line)
                    continue
                }
                XCTAssertLessThanOrEqual(bytes.count, Noise.Transport.maxPlaintextLength, "an answer must fit one Noise message", file: file, line: line)
                let (id, reply, type): (UInt32, Reply, MessageType)
                switch message {
                case let .response(rid, response, rtype): (id, reply, type) = (rid, .success(response), rtype)
                case let .error(rid, code, rtype): (id, reply, type) = (rid, .failure(code), rtype)
                case .request, .push:
                    XCTFail("relay sent \(message) as an answer", file: file, line: line)
                    continue
                }
                guard let (owner, requestType) = expected[id] else {
                    XCTFail("answer to unknown request \(id)", file: file, line: line)
                    continue
                }
                XCTAssertEqual(connection, owner, "answer went to another connection", file: file, line: line)
                XCTAssertEqual(type, requestType, "answer carries another type", file: file, line: line)
                XCTAssertNil(replies[id], "two answers to request \(id)", file: file, line: line)
                replies[id] = reply
            case let .fanout(connections, bytes):
                guard case let .push(push)? = try? WireMessage.decode(bytes) else {
                    XCTFail("fanout of something that is not a push", file: file, line: line)
                    continue
                }
                XCTAssertEqual(Set(connections).count, connections.count, "a push listed one connection twice", file: file, line: line)
                for connection in connections { pushes[connection, default: []].append(push) }
            case let .close(connection):
                closed.insert(connection)
            }
        }
        return replies
    }

    /// The pushes `client`'s connection received since the last call, and forgets them.
    func takePushes(_ client: TestClient) -> [Push] {
        defer { pushes[client.connection] = nil }
        return pushes[client.connection] ?? []
    }

    /// Forgets every push received so far.
    func clearPushes() { pushes = [:] }

    // MARK: Building a community

    /// Bootstraps the server's first operator.
    func bootstrapOperator(handle: String = "beheerder") throws -> TestClient {
        let secret = try XCTUnwrap(try relay.bootstrapOperatorInvite())
        return try redeem(secret, handle: handle, on: open())
    }

    /// Redeems `secret` on `client`'s connection, which must succeed.
    func redeem(_ secret: [UInt8], handle: String, on client: TestClient, file: StaticString = #filePath, line: UInt = #line) throws -> TestClient {
        guard case let .redeemed(account, _, _, _) = try request(client, .redeem(secret: secret, handle: handle), file: file, line: line).get() else {
            throw Unexpected("redeem did not answer redeemed")
        }
        var registered = client
        registered.account = account
        return registered
    }

    /// An invite made by `client`, which must succeed.
    func invite(by client: TestClient, role: Role = .member, room: UInt64? = nil, uses: UInt16 = 1,
                expiresIn: UInt32 = 7 * 86_400, file: StaticString = #filePath, line: UInt = #line) throws -> (id: UInt64, secret: [UInt8]) {
        let reply = request(client, .inviteCreate(role: role, room: room, uses: uses, expiresInSeconds: expiresIn), file: file, line: line)
        guard case let .inviteCreated(id, secret, _, _) = try reply.get() else { throw Unexpected("inviteCreate did not answer inviteCreated") }
        return (id, secret)
    }

    /// A new device with an account made from an invite by `inviter`.
    func register(_ handle: String, role: Role = .member, room: UInt64? = nil, invitedBy inviter: TestClient,
                  file: StaticString = #filePath, line: UInt = #line) throws -> TestClient {
        let (_, secret) = try invite(by: inviter, role: role, room: room, file: file, line: line)
        return try redeem(secret, handle: handle, on: open(), file: file, line: line)
    }

    /// A group room made by `facilitator`.
    func createRoom(_ name: String, by facilitator: TestClient, file: StaticString = #filePath, line: UInt = #line) throws -> UInt64 {
        guard case let .room(id, _) = try request(facilitator, .roomCreate(name: name), file: file, line: line).get() else {
            throw Unexpected("roomCreate did not answer room")
        }
        return id
    }

    func subscribe(_ client: TestClient, file: StaticString = #filePath, line: UInt = #line) throws {
        _ = try request(client, .subscribe, file: file, line: line).get()
    }

    /// Sends an event with a fresh client id unless one is given.
    @discardableResult
    func send(_ payload: [UInt8], to room: UInt64, by client: TestClient, clientID: [UInt8] = Random.bytes(Request.clientIDLength),
              file: StaticString = #filePath, line: UInt = #line) -> Reply {
        request(client, .send(room: room, clientID: clientID, payload: payload), file: file, line: line)
    }

    /// The seq of a send that must succeed.
    func sentSeq(_ reply: Reply) throws -> UInt64 {
        guard case let .sent(seq, _) = try reply.get() else { throw Unexpected("send did not answer sent") }
        return seq
    }

    /// A fetch that must succeed.
    func fetch(_ room: UInt64, after: UInt64 = 0, limit: UInt16 = 100, by client: TestClient,
               file: StaticString = #filePath, line: UInt = #line) throws -> (events: [EventRecord], more: Bool) {
        guard case let .events(events, more) = try request(client, .fetch(room: room, afterSeq: after, limit: limit), file: file, line: line).get() else {
            throw Unexpected("fetch did not answer events")
        }
        return (events, more)
    }

    /// The handles in `room`, as `client` sees them.
    func memberHandles(_ room: UInt64, by client: TestClient) throws -> [String] {
        guard case let .members(list) = try request(client, .members(room: room)).get() else { throw Unexpected("members did not answer members") }
        return list.map(\.handle)
    }

    /// A count from the database.
    func count(_ sql: String, _ values: [SQLValue] = []) throws -> Int {
        try database.queryOne(sql, values) { $0.int(0) } ?? -1
    }

    /// The usual cast: an operator, a facilitator with a group room, a trusted person and a member in it,
    /// and an outsider (a member of no room).
    func community() throws -> Community {
        let op = try bootstrapOperator()
        let facilitator = try register("Fenna", role: .facilitator, invitedBy: op)
        let room = try createRoom("Klankbordgroep", by: facilitator)
        let trusted = try register("Hulplijn", role: .trusted, room: room, invitedBy: facilitator)
        let member = try register("Ana", room: room, invitedBy: facilitator)
        let outsider = try register("Bram", invitedBy: facilitator)
        clearPushes()
        return Community(op: op, facilitator: facilitator, trusted: trusted, member: member, outsider: outsider, room: room)
    }
}

struct Community {
    let op: TestClient
    let facilitator: TestClient
    let trusted: TestClient
    let member: TestClient
    let outsider: TestClient
    let room: UInt64
}

/// A step in a test's setup answered something other than what the test needs.
struct Unexpected: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension Result where Success == Response, Failure == ErrorCode {
    /// The error code, or nil for a response.
    var code: ErrorCode? {
        if case let .failure(code) = self { return code }
        return nil
    }
}
