import Klankbord
@testable import KlankbordCrypto
@testable import KlankbordE2E
@testable import KlankbordTrust
import XCTest

/// docs/vectors/logs.json: a membership-log entry of every kind (docs/TRUST.md), signed with fixed keys, in a
/// roster (genesis, invite, join) and a sealed room log (genesis, invite, join, add, revoke, remove, leave),
/// with the invite keys, the join proofs, the welcome and the invite anchor. The reducers accept every entry.
final class LogEntryVectorTests: XCTestCase {
    private struct Person {
        let name: String, account: UInt64, keys: IdentityKeys
        init(_ name: String, _ account: UInt64) throws {
            self.name = name
            self.account = account
            keys = IdentityKeys(signingKey: try Ed25519.SigningKey(seed: fixedSecret("\(name)/identity-ed25519")),
                                agreementKey: try fixedX25519("\(name)/identity-x25519"))
        }
    }

    /// Appends signed entries to one log and records each with every input an implementer needs.
    private struct Chain {
        let scope: UInt64
        var head = LogEntry.zeroHash
        var entries: [LogEntry] = []
        var json: [[String: Any]] = []

        mutating func append(_ body: LogBody, by author: Person, fields: [String: Any]) -> LogEntry {
            let time = Int64(1_800_000_000 + entries.count * 60)
            let entry = LogEntry(scope: scope, prev: head, time: time, author: author.account, body: body, signer: author.keys.signingKey)
            let unsigned = LogEntry.unsignedBytes(scope: scope, prev: head, time: time, author: author.account, body: body)
            var fields = fields
            fields["kind"] = "\(body.kind)"
            json.append(fields.merging([
                "index": entries.count, "author": Int(author.account), "signer": author.name, "time": Int(time),
                "prev": hex(head), "kind_code": Int(body.kind.rawValue), "body": hex(Array(unsigned.dropFirst(58))),
                "unsigned": hex(unsigned), "signature": hex(entry.signature), "entry": hex(entry.bytes), "hash": hex(entry.hash),
            ]) { mine, _ in mine })
            head = entry.hash
            entries.append(entry)
            return entry
        }
    }

