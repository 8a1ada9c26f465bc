import Foundation
import Klankbord
@testable import KlankbordClient
@testable import KlankbordCrypto
@testable import KlankbordE2E
@testable import KlankbordProtocol
@testable import KlankbordStorage
import XCTest

/// The server as an attacker: between steps it stops, changes its own database, and starts again on the same port.
/// A `spy` table (filled by triggers) keeps a copy of every payload that ever passes through the events and inbox
/// tables, so a test can check what the server could hand to keys it holds, even after items are deleted.
struct HostileServer {
    let community: Community

    var databasePath: String { community.daemon.dataDirectory.path + "/klankbord.db" }

    /// Stops the daemon, runs `change` on its database, and starts it again where clients expect it.
    func tamper(_ change: (Database) throws -> Void) throws {
        community.daemon.terminate()
        do {
            let database = try Database(.file(databasePath))
            try change(database)
        }
        try community.daemon.start(port: community.daemon.port)
    }

    /// Starts copying every payload the server stores; call before the steps the test watches.
    func startSpying() throws {
        try tamper { database in
            try database.execute("""
                CREATE TABLE IF NOT EXISTS spy(payload BLOB NOT NULL);
                CREATE TRIGGER IF NOT EXISTS spy_events AFTER INSERT ON events BEGIN INSERT INTO spy VALUES (new.payload); END;
                CREATE TRIGGER IF NOT EXISTS spy_inbox AFTER INSERT ON inbox BEGIN INSERT INTO spy VALUES (new.payload); END;
                """)
        }
    }

    /// Every payload seen since `startSpying`.
    func spied() throws -> [[UInt8]] {
        let database = try Database(.file(databasePath), readOnly: true)
        return try database.query("SELECT payload FROM spy") { $0.blob(0) }
    }

    /// The server's id for `handle`.
    func account(_ handle: String) throws -> UInt64 {
        let database = try Database(.file(databasePath), readOnly: true)
        return try XCTUnwrap(try database.queryOne("SELECT id FROM accounts WHERE handle = ?", [.text(handle)]) { UInt64($0.int64(0)) })
    }

    /// The identity `handle` uploaded, as the server holds it now.
    func identity(of handle: String) throws -> IdentityKeys.PublicBundle {
        let database = try Database(.file(databasePath), readOnly: true)
        let bytes = try XCTUnwrap(try database.queryOne("SELECT i.bundle FROM identities i JOIN accounts a ON a.id = i.account_id WHERE a.handle = ?", [.text(handle)]) { $0.blob(0) })
        return try IdentityKeys.PublicBundle(serialized: bytes)
    }

    /// The prekey bundle of `handle` as the server would hand it out (with one of its one-time prekeys).
    func bundle(of handle: String) throws -> PrekeyBundle {
        let database = try Database(.file(databasePath), readOnly: true)
        let row = try XCTUnwrap(try database.queryOne("SELECT i.bundle, i.signed_prekey, i.account_id FROM identities i JOIN accounts a ON a.id = i.account_id WHERE a.handle = ?",
                                                      [.text(handle)]) { ($0.blob(0), $0.blob(1), $0.int64(2)) })
        let oneTime = try database.queryOne("SELECT public FROM one_time_prekeys WHERE account_id = ? ORDER BY key_id LIMIT 1", [.integer(row.2)]) { $0.blob(0) }
        return PrekeyBundle(identity: try IdentityKeys.PublicBundle(serialized: row.0), signedPrekey: try SignedPrekey.Public(serialized: row.1),
                            oneTimePrekey: try oneTime.map { try OneTimePrekey.Public(serialized: $0) })
    }

    /// Replaces the identity and prekeys the server hands out for `handle` with `keys`.
    func swapKeys(of handle: String, to keys: AttackerKeys) throws {
        let id = try account(handle)
        try tamper { database in
            try database.run("UPDATE identities SET bundle = ?, signed_prekey = ? WHERE account_id = ?",
                             [.blob(keys.identity.publicBundle.serialized()), .blob(keys.signed.publicPart.serialized()), .id(id)])
            try database.run("DELETE FROM one_time_prekeys WHERE account_id = ?", [.id(id)])
            try database.run("INSERT INTO one_time_prekeys(account_id, key_id, public) VALUES (?, ?, ?)",
                             [.id(id), .integer(Int64(keys.oneTime.id)), .blob(keys.oneTime.publicPart.serialized())])
        }
    }

    /// Puts back what `handle` really uploaded (saved by `savedKeys`).
    func restoreKeys(of handle: String, _ saved: (bundle: [UInt8], signed: [UInt8])) throws {
        let id = try account(handle)
        try tamper { database in
            try database.run("UPDATE identities SET bundle = ?, signed_prekey = ? WHERE account_id = ?", [.blob(saved.bundle), .blob(saved.signed), .id(id)])
            // The attacker's one-time prekey goes too (the real ones were deleted by the swap).
            try database.run("DELETE FROM one_time_prekeys WHERE account_id = ?", [.id(id)])
        }
    }

