import XCTest
import Klankbord
@testable import KlankbordCrypto
@testable import KlankbordLedger
@testable import KlankbordLocalization

/// A backup round-trips under its passphrase and refuses a wrong one, a changed file or a broken chain.
final class LedgerBackupTests: XCTestCase {
    let fixture = LedgerFixture()
    let passphrase = SecretBytes(copying: Array("correct horse battery".utf8))
    // The cheapest cost libsodium allows keeps the test fast; real backups use `.moderate`.
    let cost = Argon2id.Cost(operations: 1, memoryBytes: 8_192)

    private func restore(_ file: [UInt8], passphrase: SecretBytes? = nil) throws(LedgerBackupError) -> [LedgerEvent] {
        try LedgerBackup.restore(file, passphrase: passphrase ?? self.passphrase, identities: fixture.identities, facilitators: fixture.facilitators)
    }

    func testABackupRestoresTheSameVerifiedChain() throws {
        let chain = fixture.sampleChain()
        let file = try LedgerBackup.seal(chain, passphrase: passphrase, cost: cost)
        XCTAssertEqual(try restore(file), chain)
        let text = String(decoding: file, as: UTF8.self)
        XCTAssertFalse(text.contains("note 1") || text.contains("member10"), "the file holds no plaintext")
    }

    func testAWrongPassphraseOrAnyChangedByteIsRefused() throws {
        let file = try LedgerBackup.seal(fixture.sampleChain(), passphrase: passphrase, cost: cost)
        XCTAssertThrowsError(try restore(file, passphrase: SecretBytes(copying: Array("wrong".utf8)))) {
            XCTAssertEqual($0 as? LedgerBackupError, .wrongPassphraseOrDamaged)
        }
        // Past the header every byte is sealed or authenticated; in the header, a change makes another key.
        for offset in stride(from: 9, to: file.count, by: 7) {
            var changed = file
            changed[offset] ^= 0x20
            XCTAssertThrowsError(try restore(changed), "byte \(offset)")
        }
        XCTAssertThrowsError(try restore(Array(file.dropLast()))) { XCTAssertEqual($0 as? LedgerBackupError, .wrongPassphraseOrDamaged) }
        XCTAssertThrowsError(try restore(Array("KBLEDGEX".utf8) + file.dropFirst(8))) { XCTAssertEqual($0 as? LedgerBackupError, .notABackup) }
    }

    func testABrokenChainInsideAGoodBackupIsReportedWhereItBreaks() throws {
        var chain = fixture.sampleChain()
        chain.swapAt(3, 4)
        let file = try LedgerBackup.seal(chain, passphrase: passphrase, cost: cost)
        XCTAssertThrowsError(try restore(file)) { error in
            guard case .brokenChain(let failure)? = error as? LedgerBackupError else { return XCTFail("\(error)") }
            XCTAssertEqual(failure.index, 3)
            XCTAssertTrue((error as? LedgerBackupError)?.text(Localizer(.en)).contains("step 4") ?? false)
        }
    }
}