    // One test on purpose: the refused entries are offered on top of the valid log the first part builds.
    func testEveryLogEntryKindMatchesTheCommittedVectors() throws {
        let root = try Person("root", 1), fien = try Person("fien", 2), anna = try Person("anna", 3), bea = try Person("bea", 4)
        let carla = try Person("carla", 5)
        let rosterSecret = fixedSecret("roster-invite").unprotectedBytes, roomSecret = fixedSecret("room-invite").unprotectedBytes
        let secondSecret = fixedSecret("second-room-invite").unprotectedBytes
        let rosterInvite = try InviteKey(secret: rosterSecret), roomInvite = try InviteKey(secret: roomSecret)
        let secondInvite = try InviteKey(secret: secondSecret)
        let expires: Int64 = 1_800_086_400

        var roster = Chain(scope: 0)
        _ = roster.append(.genesis(handle: "root", identity: root.keys.publicBundle), by: root, fields: ["handle": "root", "identity": "root"])
        _ = roster.append(.invite(LogInviteTerms(key: rosterInvite.publicKey, role: .facilitator, uses: 1, expires: expires)), by: root,
                          fields: ["invite": "roster", "role": 2, "uses": 1, "expires": Int(expires)])
        let rosterProof = rosterInvite.proof(scope: 0, account: fien.account, identity: fien.keys.publicBundle, handle: "fien")
        _ = roster.append(.join(LogJoin(inviteKey: rosterInvite.publicKey, handle: "fien", identity: fien.keys.publicBundle, proof: rosterProof)),
                          by: fien, fields: ["invite": "roster", "handle": "fien", "identity": "fien", "proof": hex(rosterProof),
                                             "proof_message": hex(InviteKey.proofMessage(scope: 0, account: 2, identity: fien.keys.publicBundle, handle: "fien"))])

        var room = Chain(scope: 10)
        _ = room.append(.genesis(handle: "fien", identity: fien.keys.publicBundle), by: fien, fields: ["handle": "fien", "identity": "fien"])
        let roomInviteEntry = room.append(.invite(LogInviteTerms(key: roomInvite.publicKey, role: .member, uses: 3, expires: expires)), by: fien,
                                          fields: ["invite": "room", "role": 4, "uses": 3, "expires": Int(expires)])
        let rosterHeadAtInvite = roster.head
        let roomProof = roomInvite.proof(scope: 10, account: anna.account, identity: anna.keys.publicBundle, handle: "anna")
        _ = room.append(.join(LogJoin(inviteKey: roomInvite.publicKey, handle: "anna", identity: anna.keys.publicBundle, proof: roomProof)),
                        by: anna, fields: ["invite": "room", "handle": "anna", "identity": "anna", "proof": hex(roomProof),
                                           "proof_message": hex(InviteKey.proofMessage(scope: 10, account: 3, identity: anna.keys.publicBundle, handle: "anna"))])
        _ = room.append(.add(account: bea.account, handle: "bea", identity: bea.keys.publicBundle, role: .member), by: fien,
                        fields: ["account": 4, "handle": "bea", "identity": "bea", "role": 4])
        _ = room.append(.invite(LogInviteTerms(key: secondInvite.publicKey, role: .member, uses: 2, expires: expires)), by: fien,
                        fields: ["invite": "second", "role": 4, "uses": 2, "expires": Int(expires)])
        _ = room.append(.revoke(inviteKey: roomInvite.publicKey), by: fien, fields: ["invite": "room"])
        _ = room.append(.remove(account: bea.account), by: fien, fields: ["account": 4])
        _ = room.append(.leave, by: anna, fields: [:])

        // The reducers take every entry: the vectors are valid logs, not just well-formed bytes.
        let rosterState = Roster(entries: roster.entries.map(\.bytes))
        XCTAssertEqual(rosterState.log.warnings, [])
        XCTAssertEqual(rosterState.role(of: fien.account), .facilitator)
        var membership = RoomMembership(room: 10)
        for entry in room.entries { membership.apply(entry.bytes, roster: rosterState) }
        XCTAssertEqual(membership.log.warnings, [])
        XCTAssertEqual(membership.memberIDs, [fien.account])
        XCTAssertEqual(membership.log.bans, [bea.account: 6])

        // Sealed as stored on the server, each with a fixed nonce here (a client draws it at random).
        let roomKey = try RoomLogKey(fixedSecret("room-log-key"))
        for index in room.json.indices {
            let nonce = Array(fixedSecret("room-log-nonce/\(index)").unprotectedBytes.prefix(24))
            let ad = RoomLogKey.entryData(room: 10, index: UInt32(index))
            let stored = nonce + (try AEAD.xChaCha20Poly1305.seal(room.entries[index].bytes, key: roomKey.secret, nonce: nonce, associatedData: ad))
            XCTAssertEqual(try roomKey.open(stored: stored, room: 10, index: UInt32(index)), room.entries[index].bytes)
            room.json[index]["nonce"] = hex(nonce)
            room.json[index]["aead_ad"] = hex(ad)
            room.json[index]["stored"] = hex(stored)
        }
        let welcomeKey = try InviteKey.welcomeKey(secret: roomSecret)
        let welcomeNonce = Array(fixedSecret("welcome-nonce").unprotectedBytes.prefix(24))
        let welcomePlaintext = [UInt8(1)] + roomKey.secret.unprotectedBytes
        let welcome = welcomeNonce + (try AEAD.xChaCha20Poly1305.seal(welcomePlaintext, key: welcomeKey, nonce: welcomeNonce,
                                                                      associatedData: RoomLogKey.welcomeData(room: 10)))
        XCTAssertEqual(try RoomLogKey(welcome: welcome, room: 10, inviteSecret: roomSecret), roomKey)
        let context = InviteContext.context(rosterHead: rosterHeadAtInvite, roomHead: roomInviteEntry.hash)

        // Entries every client ignores, each offered alone on top of the room log above, with the refusal it gets.
        var refused: [[String: Any]] = []
        func refuse(_ name: String, _ entry: [UInt8], _ expected: LogRefusal) throws {
            var copy = membership
            copy.apply(entry, roster: rosterState)
            XCTAssertEqual(copy.log.warnings.last?.refusal, expected, name)
            XCTAssertEqual(copy.memberIDs, membership.memberIDs, name)
            refused.append(["name": name, "entry": hex(entry), "refusal": "\(expected)"])
        }
        let now = Int64(1_800_000_000 + room.entries.count * 60)
        func joinBy(_ person: Person, _ key: InviteKey, handle: String, scope: UInt64 = 10, time: Int64 = now) -> [UInt8] {
            let join = LogJoin(inviteKey: key.publicKey, handle: handle, identity: person.keys.publicBundle,
                               proof: key.proof(scope: scope, account: person.account, identity: person.keys.publicBundle, handle: handle))
            return LogEntry(scope: 10, prev: room.head, time: time, author: person.account, body: .join(join), signer: person.keys.signingKey).bytes
        }
        let thirdKey = try InviteKey(secret: fixedSecret("third-room-invite").unprotectedBytes).publicKey
        let newInvite = LogBody.invite(LogInviteTerms(key: thirdKey, role: .member, uses: 1, expires: expires))
        try refuse("a removed member joins through an invite made before the removal", joinBy(bea, secondInvite, handle: "bea"), .banned)
        try refuse("a join through a revoked invite", joinBy(carla, roomInvite, handle: "carla"), .inviteUnknown)
        try refuse("a join whose proof names another log", joinBy(carla, secondInvite, handle: "carla", scope: 11), .badProof)
        try refuse("a join after the invite expired", joinBy(carla, secondInvite, handle: "carla", time: expires + 1), .inviteExpired)
        try refuse("a join with a handle a member has (ignoring case)", joinBy(carla, secondInvite, handle: "FIEN"), .handleTaken)
        try refuse("an entry that names an older entry as prev", LogEntry(scope: 10, prev: room.entries[2].hash, time: now, author: 2,
                                                                          body: newInvite, signer: fien.keys.signingKey).bytes, .fork)
        try refuse("an entry that names an unknown prev", LogEntry(scope: 10, prev: [UInt8](repeating: 0xEE, count: 32), time: now, author: 2,
                                                                   body: newInvite, signer: fien.keys.signingKey).bytes, .gap)
        try refuse("the last entry again", room.entries[room.entries.count - 1].bytes, .duplicate)
        try refuse("an entry for the facilitator signed by someone else", LogEntry(scope: 10, prev: room.head, time: now, author: 2,
                                                                                   body: newInvite, signer: carla.keys.signingKey).bytes, .badSignature)
        try refuse("a room invite that grants more than member", LogEntry(
            scope: 10, prev: room.head, time: now, author: 2,
            body: .invite(LogInviteTerms(key: thirdKey, role: .facilitator, uses: 1, expires: expires)), signer: fien.keys.signingKey).bytes,
            .notAuthorised)
        try refuse("an invite whose key an earlier invite used", LogEntry(
            scope: 10, prev: room.head, time: now, author: 2,
            body: .invite(LogInviteTerms(key: secondInvite.publicKey, role: .member, uses: 1, expires: expires)), signer: fien.keys.signingKey).bytes,
            .duplicate)
        try refuse("an entry by someone who is not a member", LogEntry(scope: 10, prev: room.head, time: now, author: 4,
                                                                       body: .leave, signer: bea.keys.signingKey).bytes, .notAMember)
        try refuse("a second genesis", LogEntry(scope: 10, prev: room.head, time: now, author: 2,
                                                body: .genesis(handle: "fien", identity: fien.keys.publicBundle), signer: fien.keys.signingKey).bytes,
                   .misplacedGenesis)
        try refuse("an add under another identity than the roster holds", LogEntry(
            scope: 10, prev: room.head, time: now, author: 2,
            body: .add(account: 1, handle: "rooty", identity: carla.keys.publicBundle, role: .member), signer: fien.keys.signingKey).bytes,
            .identityMismatch)

        func invite(_ secret: [UInt8], _ key: InviteKey) throws -> [String: Any] {
            ["secret": hex(secret), "signing_seed": hex(key.signingKey.seed), "public_key": hex(key.publicKey.bytes),
             "welcome_key": hex(try InviteKey.welcomeKey(secret: secret)), "redeem_token": hex(try InviteKey.redeemToken(secret: secret))]
        }
        func identity(_ person: Person) -> [String: Any] {
            VectorPeople.json(person.keys).merging(["account": Int(person.account), "bundle": hex(person.keys.publicBundle.serialized())]) { a, _ in a }
        }
        try VectorFiles.check("logs.json", [
            "description": "docs/TRUST.md: a roster (scope 0) and the sealed log of group room 10 holding an entry of every kind, signed with fixed keys.",
            "identities": ["root": identity(root), "fien": identity(fien), "anna": identity(anna), "bea": identity(bea), "carla": identity(carla)],
            "invites": ["roster": try invite(rosterSecret, rosterInvite), "room": try invite(roomSecret, roomInvite),
                        "second": try invite(secondSecret, secondInvite)],
            "roster": ["scope": 0, "entries": roster.json],
            "room": ["scope": 10, "room_log_key": hex(roomKey.secret), "entries": room.json],
            "refused": refused,
            "welcome": ["room": 10, "invite": "room", "nonce": hex(welcomeNonce), "plaintext": hex(welcomePlaintext),
                        "aead_ad": hex(RoomLogKey.welcomeData(room: 10)), "welcome": hex(welcome)],
            "anchor": ["inviter": "fien", "invite": "room", "roster_head": hex(rosterHeadAtInvite), "room_head": hex(roomInviteEntry.hash),
                       "context": hex(context),
                       "commitment": hex(InviteContext.commitment(inviter: fien.keys.publicBundle, context: context))],
        ])
    }
}
