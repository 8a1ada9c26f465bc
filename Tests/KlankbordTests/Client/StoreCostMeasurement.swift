import CSQLite
import Foundation
import Glibc
import XCTest
import Klankbord
@testable import KlankbordClient
@testable import KlankbordCrypto
@testable import KlankbordProtocol
@testable import KlankbordStorage

/// The figures behind docs/DECISIONS.md "Client store: sealed columns, not a sealed file": what a `read` of a room
/// and storing one message cost with sealed columns (what the client does) and with the whole database sealed
/// as one blob, at about 10,000 and 100,000 messages; and what one stored message costs with a write-ahead log
/// and with a rollback journal. Slow and machine-dependent, so it runs only with `KLANKBORD_MEASURE_STORE=1`:
///
///     KLANKBORD_MEASURE_STORE=1 swift test --disable-swift-testing --filter StoreCostMeasurement
final class StoreCostMeasurement: XCTestCase {
    private var directory = ""
    private let rooms: UInt64 = 10

    override func setUpWithError() throws {
        try XCTSkipUnless(ProcessInfo.processInfo.environment["KLANKBORD_MEASURE_STORE"] == "1", "a measurement, not a test: set KLANKBORD_MEASURE_STORE=1")
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("klankbord-measure-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        if !directory.isEmpty { try? FileManager.default.removeItem(atPath: directory) }
    }

    func testCosts() throws {
        print("uptime:", Self.uptime())
        for count in [10_000, 100_000] {
            try measureSealedColumns(messages: count)
            try measureSealedFile(messages: count)
        }
        try measureJournalModes()
        print("uptime:", Self.uptime())
    }

    private func message(_ seq: UInt64, room: UInt64) -> StoredMessage {
        StoredMessage(room: 1_000 + room, seq: seq, sender: "member\(seq % 7)", time: 1_800_000_000 + Int64(seq),
                      body: .text("A message of ordinary length, about as long as people write in the group, number \(seq)."))
    }

    // MARK: Sealed columns (what the client does)

    private func measureSealedColumns(messages count: Int) throws {
        let path = directory + "/columns-\(count)"
        do {
            let profile = try Profile.create(at: path, passphrase: nil)
            try profile.remember((0..<rooms).map { RoomSummary(id: 1_000 + $0, kind: .group, name: "room \($0)", lastSeq: 0, memberCount: 8) })
            try profile.database.transaction {
                for index in 0..<UInt64(count) { try profile.store(message(index / rooms + 1, room: index % rooms)) }
            }
        }
        let size = Self.fileSize(path + "/client.db")
        var next = UInt64(count) / rooms + 1
        let read = try Self.median {
            let profile = try Profile(openingAt: path) { nil }
            let shown = profile.history(1_003, limit: 20)
            XCTAssertEqual(shown.count, 20)
        }
        let store = try Self.median {
            let profile = try Profile(openingAt: path) { nil }
            next += 1
            try profile.store(message(next, room: 3))
        }
        print(String(format: "sealed columns, %d messages, file %.1f MB: read of a room %.2f ms, store one message %.2f ms", count, Double(size) / 1e6, read, store))
    }

    // MARK: The whole database sealed as one blob

    private func measureSealedFile(messages count: Int) throws {
        let path = directory + "/whole-\(count).sealed"
        let key = SecretBytes(randomCount: 32)
        do {
            let database = try Database(.memory)
            try database.execute("CREATE TABLE messages(room INTEGER NOT NULL, seq INTEGER NOT NULL, time INTEGER NOT NULL, sender TEXT NOT NULL, body BLOB NOT NULL, PRIMARY KEY(room, seq)) WITHOUT ROWID")
            try database.transaction {
                for index in 0..<UInt64(count) {
                    let m = message(index / rooms + 1, room: index % rooms)
                    try database.run("INSERT INTO messages VALUES (?, ?, ?, ?, ?)", [.id(m.room), .id(m.seq), .integer(m.time), .text(m.sender), .blob(m.body.encoded())])
                }
            }
            try Self.writeSealed(database, key: key, to: path)
        }
        let size = Self.fileSize(path)
        var next = UInt64(count) / rooms + 1
        let read = try Self.median {
            let database = try Self.openSealed(path, key: key)
            let rows = try database.query("SELECT seq, time, sender, body FROM messages WHERE room = 1003 ORDER BY seq DESC LIMIT 20") { $0.int64(0) }
            XCTAssertEqual(rows.count, 20)
        }
        let store = try Self.median {
            let database = try Self.openSealed(path, key: key)
            next += 1
            let m = message(next, room: 3)
            try database.run("INSERT INTO messages VALUES (?, ?, ?, ?, ?)", [.id(m.room), .id(m.seq), .integer(m.time), .text(m.sender), .blob(m.body.encoded())])
            try Self.writeSealed(database, key: key, to: path)
        }
        print(String(format: "sealed file, %d messages, file %.1f MB: read of a room %.2f ms, store one message %.2f ms", count, Double(size) / 1e6, read, store))
    }

    private struct Failed: Error {}

    /// Reads, opens and deserializes the sealed database into memory.
    private static func openSealed(_ path: String, key: SecretBytes) throws -> Database {
        let box = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let plain = try AEAD.xChaCha20Poly1305.openWithPrefixedNonce(box, key: key, associatedData: Array("client.db".utf8))
        let database = try Database(.memory)
        guard let buffer = sqlite3_malloc64(sqlite3_uint64(plain.count)) else { throw Failed() }
        plain.withUnsafeBytes { buffer.copyMemory(from: $0.baseAddress!, byteCount: plain.count) }
        let flags = UInt32(SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE)
        guard sqlite3_deserialize(database.handle, "main", buffer.assumingMemoryBound(to: UInt8.self), sqlite3_int64(plain.count), sqlite3_int64(plain.count), flags) == SQLITE_OK else { throw Failed() }
        return database
    }

    /// Serializes the database, seals it, and replaces the file the crash-safe way (temporary file, fsync, rename).
    private static func writeSealed(_ database: Database, key: SecretBytes, to path: String) throws {
        var size: sqlite3_int64 = 0
        guard let raw = sqlite3_serialize(database.handle, "main", &size, 0) else { throw Failed() }
        let plain = [UInt8](UnsafeBufferPointer(start: raw, count: Int(size)))
        sqlite3_free(raw)
        let box = try AEAD.xChaCha20Poly1305.sealWithRandomNonce(plain, key: key, associatedData: Array("client.db".utf8))
        let temporary = path + ".new"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw Failed() }
        let written = box.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        let synced = fsync(fd) == 0
        close(fd)
        guard written == box.count, synced, rename(temporary, path) == 0 else { throw Failed() }
    }

