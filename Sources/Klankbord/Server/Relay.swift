import KlankbordConfig
import KlankbordProtocol
import KlankbordStorage

/// The server's core: answers requests from the database and decides who receives which push.
///
/// One thread owns a `Relay` and its `Database`. It takes requests in batches and runs each batch in one
/// transaction, so many sends share one commit (group commit). Nothing is acknowledged before its
/// transaction commits: responses and pushes leave only after `COMMIT` returns.
public final class Relay {
    let database: Database
    /// The settings in force; the relay thread swaps in reloaded ones between batches (SIGHUP).
    var config: Config
    let clock: @Sendable () -> Int64
    var sessions: [ConnectionID: Session] = [:]
    /// Subscribed connections per account, for pushes.
    var subscribers: [UInt64: [ConnectionID]] = [:]
    /// Members per room as committed, so a send does not query them. Any change of membership drops the
    /// room's entry; any rolled-back request drops them all (it may have read uncommitted changes).
    var memberCache: [UInt64: [UInt64]] = [:]
    /// Test-only: stops the thread at a named point of a send (see `TestPause`); nil on a real server.
    var testPause: TestPause?
    /// Where refusals are counted for the metrics page; nil in unit tests.
    var metrics: Metrics?
    /// Redeem requests in the current minute, daemon-wide (`redeems_per_minute`).
    var redeemWindow = MinuteWindow()
    /// Whether some room may have a disappearing timer; true at start so the first sweep looks.
    var hasDisappearingRooms = true
    /// The database's restore generation, read once: only `klankbordd restore` changes it, never while the daemon runs.
    let generation: [UInt8]
    /// The server public key new invites carry (`serverInfo`); the daemon sets it, unit tests may leave zeros.
    var inviteKey = [UInt8](repeating: 0, count: ServerInfo.keyLength)

    /// What the relay knows of one connection.
    struct Session {
        let deviceKey: [UInt8]
        var account: UInt64?
        var subscribed = false
        var redeemWindowStart: Int64 = 0
        var redeemAttempts = 0
    }

    /// The result of one request before its transaction commits.
    struct Outcome {
        var response: Response
        var pushes: [(accounts: [UInt64], push: Push, except: ConnectionID?)] = []
        var effects: [Effect] = []
        /// Answered as this error, yet committed: a refused redeem still spends its attempt.
        var failure: ErrorCode?
    }

    /// Changes to the in-memory session tables, applied only after a commit.
    enum Effect {
        case bind(ConnectionID, account: UInt64)
        case subscribe(ConnectionID, account: UInt64)
        /// Closes every connection of the account: those bound to it and those that only proved its device key.
        case dropAccount(UInt64, deviceKey: [UInt8])
    }

    /// A relay over `database` (migrated here), with limits from `config`; `clock` gives seconds since 1970.
    public init(database: Database, config: Config, clock: @escaping @Sendable () -> Int64) throws(StorageError) {
        try database.migrate(ServerSchema.migrations)
        generation = try ServerSchema.generation(database)
        self.database = database
        self.config = config
        self.clock = clock
    }

