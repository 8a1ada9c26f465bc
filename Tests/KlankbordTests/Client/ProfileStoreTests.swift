import Foundation
import XCTest
import Klankbord
@testable import KlankbordClient
@testable import KlankbordCrypto
@testable import KlankbordE2E
@testable import KlankbordProtocol
@testable import KlankbordStorage
@testable import KlankbordSystem

/// The local store as a person relies on it: history in order, read cursors that never move back, rooms left
/// taking their history and keys with them, and rows that name no room, account or time in plain bytes.
final class ProfileStoreTests: XCTestCase {
    private var directory = ""

    /// Distinctive ids, so a plain copy of one in the file cannot be a coincidence.
    private let room: UInt64 = 7_304_918_275
    private let otherRoom: UInt64 = 7_304_918_276
    private let sender: UInt64 = 6_215_830_911

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("klankbord-profile-\(UUID().uuidString)").path
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func makeProfile() throws -> Profile {
        try Profile.create(at: directory, passphrase: nil)
    }

    private func message(_ seq: UInt64, in room: UInt64, time: Int64 = 1_800_000_000) -> StoredMessage {
        StoredMessage(room: room, seq: seq, sender: "anna", time: time + Int64(seq), body: .text("message \(seq)"))
    }

    private func summary(_ id: UInt64, _ name: String) -> RoomSummary {
        RoomSummary(id: id, kind: .group, name: name, lastSeq: 0, memberCount: 3)
    }

    func testHistoryComesBackOldestFirstWhateverOrderItArrivedIn() throws {
        let profile = try makeProfile()
        for seq: UInt64 in [3, 1, 5, 2, 4] { XCTAssertTrue(try profile.store(message(seq, in: room))) }
        XCTAssertFalse(try profile.store(message(3, in: room)), "a message seen twice is kept once")
        XCTAssertEqual(profile.history(room, limit: 10).map(\.seq), [1, 2, 3, 4, 5])
        XCTAssertEqual(profile.history(room, limit: 2).map(\.seq), [4, 5], "the newest messages, oldest of them first")
        XCTAssertEqual(profile.history(room, limit: 10).first, message(1, in: room), "sender, time and text come back as stored")
        XCTAssertEqual(profile.history(otherRoom, limit: 10), [])
    }

    func testReadCursorOnlyMovesForward() throws {
        let profile = try makeProfile()
        try profile.remember([summary(room, "Peers")])
        XCTAssertEqual(profile.readSeq(room), 0)
        try profile.setReadSeq(room, 7)
        try profile.setReadSeq(room, 3)
        XCTAssertEqual(profile.readSeq(room), 7, "a late, older answer does not mark messages unread again")
        try profile.remember([summary(room, "Peers renamed")])
        XCTAssertEqual(profile.readSeq(room), 7, "a new room list keeps the cursor")
        XCTAssertEqual(profile.keptRoom(room)?.name, "Peers renamed")
    }

    func testARoomLeftIsForgottenWithItsHistoryWaitingEventsAndKeys() throws {
        let profile = try makeProfile()
        try profile.remember([summary(room, "Peers"), summary(otherRoom, "Others")])
        for id in [room, otherRoom] {
            try profile.store(message(1, in: id))
            try profile.keepPending(EventRecord(room: id, seq: 2, senderID: sender, senderHandle: "bea", time: 1_800_000_002, payload: [1, 2, 3]))
            try profile.saveChain(SenderKeyChain(roomID: id, epoch: 4), sentTo: [sender], room: id)
            try profile.saveReceiver(SenderKeyReceiver(distribution: SenderKeyChain(roomID: id, epoch: 2).distribution), sender: sender)
        }
        XCTAssertEqual(try profile.myChain(room)?.sentTo, [sender])
        XCTAssertEqual(try profile.myChain(room)?.chain.epoch, 4)
        XCTAssertEqual(profile.pendingEvents(room).map(\.senderID), [sender])

        try profile.remember([summary(otherRoom, "Others")])

        XCTAssertEqual(profile.history(room, limit: 10), [])
        XCTAssertEqual(profile.pendingEvents(room), [])
        XCTAssertNil(try profile.myChain(room))
        XCTAssertNil(profile.receiver(room: room, sender: sender, epoch: 2))
        XCTAssertNil(profile.keptRoom(room))
        XCTAssertEqual(profile.history(otherRoom, limit: 10).count, 1, "the room still there keeps everything")
        XCTAssertEqual(profile.pendingEvents(otherRoom).count, 1)
        XCTAssertNotNil(try profile.myChain(otherRoom))
        XCTAssertNotNil(profile.receiver(room: otherRoom, sender: sender, epoch: 2))
        for table in ["rooms", "messages", "pending", "my_chains", "receivers"] {
            XCTAssertEqual(try profile.database.queryOne("SELECT count(*) FROM \(table)") { $0.int64(0) }, 1, table)
        }
    }