    // MARK: Journal modes

    private func measureJournalModes() throws {
        for mode in ["WAL", "DELETE", "TRUNCATE"] {
            let path = directory + "/journal-\(mode)"
            let profile = try Profile.create(at: path, passphrase: nil)
            try profile.remember([RoomSummary(id: 1_003, kind: .group, name: "room", lastSeq: 0, memberCount: 8)])
            try profile.database.transaction {
                for seq in 1...UInt64(10_000) { try profile.store(message(seq, room: 3)) }
            }
            _ = try profile.database.queryOne("PRAGMA journal_mode = \(mode)") { $0.text(0) }
            var next: UInt64 = 10_000
            let store = try Self.median(runs: 41) {
                next += 1
                try profile.store(message(next, room: 3))
            }
            print(String(format: "journal_mode %@: store one message (synchronous FULL, 10,000 messages) %.2f ms", mode, store))
        }
    }

    // MARK: Helpers

    /// The median wall-clock time of `runs` runs of `body`, in milliseconds.
    private static func median(runs: Int = 21, _ body: () throws -> Void) throws -> Double {
        var times: [Double] = []
        for _ in 0..<runs {
            let start = DispatchTime.now().uptimeNanoseconds
            try body()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        return times.sorted()[runs / 2]
    }

    private static func fileSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? Int) ?? 0
    }

    private static func uptime() -> String {
        (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "?"
    }
}