    /// Handles a batch of inputs and returns what to send, in order.
    public func process(_ batch: [RelayInput]) -> [RelayOutput] {
        var output: [RelayOutput] = []
        var pending: [(ConnectionID, UInt32, Request)] = []
        for input in batch {
            switch input {
            case let .opened(connection, key):
                sessions[connection] = Session(deviceKey: key)
            case let .closed(connection):
                forget(connection)
            case let .request(connection, id, request):
                pending.append((connection, id, request))
            }
        }
        guard !pending.isEmpty else { return output }
        var results: [(ConnectionID, UInt32, Request, Result<Outcome, ErrorCode>)] = []
        if pending.count == 1 {
            // One request: its own transaction is enough, no savepoint.
            let (connection, id, request) = pending[0]
            results = [(connection, id, request, attempt {
                try database.transaction {
                    let outcome = try handle(request, from: connection)
                    testPause?.reached(.beforeCommit, [request])
                    return outcome
                }
            })]
        } else {
            do {
                try database.transaction {
                    results = pending.map { connection, id, request in
                        (connection, id, request, attempt { try database.savepoint { try handle(request, from: connection) } })
                    }
                    testPause?.reached(.beforeCommit, pending.map(\.2))
                }
            } catch {
                // The shared commit failed (for example the disk is full): try each request alone, so reads still work.
                memberCache = [:]
                results = pending.map { connection, id, request in
                    (connection, id, request, attempt { try database.transaction { try handle(request, from: connection) } })
                }
            }
        }
        testPause?.reached(.afterCommit, pending.map(\.2))
        for (connection, id, request, result) in results {
            switch result {
            case let .success(outcome):
                if let code = outcome.failure {
                    metrics?.refused(code)
                    output.append(.send(connection, WireMessage.error(id: id, code, type: request.type).encoded()))
                    continue
                }
                let encoded = WireMessage.response(id: id, outcome.response, type: request.type).encoded()
                // An answer that cannot fit in one Noise message is refused clearly rather than lost.
                guard encoded.count <= Noise.Transport.maxPlaintextLength else {
                    metrics?.refused(.tooLarge)
                    output.append(.send(connection, WireMessage.error(id: id, .tooLarge, type: request.type).encoded()))
                    apply(outcome, to: &output)
                    continue
                }
                output.append(.send(connection, encoded))
                apply(outcome, to: &output)
            case let .failure(code):
                metrics?.refused(code)
                output.append(.send(connection, WireMessage.error(id: id, code, type: request.type).encoded()))
            }
        }
        return output
    }

    /// Runs `body`, turning every failure into the code a client is told.
    private func attempt(_ body: () throws -> Outcome) -> Result<Outcome, ErrorCode> {
        do {
            return .success(try body())
        } catch {
            // The request's changes were rolled back; cached member lists may have seen them.
            memberCache = [:]
            return .failure(Relay.code(for: error))
        }
    }


    /// The code a client is told for a failure.
    private static func code(for error: any Error) -> ErrorCode {
        switch error {
        case let code as ErrorCode: code
        case let storage as StorageError where storage == .diskFull || storage == .readOnly: .storageFull
        default: .unavailable
        }
    }

    private func apply(_ outcome: Outcome, to output: inout [RelayOutput]) {
        for effect in outcome.effects {
            switch effect {
            case let .bind(connection, account):
                sessions[connection]?.account = account
            case let .subscribe(connection, account):
                guard sessions[connection]?.subscribed == false else { continue }
                sessions[connection]?.subscribed = true
                subscribers[account, default: []].append(connection)
            case let .dropAccount(account, deviceKey):
                for (connection, session) in sessions where session.account == account || session.deviceKey == deviceKey {
                    output.append(.close(connection))
                    forget(connection)
                }
            }
        }
        for (accounts, push, except) in outcome.pushes {
            var targets: [ConnectionID] = []
            for account in accounts {
                for connection in subscribers[account] ?? [] where connection != except { targets.append(connection) }
            }
            if !targets.isEmpty { output.append(.fanout(targets, WireMessage.push(push).encoded())) }
        }
    }

    private func forget(_ connection: ConnectionID) {
        guard let session = sessions.removeValue(forKey: connection) else { return }
        if session.subscribed, let account = session.account {
            subscribers[account]?.removeAll { $0 == connection }
            if subscribers[account]?.isEmpty == true { subscribers[account] = nil }
        }
    }

