import Foundation
import Klankbord
@testable import KlankbordClient
@testable import KlankbordCrypto
@testable import KlankbordStorage
import XCTest

/// `klankbord unlock`: the passphrase once for a while, kept by the kernel and never in a file.
final class UnlockTests: XCTestCase {
    private let passphrase = "correct horse battery staple"

    func testUnlockedProfileNeedsNoPassphraseUntilLockAndTheKeyIsInNoFile() throws {
        let community = try Community()
        let dora = try joinWithPassphrase(community, "dora")
        XCTAssertEqual(try dora.run(["rooms"]).status, 4, "a locked profile cannot be opened without the passphrase")

        let unlocked = try dora.run(["unlock", "--minutes", "5"], environment: ["KLANKBORD_PASSPHRASE": passphrase])
        XCTAssertEqual(unlocked.status, 0, unlocked.error)
        let rooms = try dora.run(["rooms"])
        XCTAssertEqual(rooms.status, 0, rooms.error)
        XCTAssertTrue(rooms.output.contains("Peers"), rooms.output)

        let key = try vaultKey(of: dora)
        for file in try FileManager.default.contentsOfDirectory(atPath: dora.profile.path) {
            let bytes = try Data(contentsOf: dora.profile.appendingPathComponent(file))
            XCTAssertNil(bytes.range(of: Data(key)), "the profile key is in \(file)")
        }

        let locked = try dora.run(["lock"])
        XCTAssertEqual(locked.status, 0, locked.error)
        XCTAssertEqual(try dora.run(["rooms"]).status, 4, "after lock the passphrase is needed again")
    }

    func testPanicEndsTheUnlock() throws {
        let community = try Community()
        let dora = try joinWithPassphrase(community, "dora")
        XCTAssertEqual(try dora.run(["unlock"], environment: ["KLANKBORD_PASSPHRASE": passphrase]).status, 0)
        let salt = try self.salt(of: dora)
        XCTAssertNotNil(Keyring.load(salt: salt), "unlock keeps the key in the kernel keyring")
        let panic = try dora.run(["panic", "--now"])
        XCTAssertEqual(panic.status, 0, panic.error)
        XCTAssertNil(Keyring.load(salt: salt), "panic takes the key out of the kernel at once")
    }

    func testAProfileWithoutPassphraseHasNothingToUnlock() throws {
        let community = try Community()
        let result = try community.anna.run(["unlock"])
        XCTAssertEqual(result.status, 0, result.error)
        XCTAssertTrue(result.output.contains("no passphrase"), result.output)
    }

    private func joinWithPassphrase(_ community: Community, _ handle: String) throws -> Person {
        let person = Person(community.base, handle)
        let invite = try XCTUnwrap(community.fien.ok(["room", "invite", "Peers"]).first)
        let joined = try person.run(["join", invite, "--handle", handle], environment: ["KLANKBORD_PASSPHRASE": passphrase])
        XCTAssertEqual(joined.status, 0, joined.error)
        return person
    }

    private func salt(of person: Person) throws -> [UInt8] {
        let database = try Database(.file(person.profile.appendingPathComponent("client.db").path), readOnly: true)
        return try XCTUnwrap(database.queryOne("SELECT value FROM settings WHERE key = 'vault_salt'", []) { $0.blob(0) })
    }

    private func vaultKey(of person: Person) throws -> [UInt8] {
        try Argon2id.deriveKey(passphrase: SecretBytes(copying: Array(passphrase.utf8)), salt: try salt(of: person)).unprotectedBytes
    }
}
