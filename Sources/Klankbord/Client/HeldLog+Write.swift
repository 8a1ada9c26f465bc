import KlankbordCrypto
import KlankbordProtocol
import KlankbordTrust

/// How the client reaches one server's logs; `ClientConnection.logServer` makes the real one, tests a relay harness.
public struct LogServer<Failure: Error> {
    /// One page from index `after` on: (scope, after) → (records, more).
    public var fetch: (UInt64, UInt32) throws(Failure) -> (records: [LogRecord], more: Bool)
    /// Appends at an index: (scope, index, stored entry) → false when the server answers `log_conflict`.
    public var append: (UInt64, UInt32, [UInt8]) throws(Failure) -> Bool

    /// A server from its two operations.
    public init(fetch: @escaping (UInt64, UInt32) throws(Failure) -> (records: [LogRecord], more: Bool),
                append: @escaping (UInt64, UInt32, [UInt8]) throws(Failure) -> Bool) {
        self.fetch = fetch
        self.append = append
    }
}

/// What became of an attempt to write a log entry.
public enum LogWriteOutcome: Sendable, Equatable {
    /// Stored at this index.
    case written(index: UInt32)
    /// The entry would break a rule on top of the current state; nothing was sent.
    case refused(LogRefusal)
    /// The server's log skipped or repeated an index; nothing was sent.
    case gap
    /// Others kept writing first; nothing was stored. Try again later.
    case busy
}

/// A reduced roster or room log, to try an entry on before sending it.
enum ReducedLog {
    case roster(Roster)
    case room(RoomMembership, Roster)

    var log: LogState {
        switch self {
        case let .roster(roster): roster.log
        case let .room(room, _): room.log
        }
    }

    mutating func apply(_ entry: [UInt8]) {
        switch self {
        case var .roster(roster):
            roster.apply(entry)
            self = .roster(roster)
        case .room(var room, let roster):
            room.apply(entry, roster: roster)
            self = .room(room, roster)
        }
    }
}

extension HeldLog {
    /// How many times a write signs again after `log_conflict` before giving up.
    static let writeAttempts = 5

    /// The reduced log as this device derives it: for the roster its own entries, for a room against `roster`.
    func reduced(roster: Roster) -> ReducedLog {
        scope == LogEntry.rosterScope ? .roster(self.roster()) : .room(membership(roster: roster), roster)
    }

    /// Signs `body` on top of the current head and appends it: syncs first, checks that every client will
    /// accept it, and after `log_conflict` syncs, checks and signs again (docs/TRUST.md, "Writing").
    public mutating func write<Failure: Error>(_ body: LogBody, author: UInt64, signer: Ed25519.SigningKey, time: Int64,
                                               roster: Roster, through server: LogServer<Failure>) throws(Failure) -> LogWriteOutcome {
        for _ in 0..<Self.writeAttempts {
            guard try sync(server.fetch) else { return .gap }
            var state = reduced(roster: roster)
            let entry = LogEntry(scope: scope, prev: state.log.head, time: time, author: author, body: body, signer: signer)
            let warningsBefore = state.log.warnings.count
            state.apply(entry.bytes)
            if state.log.warnings.count > warningsBefore, let warning = state.log.warnings.last { return .refused(warning.refusal) }
            let index = nextIndex
            let stored: [UInt8]
            if let key {
                do {
                    stored = try key.seal(entry: entry.bytes, room: scope, index: index)
                } catch {
                    return .refused(.malformed)
                }
            } else {
                stored = entry.bytes
            }
            if try server.append(scope, index, stored) {
                entries.append(entry.bytes)
                return .written(index: index)
            }
        }
        return .busy
    }
}

extension ClientConnection {
    /// This connection as a `LogServer`.
    public var logServer: LogServer<ClientError> {
        let fetch: (UInt64, UInt32) throws(ClientError) -> (records: [LogRecord], more: Bool) = { scope, after throws(ClientError) in
            try self.logPage(scope: scope, after: after)
        }
        let append: (UInt64, UInt32, [UInt8]) throws(ClientError) -> Bool = { scope, index, entry throws(ClientError) in
            do throws(ClientError) {
                try self.appendLog(scope: scope, index: index, entry: entry)
                return true
            } catch {
                guard error == .server(.logConflict) else { throw error }
                return false
            }
        }
        return LogServer(fetch: fetch, append: append)
    }
}