    /// Runs one request inside the open transaction.
    private func handle(_ request: Request, from connection: ConnectionID) throws -> Outcome {
        switch request {
        case .ping: return Outcome(response: .pong)
        case let .redeem(secret, handle): return try redeem(secret: secret, handle: handle, from: connection)
        default: break
        }
        let me = try caller(connection)
        switch request {
        case .ping, .redeem: preconditionFailure("answered above")
        case .whoami: return Outcome(response: .account(me))
        case .deleteAccount: return try deleteAccount(me)
        case let .inviteCreate(role, room, uses, expires, keyed):
            return try createInvite(by: me, role: role, room: room, uses: uses, expiresIn: expires, keyed: keyed)
        case .inviteList: return try listInvites(for: me)
        case let .inviteRevoke(id): return try revokeInvite(id, by: me)
        case let .roomCreate(name): return try createRoom(named: name, by: me)
        case .rooms: return try listRooms(of: me)
        case let .members(room): return try listMembers(of: room, for: me)
        case let .roomLeave(room): return try leave(room, me)
        case let .roomRemove(room, handle): return try remove(handle, from: room, by: me)
        case let .directOpen(handle): return try openDirect(with: handle, by: me)
        case let .contactCodeCreate(expires): return try createContactCode(for: me, expiresIn: expires)
        case let .directOpenWithCode(secret): return try openDirect(withCode: secret, by: me)
        case let .send(room, clientID, payload): return try send(payload, to: room, clientID: clientID, by: me, from: connection)
        case let .fetch(room, after, limit): return try fetch(room, after: after, limit: limit, for: me)
        case .subscribe: return try subscribe(connection, me)
        case let .inboxPut(recipient, payload): return try putInbox([InboxDelivery(recipient: recipient, payload: payload)], by: me, single: true)
        case let .inboxPutMany(items): return try putInbox(items, by: me)
        case let .prekeysUpload(identity, signedPrekey, oneTimePrekeys):
            return try uploadPrekeys(identity: identity, signedPrekey: signedPrekey, oneTimePrekeys: oneTimePrekeys, for: me)
        case .prekeyCount: return Outcome(response: .prekeyCount(try prekeyCount(of: me.id)))
        case let .bundles(accounts, consume): return try bundles(of: accounts, consume: consume, for: me)
        case let .inboxFetch(limit): return try fetchInbox(of: me, limit: limit)
        case let .inboxAck(ids): return try ackInbox(ids, of: me)
        case let .roomAdd(room, account): return try add(account, to: room, by: me)
        case let .logFetch(scope, after, limit): return try fetchLog(scope, after: after, limit: limit, for: me)
        case let .logAppend(scope, index, entry): return try appendLog(scope, index: index, entry: entry, by: me, from: connection)
        case let .roomSettings(room): return try roomSettings(of: room, for: me)
        case let .roomSettingsSet(room, settings): return try setRoomSettings(settings, of: room, by: me)
        case .serverInfo: return try serverInfo(for: me)
        case let .roomKeep(room, keep): return try setRoomKeep(keep, of: room, by: me)
        }
    }

    /// The account bound to `connection`, looked up by device key until it is bound.
    private func caller(_ connection: ConnectionID) throws -> AccountRecord {
        guard let session = sessions[connection] else { throw ErrorCode.notRegistered }
        let found: AccountRecord?
        if let id = session.account {
            found = try account(id: id)
        } else {
            found = try account(deviceKey: session.deviceKey)
        }
        guard let found else { throw ErrorCode.notRegistered }
        return found
    }

    func account(deviceKey: [UInt8]) throws -> AccountRecord? {
        try database.queryOne("SELECT id, handle, role FROM accounts WHERE device_key = ?", [.blob(deviceKey)], Relay.accountRow)
    }

    func account(id: UInt64) throws -> AccountRecord? {
        try database.queryOne("SELECT id, handle, role FROM accounts WHERE id = ?", [.id(id)], Relay.accountRow)
    }

    static func accountRow(_ row: Row) -> AccountRecord {
        AccountRecord(id: UInt64(row.int64(0)), handle: row.text(1), role: Role(rawValue: UInt8(truncatingIfNeeded: row.int64(2))) ?? .member)
    }
}
