import Foundation
import XCTest
import Klankbord
@testable import KlankbordClient
@testable import KlankbordCrypto

/// The vault that seals the profile's secret columns: a value opens only with the same key and in the
/// place (context) it was sealed for; tags are stable per key and label and reveal nothing without the key.
final class VaultTests: XCTestCase {
    private let vault = Vault(key: SecretBytes(randomCount: 32))

    func testASealedValueOpensOnlyInItsOwnContext() throws {
        let box = vault.seal(Array("afspraak om 3 uur".utf8), "message/4/12")
        XCTAssertEqual(try vault.open(box, "message/4/12"), Array("afspraak om 3 uur".utf8))
        for other in ["message/4/13", "message/5/12", "pending/4/12", ""] {
            XCTAssertThrowsError(try vault.open(box, other), other) { XCTAssertEqual($0 as? Profile.Failure, .unusable) }
        }
    }

    func testAnotherKeyOrATamperedBoxDoesNotOpen() throws {
        let box = vault.seal([1, 2, 3], "room/1")
        let stranger = Vault(key: SecretBytes(randomCount: 32))
        XCTAssertThrowsError(try stranger.open(box, "room/1")) { XCTAssertEqual($0 as? Profile.Failure, .unusable) }
        for index in box.indices {
            var tampered = box
            tampered[index] ^= 0x01
            XCTAssertThrowsError(try vault.open(tampered, "room/1"), "byte \(index)")
        }
        XCTAssertThrowsError(try vault.open(Array(box.dropLast()), "room/1"))
    }

    func testSealingTwiceGivesDifferentBoxesWithoutThePlaintext() throws {
        let text = Array("SENTINEL-VAULT".utf8)
        let first = vault.seal(text, "c"), second = vault.seal(text, "c")
        XCTAssertNotEqual(first, second, "a fresh nonce each time")
        XCTAssertNil(Data(first).range(of: Data(text)))
        XCTAssertEqual(try vault.open(second, "c"), text)
    }

    func testTagsAreStablePerKeyAndLabelAndDifferOtherwise() {
        XCTAssertEqual(vault.tag("room", 7), vault.tag("room", 7))
        XCTAssertEqual(vault.tag("room", 7).count, 32)
        XCTAssertNotEqual(vault.tag("room", 7), vault.tag("room", 8))
        XCTAssertNotEqual(vault.tag("room", 7), vault.tag("account", 7), "equal ids do not link tables")
        XCTAssertNotEqual(vault.tag("room", 7), Vault(key: SecretBytes(randomCount: 32)).tag("room", 7), "meaningless without the key")
    }

    func testAPassphraseVaultNeedsTheRightPassphrase() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kb-vault-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let created = try Profile.create(at: directory, passphrase: SecretBytes(copying: Array("paard batterij".utf8)))
        let device = try created.deviceKey().publicKey
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory + "/store.key"), "no key file when a passphrase protects the profile")
        XCTAssertThrowsError(try Profile(openingAt: directory) { nil }) { XCTAssertEqual($0 as? Profile.Failure, .passphraseNeeded) }
        XCTAssertThrowsError(try Profile(openingAt: directory) { SecretBytes(copying: Array("paard".utf8)) }) {
            XCTAssertEqual($0 as? Profile.Failure, .wrongPassphrase)
        }
        let reopened = try Profile(openingAt: directory) { SecretBytes(copying: Array("paard batterij".utf8)) }
        XCTAssertEqual(try reopened.deviceKey().publicKey, device)
    }
}
