import Foundation
import Klankbord
@testable import KlankbordStorage
import XCTest

/// A passphrase profile read by whoever takes the device, without the passphrase: every byte of its files
/// (database, write-ahead log, shared memory) is searched for the account ids of its contacts, the ids of its
/// rooms and the times of its messages, in every form SQLite or a person would write them. None may be there.
final class SeizedDeviceTests: XCTestCase {
    /// Switch on once the "pinning" branch (contacts and sessions keyed by vault tags) is merged: until then
    /// those two tables still hold plain account ids, and the test for them is skipped.
    static let contactsAndSessionsAreSealed = true

    private static let passphrase = ["KLANKBORD_PASSPHRASE": "correct horse battery staple"]
    /// Larger than 2^32, so SQLite stores them in 6 bytes and no small counter can be mistaken for one.
    private static let firstAccountID: Int64 = 5_117_203_409
    private static let firstRoomID: Int64 = 4_388_061_257

    /// What the conversation left behind: the profile folder and the values that must not be found in it.
    private struct Scene {
        let community: Community
        let dora: Person
        let accounts: [String: UInt64]
        let rooms: [String: UInt64]
        let times: [Int64]
    }

    /// A community whose new accounts and rooms get distinctive ids, then a conversation of dora (passphrase) with
    /// eva in a room made by the facilitator gus (both contacts of dora), and with eva in a direct thread.
    private func converse() throws -> Scene {
        let community = try Community()
        let daemon = community.daemon
        let databasePath = daemon.dataDirectory.path + "/klankbord.db"
        let port = daemon.port
        daemon.terminate()
        do {
            let database = try Database(.file(databasePath))
            try database.run("UPDATE sqlite_sequence SET seq = ? WHERE name = 'accounts'", [.integer(Self.firstAccountID)])
            try database.run("UPDATE sqlite_sequence SET seq = ? WHERE name = 'rooms'", [.integer(Self.firstRoomID)])
            try database.checkpoint()
        }
        try daemon.start(port: port)

        let dora = Person(community.base, "dora")
        let eva = Person(community.base, "eva")
        let gus = Person(community.base, "gus")
        let facilitatorInvite = try XCTUnwrap(community.op.ok(["invite", "create", "--role", "facilitator"]).first)
        try gus.ok(["join", facilitatorInvite, "--handle", "gus"])
        try gus.ok(["room", "create", "Safe"])
        let invite = try XCTUnwrap(gus.ok(["room", "invite", "Safe", "--uses", "2"]).first)
        let doraJoins = try dora.run(["join", invite, "--handle", "dora"], environment: Self.passphrase)
        XCTAssertEqual(doraJoins.status, 0, doraJoins.error)
        let evaJoins = try eva.run(["join", invite, "--handle", "eva"])
        XCTAssertEqual(evaJoins.status, 0, evaJoins.error)
        // Joining without a passphrase says what that means; with one, it does not.
        let warning = "Anyone who opens the files on this device can read your messages."
        XCTAssertTrue(evaJoins.error.contains(warning), evaJoins.error)
        XCTAssertFalse(doraJoins.output.contains(warning) || doraJoins.error.contains(warning))

        try eva.ok(["send", "Safe", "hello from eva"])
        XCTAssertTrue(try doraOK(dora, ["read", "Safe"]).joined().contains("hello from eva"))
        try doraOK(dora, ["send", "Safe", "hello from dora"])
        XCTAssertTrue(try eva.ok(["read", "Safe"]).joined().contains("hello from dora"))
        try doraOK(dora, ["dm", "eva", "just for you"])
        XCTAssertTrue(try eva.ok(["read", "dora"]).joined().contains("just for you"))
        try eva.ok(["dm", "dora", "thanks"])
        XCTAssertTrue(try doraOK(dora, ["read", "eva"]).joined().contains("thanks"))

        daemon.terminate()
        let server = try Database(.file(databasePath), readOnly: true)
        let accounts = Dictionary(uniqueKeysWithValues: try server.query("SELECT handle, id FROM accounts WHERE handle IN ('dora', 'eva', 'gus')") {
            ($0.text(0), UInt64($0.int64(1)))
        })
        let rooms = try server.query("SELECT id FROM rooms WHERE id > ?", [.integer(Self.firstRoomID)]) { UInt64($0.int64(0)) }
        XCTAssertEqual(rooms.count, 2, "the room Safe and the thread of dora and eva")
        XCTAssertGreaterThan(accounts["eva"] ?? 0, UInt64(Self.firstAccountID))
        XCTAssertGreaterThan(accounts["gus"] ?? 0, UInt64(Self.firstAccountID))
        let times = try server.query("SELECT time FROM events WHERE room_id > ?", [.integer(Self.firstRoomID)]) { $0.int64(0) }
        XCTAssertEqual(times.count, 4)
        // A sender keeps its own clock's time, which may differ from the server's by a second or two.
        let all = Array(((times.min() ?? 0) - 3)...((times.max() ?? 0) + 3))
        return Scene(community: community, dora: dora, accounts: accounts, rooms: Dictionary(uniqueKeysWithValues: rooms.map { ("room \($0)", $0) }), times: all)
    }

