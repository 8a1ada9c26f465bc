import XCTest
import Klankbord
@testable import KlankbordCrypto
@testable import KlankbordE2E
@testable import KlankbordProtocol
@testable import KlankbordTrust

/// Someone who signs log entries: an account id, a handle and a fresh identity.
struct LogPerson {
    let account: UInt64
    let handle: String
    let identity = IdentityKeys()

    var bundle: IdentityKeys.PublicBundle { identity.publicBundle }
}

/// Writes a chain the way honest clients would: each entry names the previous one written through `append`.
struct ChainWriter {
    let scope: UInt64
    var head = LogEntry.zeroHash
    var entries: [[UInt8]] = []
    var time: Int64 = 1_800_000_000

    init(scope: UInt64) {
        self.scope = scope
    }

    /// Signs `body` by `person` on top of the chain and keeps it as the new head.
    @discardableResult
    mutating func append(_ body: LogBody, by person: LogPerson) -> [UInt8] {
        let entry = make(body, by: person)
        head = LogEntry(scope: scope, prev: head, time: time, author: person.account, body: body, signer: person.identity.signingKey).hash
        entries.append(entry)
        return entry
    }

    /// Signs `body` on top of the chain without making it the head (for entries a log must refuse).
    func make(_ body: LogBody, by person: LogPerson, author: UInt64? = nil, scope: UInt64? = nil, time: Int64? = nil) -> [UInt8] {
        LogEntry(scope: scope ?? self.scope, prev: head, time: time ?? self.time, author: author ?? person.account, body: body,
                 signer: person.identity.signingKey).bytes
    }

    /// A `join` body for `person` through the invite made with `secret`, proven for log `scope` (default: this one).
    func join(_ person: LogPerson, secret: [UInt8], provenFor scope: UInt64? = nil, handle: String? = nil) throws -> LogBody {
        let key = try InviteKey(secret: secret)
        let handle = handle ?? person.handle
        let proof = key.proof(scope: scope ?? self.scope, account: person.account, identity: person.bundle, handle: handle)
        return .join(LogJoin(inviteKey: key.publicKey, handle: handle, identity: person.bundle, proof: proof))
    }

    /// An `invite` body for the invite made with `secret`.
    func invite(secret: [UInt8], role: Role = .member, uses: UInt16 = 5, expires: Int64 = 1_900_000_000) throws -> LogBody {
        .invite(LogInviteTerms(key: try InviteKey(secret: secret).publicKey, role: role, uses: uses, expires: expires))
    }
}

/// A community: an operator, a facilitator (fien), three members, and a room (10) that fien created.
struct TrustCommunity {
    static let roomID: UInt64 = 10
    let op = LogPerson(account: 1, handle: "beheer")
    let fien = LogPerson(account: 2, handle: "fien")
    let ann = LogPerson(account: 3, handle: "ann")
    let bea = LogPerson(account: 4, handle: "bea")
    let cor = LogPerson(account: 5, handle: "cor")
    var rosterChain = ChainWriter(scope: LogEntry.rosterScope)
    var roomChain = ChainWriter(scope: TrustCommunity.roomID)

    init() {
        rosterChain.append(.genesis(handle: op.handle, identity: op.bundle), by: op)
        rosterChain.append(.add(account: fien.account, handle: fien.handle, identity: fien.bundle, role: .facilitator), by: op)
        roomChain.append(.genesis(handle: fien.handle, identity: fien.bundle), by: fien)
    }

    var roster: Roster { Roster(entries: rosterChain.entries) }

    /// The room state after its chain plus `extra` entries, against the current roster.
    func room(_ extra: [[UInt8]] = []) -> RoomMembership {
        let roster = self.roster
        var room = RoomMembership(room: TrustCommunity.roomID)
        for entry in roomChain.entries + extra { room.apply(entry, roster: roster) }
        return room
    }

    /// A fresh 32-byte invite secret.
    static func secret() -> [UInt8] { Random.bytes(Request.secretLength) }
}

extension LogState {
    /// The refusals recorded, in order, without positions.
    var refusals: [LogRefusal] { warnings.map(\.refusal) }
}
