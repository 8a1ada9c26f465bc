import XCTest
@testable import Klankbord

/// The sealed backup format: what opens, and which failure each kind of bad file gives.
final class BackupFileTests: XCTestCase {
    private let cheap = Argon2id.Cost(operations: 1, memoryBytes: 8192)
    private let passphrase = SecretBytes(copying: Array("a long passphrase".utf8))

    private func sample() throws -> (BackupFile.Content, [UInt8]) {
        let database = try Database(.memory)
        try database.execute("CREATE TABLE t(x); INSERT INTO t VALUES ('hello')")
        let content = BackupFile.Content(createdAt: 1_796_000_000, serverKey: SecretBytes(randomCount: 32), databaseImage: try database.snapshotImage())
        return (content, try BackupFile.seal(content, passphrase: passphrase, cost: cheap))
    }

    func testSealedContentOpensWithThePassphraseAndTheDatabaseInsideWorks() throws {
        let (content, file) = try sample()
        XCTAssertEqual(Array(file.prefix(9)), Array("KBBACKUP".utf8) + [1])
        XCTAssertEqual(file.count, BackupFile.headerLength + 8 + 32 + content.databaseImage.count + 16)
        let opened = try BackupFile.open(file, passphrase: passphrase)
        XCTAssertEqual(opened.createdAt, content.createdAt)
        XCTAssertEqual(opened.serverKey, content.serverKey)
        let database = try Database.inMemory(image: opened.databaseImage)
        XCTAssertTrue(try database.integrityCheck())
        XCTAssertEqual(try database.queryOne("SELECT x FROM t") { $0.text(0) }, "hello")
    }

    func testEachKindOfBadFileHasItsOwnFailure() throws {
        let (_, file) = try sample()
        func failure(_ bytes: [UInt8], _ secret: SecretBytes? = nil) -> BackupFile.Failure? {
            do {
                _ = try BackupFile.open(bytes, passphrase: secret ?? passphrase)
                return nil
            } catch {
                return error
            }
        }
        XCTAssertEqual(failure(file, SecretBytes(copying: Array("another passphrase".utf8))), .wrongPassphrase)
        for length in [3, 8, 9, 40, BackupFile.headerLength, file.count - 1] {
            XCTAssertEqual(failure(Array(file.prefix(length))), .truncated, "cut at \(length)")
        }
        XCTAssertEqual(failure(file + [0]), .damaged)
        XCTAssertEqual(failure(Array("SQLite format 3\0".utf8) + file), .notABackup)
        XCTAssertEqual(failure([]), .notABackup)
        var newer = file
        newer[8] = 2
        XCTAssertEqual(failure(newer), .newerFormat)
        var flipped = file
        flipped[file.count - 20] ^= 0x01
        XCTAssertEqual(failure(flipped), .wrongPassphrase)
        // The header is authenticated too: a changed creation cost does not open.
        var cost = file
        cost[12] ^= 0x01
        XCTAssertEqual(failure(cost), .wrongPassphrase)
    }
}