    @discardableResult
    private func doraOK(_ dora: Person, _ words: [String], file: StaticString = #filePath, line: UInt = #line) throws -> [String] {
        let result = try dora.run(words, environment: Self.passphrase)
        XCTAssertEqual(result.status, 0, "klankbord \(words.joined(separator: " ")) failed: \(result.error)", file: file, line: line)
        return result.lines
    }

    func testASeizedPassphraseProfileShowsNoContactRoomOrMessageTime() throws {
        let scene = try converse()
        // Contacts and sessions belong to the "pinning" work; they are emptied in a copy so this test checks everything else now.
        let copy = scene.community.base.appendingPathComponent("dora-copy")
        try FileManager.default.copyItem(at: scene.dora.profile, to: copy)
        if !Self.contactsAndSessionsAreSealed {
            let database = try Database(.file(copy.path + "/client.db"))
            try database.execute("PRAGMA secure_delete = ON")
            try database.execute("DELETE FROM contacts; DELETE FROM sessions;")
            try database.checkpoint()
        }
        let found = try search(copy, for: scene)
        XCTAssertEqual(found, [], "a seized device must show nothing but sizes")
        // The search itself works: the same values are in the server's files, where they belong.
        let serverHits = try search(scene.community.daemon.dataDirectory, for: scene)
        XCTAssertFalse(serverHits.isEmpty)
    }

    func testASeizedPassphraseProfileShowsNoAccountInContactsOrSessions() throws {
        try XCTSkipUnless(Self.contactsAndSessionsAreSealed, "switch on after the pinning branch is merged (contacts and sessions keyed by vault tags)")
        let scene = try converse()
        XCTAssertEqual(try search(scene.dora.profile, for: scene), [])
    }

    /// Every value of `scene` found in a file below `folder`, as "what, in which file, in which form".
    private func search(_ folder: URL, for scene: Scene) throws -> [String] {
        var values: [(String, UInt64)] = scene.accounts.filter { $0.key != "dora" }.map { ("account of \($0.key)", $0.value) }
        values += scene.rooms.map { ($0.key, $0.value) }
        values += scene.times.map { ("time \($0)", UInt64($0)) }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        XCTAssertTrue(names.contains("client.db") || names.contains("klankbord.db"))
        var found: [String] = []
        for name in names {
            let bytes = try Data(contentsOf: folder.appendingPathComponent(name))
            for (what, value) in values {
                for (form, needle) in Self.forms(of: value) where bytes.range(of: needle) != nil {
                    found.append("\(what) in \(name) as \(form)")
                }
            }
        }
        return found
    }

    /// Decimal text, big-endian 8, 6 and 4 bytes (the integer forms of a SQLite record), and SQLite's varint
    /// (how a rowid, such as an `INTEGER PRIMARY KEY`, sits in a b-tree cell).
    private static func forms(of value: UInt64) -> [(String, Data)] {
        let big = withUnsafeBytes(of: value.bigEndian) { Array($0) }
        var forms = [("decimal text", Data(String(value).utf8)), ("8 bytes", Data(big)), ("varint", Data(varint(value)))]
        if value < 1 << 47 { forms.append(("6 bytes", Data(big.suffix(6)))) }
        if value < 1 << 32 { forms.append(("4 bytes", Data(big.suffix(4)))) }
        return forms
    }

    /// SQLite's variable-length integer: 7 bits per byte, most significant first, the high bit set on all but
    /// the last; a ninth byte, when needed, carries 8 bits.
    private static func varint(_ value: UInt64) -> [UInt8] {
        if value >> 56 != 0 {
            var bytes = (0..<8).map { UInt8(truncatingIfNeeded: value >> (8 + 7 * (7 - $0))) & 0x7F | 0x80 }
            bytes.append(UInt8(truncatingIfNeeded: value))
            return bytes
        }
        var groups: [UInt8] = []
        var rest = value
        repeat {
            groups.insert(UInt8(rest & 0x7F), at: 0)
            rest >>= 7
        } while rest != 0
        for index in groups.indices.dropLast() { groups[index] |= 0x80 }
        return groups
    }
}
