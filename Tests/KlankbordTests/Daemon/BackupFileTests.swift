import XCTest
import Klankbord
@testable import KlankbordCommands
@testable import KlankbordCrypto
@testable import KlankbordStorage

/// The sealed backup format: what opens, and which failure each kind of bad file gives.
final class BackupFileTests: XCTestCase {
    private let cheap = Argon2id.Cost(operations: 1, memoryBytes: 8192)
    private let passphrase = SecretBytes(copying: Array("a long passphrase".utf8))
    private let serverKey = SecretBytes(randomCount: 32)

    /// A database of `rows` rows of 1000 bytes, sealed.
    private func sealedSample(rows: Int = 1) throws -> [UInt8] {
        let database = try Database(.memory)
        try database.execute("CREATE TABLE t(x)")
        try database.run("INSERT INTO t VALUES ('hello')")
        for _ in 1..<max(rows, 1) { try database.run("INSERT INTO t VALUES (randomblob(1000))") }
        var file: [UInt8] = []
        let written = try database.snapshot().withImage { image in
            try BackupFile.seal(createdAt: 1_796_000_000, serverKey: serverKey, image: image, sealingKey: .init(passphrase: passphrase, cost: cheap)) {
                file += $0
                return true
            }
        }
        XCTAssertTrue(written)
        return file
    }

    private func open(_ file: [UInt8], _ secret: SecretBytes? = nil) throws(BackupFile.Failure) -> BackupFile.Content {
        var offset = 0
        return try BackupFile.open(fileLength: file.count, passphrase: secret ?? passphrase) { count in
            guard offset + count <= file.count else { return nil }
            defer { offset += count }
            return Array(file[offset..<(offset + count)])
        }
    }

    private func failure(_ file: [UInt8], _ secret: SecretBytes? = nil) -> BackupFile.Failure? {
        do {
            _ = try open(file, secret)
            return nil
        } catch {
            return error
        }
    }

    func testSealedContentOpensWithThePassphraseAndTheDatabaseInsideWorks() throws {
        // Several chunks: about 3 MB of rows.
        let file = try sealedSample(rows: 3000)
        XCTAssertEqual(Array(file.prefix(9)), Array("KBBACKUP".utf8) + [1])
        XCTAssertGreaterThan(file.count, 2 * BackupFile.chunkLength)
        let opened = try open(file)
        XCTAssertEqual(opened.createdAt, 1_796_000_000)
        XCTAssertEqual(opened.serverKey, serverKey)
        XCTAssertEqual(UInt64(file.count), BackupFile.fileLength(contentLength: UInt64(40 + opened.image.count)))
        let database = try Database.inMemory(adopting: opened.image)
        XCTAssertTrue(try database.integrityCheck())
        XCTAssertEqual(try database.queryOne("SELECT count(*) FROM t") { $0.int64(0) }, 3000)
        XCTAssertEqual(try database.queryOne("SELECT x FROM t WHERE rowid = 1") { $0.text(0) }, "hello")
    }

    func testEachKindOfBadFileHasItsOwnFailure() throws {
        let file = try sealedSample(rows: 3000)
        XCTAssertEqual(failure(file, SecretBytes(copying: Array("another passphrase".utf8))), .wrongPassphrase)
        for length in [3, 8, 9, 40, BackupFile.headerLength, BackupFile.headerLength + 100, file.count / 2, file.count - 1] {
            XCTAssertEqual(failure(Array(file.prefix(length))), .truncated, "cut at \(length)")
        }
        XCTAssertEqual(failure(file + [0]), .damaged)
        XCTAssertEqual(failure(Array("SQLite format 3\0".utf8) + file), .notABackup)
        XCTAssertEqual(failure([]), .notABackup)
        var newer = file
        newer[8] = 2
        XCTAssertEqual(failure(newer), .newerFormat)
        // A change in the first chunk looks like a wrong passphrase; in a later one it is damage.
        var early = file
        early[BackupFile.headerLength + 10] ^= 0x01
        XCTAssertEqual(failure(early), .wrongPassphrase)
        var late = file
        late[file.count - 20] ^= 0x01
        XCTAssertEqual(failure(late), .damaged)
        // The header is authenticated too: a changed cost does not open.
        var cost = file
        cost[12] ^= 0x01
        XCTAssertEqual(failure(cost), .wrongPassphrase)
        // Chunks cannot be dropped: the second chunk moved into the first one's place fails.
        let chunk = BackupFile.chunkLength + SecretStream.overhead
        var swapped = file
        swapped.replaceSubrange(BackupFile.headerLength..<(BackupFile.headerLength + chunk),
                                with: file[(BackupFile.headerLength + chunk)..<(BackupFile.headerLength + 2 * chunk)])
        XCTAssertNotNil(failure(swapped))
    }
}