    func testTheFileNamesNoRoomSenderOrTime() throws {
        let time: Int64 = 1_812_345_678
        do {
            let profile = try makeProfile()
            try profile.remember([summary(room, "Peers")])
            try profile.store(message(1, in: room, time: time - 1))
            try profile.keepPending(EventRecord(room: room, seq: 2, senderID: sender, senderHandle: "bea", time: time, payload: [9]))
            try profile.saveChain(SenderKeyChain(roomID: room, epoch: 1), sentTo: [sender], room: room)
            try profile.saveReceiver(SenderKeyReceiver(distribution: SenderKeyChain(roomID: room, epoch: 1).distribution), sender: sender)
            try profile.setReadSeq(room, 2)
        }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: directory + "/client.db"))
        for (name, value) in [("room", room), ("sender", sender), ("time", UInt64(time))] {
            for needle in Self.forms(of: value) {
                XCTAssertNil(bytes.range(of: needle), "\(name) \(value) found in client.db as \(Array(needle))")
            }
        }
    }

    func testARoomLeftLeavesNoTraceInAnyFileEvenBeforeTheProgramEnds() throws {
        let profile = try makeProfile()
        try profile.remember([summary(room, "Peers"), summary(otherRoom, "Others")])
        try profile.store(message(1, in: room))
        try profile.store(message(1, in: otherRoom))
        try profile.saveChain(SenderKeyChain(roomID: room, epoch: 1), sentTo: [sender], room: room)
        let sealed = [
            try profile.database.queryOne("SELECT sealed FROM messages WHERE room = ?", [.blob(profile.vault.tag("messages", room))]) { $0.blob(0) },
            try profile.database.queryOne("SELECT sealed FROM messages WHERE room = ?", [.blob(profile.vault.tag("messages", otherRoom))]) { $0.blob(0) },
            try profile.database.queryOne("SELECT sealed FROM my_chains WHERE room = ?", [.blob(profile.vault.tag("my_chains", room))]) { $0.blob(0) },
        ].compactMap { $0 }
        XCTAssertEqual(sealed.count, 3)
        try profile.remember([summary(otherRoom, "Others")])

        // Still open, as when a chat is stopped with Ctrl-C: no log of earlier page versions, no copy in free space.
        let names = try FileManager.default.contentsOfDirectory(atPath: directory)
        XCTAssertFalse(names.contains("client.db-wal"), "no write-ahead log keeps earlier versions of pages")
        let files = try names.map { try Data(contentsOf: URL(fileURLWithPath: directory + "/" + $0)) }
        let found = sealed.map { box in files.contains { $0.range(of: Data(box.suffix(32))) != nil } }
        XCTAssertEqual(found, [false, true, false], "the deleted message and room key are overwritten; the other room's message is kept")
    }

    func testRowsFromBeforeTheSealedGraphAreMovedAtUnlock() throws {
        let key: SecretBytes
        do {
            _ = try makeProfile()
            key = try KeyFile.load(path: directory + "/store.key", length: 32)
        }
        let vault = Vault(key: key)
        // Put the database back to 001 and fill the old tables the way the old code did.
        do {
            let database = try Database(.file(directory + "/client.db"))
            try database.execute("""
                DROP TABLE rooms; DROP TABLE messages; DROP TABLE pending; DROP TABLE my_chains; DROP TABLE receivers;
                DELETE FROM schema_migrations WHERE name = '003-sealed-graph';
                CREATE TABLE rooms(id INTEGER PRIMARY KEY, kind INTEGER NOT NULL, name BLOB NOT NULL, read_seq INTEGER NOT NULL DEFAULT 0);
                CREATE TABLE messages(room INTEGER NOT NULL, seq INTEGER NOT NULL, time INTEGER NOT NULL, sealed BLOB NOT NULL, PRIMARY KEY(room, seq)) WITHOUT ROWID;
                CREATE TABLE my_chains(room INTEGER PRIMARY KEY, epoch INTEGER NOT NULL, sealed BLOB NOT NULL, sent_to BLOB NOT NULL);
                CREATE TABLE receivers(room INTEGER NOT NULL, sender INTEGER NOT NULL, epoch INTEGER NOT NULL, sealed BLOB NOT NULL, PRIMARY KEY(room, sender, epoch)) WITHOUT ROWID;
                CREATE TABLE pending(room INTEGER NOT NULL, seq INTEGER NOT NULL, sender INTEGER NOT NULL, time INTEGER NOT NULL, sealed BLOB NOT NULL, PRIMARY KEY(room, seq)) WITHOUT ROWID;
                """)
            try database.run("INSERT INTO rooms(id, kind, name, read_seq) VALUES (?, 1, ?, 6)", [.id(room), .blob(vault.seal(Array("Peers".utf8), "room/\(room)"))])
            var w = WireWriter()
            w.string("bea")
            w.data(MessageBody.text("old message").encoded())
            try database.run("INSERT INTO messages(room, seq, time, sealed) VALUES (?, 5, 1800000005, ?)", [.id(room), .blob(vault.seal(w.bytes, "message/\(room)/5"))])
            var p = WireWriter()
            p.string("bea")
            p.data([7, 7])
            try database.run("INSERT INTO pending(room, seq, sender, time, sealed) VALUES (?, 6, ?, 1800000006, ?)", [.id(room), .id(sender), .blob(vault.seal(p.bytes, "pending/\(room)/6"))])
            let chain = SenderKeyChain(roomID: room, epoch: 3)
            var s = WireWriter()
            s.list([sender]) { $0.u64($1) }
            try database.run("INSERT INTO my_chains(room, epoch, sealed, sent_to) VALUES (?, 3, ?, ?)", [.id(room), .blob(vault.seal(chain.serialized(), "chain/\(room)")), .blob(s.bytes)])
            let receiver = SenderKeyReceiver(distribution: SenderKeyChain(roomID: room, epoch: 2).distribution)
            try database.run("INSERT INTO receivers(room, sender, epoch, sealed) VALUES (?, ?, 2, ?)", [.id(room), .id(sender), .blob(vault.seal(receiver.serialized(), "receiver/\(room)/\(sender)/2"))])
        }

        let profile = try Profile(openingAt: directory) { nil }
        // The dropped tables' pages are overwritten, not just put on the free list.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: directory + "/client.db"))
        for (name, value) in [("room", room), ("sender", sender), ("time", UInt64(1_800_000_005))] {
            for needle in Self.forms(of: value) {
                XCTAssertNil(bytes.range(of: needle), "\(name) \(value) still in client.db as \(Array(needle)) after the move")
            }
        }
        XCTAssertEqual(profile.history(room, limit: 10), [StoredMessage(room: room, seq: 5, sender: "bea", time: 1_800_000_005, body: .text("old message"))])
        XCTAssertEqual(profile.readSeq(room), 6)
        XCTAssertEqual(profile.keptRoom(room)?.name, "Peers")
        XCTAssertEqual(profile.pendingEvents(room), [EventRecord(room: room, seq: 6, senderID: sender, senderHandle: "bea", time: 1_800_000_006, payload: [7, 7])])
        XCTAssertEqual(try profile.myChain(room)?.chain.epoch, 3)
        XCTAssertEqual(try profile.myChain(room)?.sentTo, [sender])
        XCTAssertNotNil(profile.receiver(room: room, sender: sender, epoch: 2))
        let legacy = try profile.database.query("SELECT name FROM sqlite_schema WHERE name LIKE 'legacy_%'") { $0.text(0) }
        XCTAssertEqual(legacy, [], "the old tables are gone")
        XCTAssertEqual(try profile.database.query("SELECT applied_at FROM schema_migrations WHERE applied_at IS NOT NULL") { $0.int64(0) }, [],
                       "no migration time dates the profile")
    }

    /// The ways a value can sit in the file: decimal text, big-endian 8, 6 and 4 bytes (SQLite's integer forms),
    /// and a rowid's varint (7 bits a byte, high bit on all but the last; values here are below 2^56).
    static func forms(of value: UInt64) -> [Data] {
        let big = withUnsafeBytes(of: value.bigEndian) { Array($0) }
        var varint: [UInt8] = []
        var rest = value
        repeat {
            varint.insert(UInt8(rest & 0x7F) | (varint.isEmpty ? 0 : 0x80), at: 0)
            rest >>= 7
        } while rest != 0
        var forms = [Data(String(value).utf8), Data(big), Data(varint)]
        if value < 1 << 47 { forms.append(Data(big.suffix(6))) }
        if value < 1 << 31 { forms.append(Data(big.suffix(4))) }
        return forms
    }
}