    func savedKeys(of handle: String) throws -> (bundle: [UInt8], signed: [UInt8]) {
        let database = try Database(.file(databasePath), readOnly: true)
        return try XCTUnwrap(try database.queryOne("SELECT i.bundle, i.signed_prekey FROM identities i JOIN accounts a ON a.id = i.account_id WHERE a.handle = ?",
                                                   [.text(handle)]) { ($0.blob(0), $0.blob(1)) })
    }

    /// Adds an event to `room` as if `sender` had sent it.
    func inject(_ payload: [UInt8], into room: UInt64, from sender: String) throws {
        let senderID = try account(sender)
        try tamper { database in
            let seq = try XCTUnwrap(try database.queryOne("SELECT last_seq FROM rooms WHERE id = ?", [.id(room)]) { $0.int64(0) }) + 1
            try database.run("INSERT INTO events(room_id, seq, sender_id, time, client_id, payload) VALUES (?, ?, ?, ?, ?, ?)",
                             [.id(room), .integer(seq), .id(senderID), .integer(Int64(Date().timeIntervalSince1970)), .blob(Random.bytes(Request.clientIDLength)), .blob(payload)])
            try database.run("UPDATE rooms SET last_seq = ? WHERE id = ?", [.integer(seq), .id(room)])
        }
    }

    /// Adds an inbox item for `recipient` as if `sender` had sent it.
    func injectInbox(_ payload: [UInt8], to recipient: String, from sender: String) throws {
        let (recipientID, senderID) = (try account(recipient), try account(sender))
        try tamper { database in
            try database.run("INSERT INTO inbox(account_id, sender_id, time, payload) VALUES (?, ?, ?, ?)",
                             [.id(recipientID), .id(senderID), .integer(Int64(Date().timeIntervalSince1970)), .blob(payload)])
        }
    }

    /// The group room called `name`.
    func room(_ name: String) throws -> UInt64 {
        let database = try Database(.file(databasePath), readOnly: true)
        return try XCTUnwrap(try database.queryOne("SELECT id FROM rooms WHERE name = ? AND kind = ?", [.text(name), .integer(Int64(RoomKind.group.rawValue))]) { UInt64($0.int64(0)) })
    }

    /// The direct room of two handles.
    func directRoom(_ a: String, _ b: String) throws -> UInt64 {
        let database = try Database(.file(databasePath), readOnly: true)
        return try XCTUnwrap(try database.queryOne("""
            SELECT r.id FROM rooms r JOIN members m1 ON m1.room_id = r.id JOIN accounts a1 ON a1.id = m1.account_id
            JOIN members m2 ON m2.room_id = r.id JOIN accounts a2 ON a2.id = m2.account_id
            WHERE r.kind = ? AND a1.handle = ? AND a2.handle = ?
            """, [.integer(Int64(RoomKind.direct.rawValue)), .text(a), .text(b)]) { UInt64($0.int64(0)) })
    }
}

/// Keys the attacker holds: an identity, a signed prekey and a one-time prekey of its own.
struct AttackerKeys {
    let identity = IdentityKeys()
    let signed: SignedPrekey
    let oneTime: OneTimePrekey
    /// The attacker's side of sessions it started itself (forged first messages).
    var record = SessionRecord()

    init() {
        signed = SignedPrekey(id: 1, createdAt: UInt64(Date().timeIntervalSince1970), identity: identity)
        oneTime = OneTimePrekey(id: 4242)
    }

    /// A first message from this identity to the owner of `bundle`, as a payload the client would send.
    mutating func firstMessage(_ text: String, to bundle: PrekeyBundle) throws -> [UInt8] {
        record.install(try X3DH.initiate(identity: identity, bundle: bundle))
        let message = try record.encrypt(PayloadEvent(content: .text(text)).serialized())
        return [Envelope.session.rawValue] + message.serialized()
    }

    /// A room key of the attacker's own for `room`, sealed in a first message to the owner of `bundle`, as an inbox payload.
    mutating func roomKey(_ chain: SenderKeyChain, to bundle: PrekeyBundle) throws -> [UInt8] {
        record.install(try X3DH.initiate(identity: identity, bundle: bundle))
        let message = try record.encrypt([ControlMessage.senderKeyDistribution.rawValue] + chain.distribution.serialized())
        return [Envelope.session.rawValue] + message.serialized()
    }

    /// Whether any of `payloads` opens with these keys: a session started to the attacker's prekeys, or a
    /// message in a session the attacker started.
    func opensAny(of payloads: [[UInt8]]) -> Bool {
        payloads.contains { payload in
            guard payload.first == Envelope.session.rawValue, let message = try? SessionMessage(serialized: Array(payload.dropFirst())) else { return false }
            var copy = record
            let (identity, signed, oneTime) = (self.identity, self.signed, self.oneTime)
            return (try? copy.decrypt(message, identity: identity, signedPrekey: { $0 == signed.id ? signed : nil },
                                      oneTimePrekey: { $0 == oneTime.id ? oneTime : nil })) != nil
        }
    }
}
