import Foundation
import Klankbord
@testable import KlankbordCrypto
@testable import KlankbordE2E
import XCTest

/// The committed test vectors in docs/vectors: each test makes its file again in memory from fixed
/// keys and checks it equals the committed one byte for byte. `KLANKBORD_WRITE_VECTORS=1` rewrites
/// the files instead (then review the diff: a changed vector is a protocol change).
enum VectorFiles {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/vectors")

    static var rewriting: Bool { ProcessInfo.processInfo.environment["KLANKBORD_WRITE_VECTORS"] == "1" }

    /// Compares (or writes) `docs/vectors/<name>` with the JSON of `object`: sorted keys, two-space
    /// indentation as Foundation prints it, a final newline.
    static func check(_ name: String, _ object: [String: Any], file: StaticString = #filePath, line: UInt = #line) throws {
        var data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        data.append(0x0A)
        let url = directory.appendingPathComponent(name)
        if rewriting {
            try data.write(to: url)
            return
        }
        let committed = try Data(contentsOf: url)
        XCTAssertEqual(String(decoding: committed, as: UTF8.self), String(decoding: data, as: UTF8.self),
                       "\(name) differs from what the code makes now (KLANKBORD_WRITE_VECTORS=1 rewrites it)", file: file, line: line)
    }
}

/// Lower-case hex, as every vector file writes bytes.
func hex(_ bytes: [UInt8]) -> String { Hex.encode(bytes) }

/// Lower-case hex of a secret (vectors publish their fixed secrets on purpose).
func hex(_ secret: SecretBytes) -> String { Hex.encode(secret.unprotectedBytes) }

/// A fixed 32-byte secret named by `label`: BLAKE2b-256 of "klankbord-vectors/" ‖ label.
func fixedSecret(_ label: String) -> SecretBytes {
    SecretBytes(copying: BLAKE2b.hash(Array("klankbord-vectors/\(label)".utf8), length: 32))
}

/// A fixed X25519 key pair named by `label`.
func fixedX25519(_ label: String) throws -> X25519.PrivateKey {
    try X25519.PrivateKey(secret: fixedSecret(label))
}

/// A big-endian u32 / u64 as bytes.
func bigEndian(_ value: UInt32) -> [UInt8] { withUnsafeBytes(of: value.bigEndian, Array.init) }
func bigEndian(_ value: UInt64) -> [UInt8] { withUnsafeBytes(of: value.bigEndian, Array.init) }

/// The two people of every vector with all their keys fixed: Alice (initiator, handle "anna") and
/// Bob (responder, handle "bram"), Bob's signed prekey 7 and one-time prekey 100.
struct VectorPeople {
    let alice: IdentityKeys
    let bob: IdentityKeys
    let signedPrekey: SignedPrekey
    let oneTimePrekey: OneTimePrekey
    static let signedPrekeyID: UInt32 = 7
    static let signedPrekeyCreatedAt: UInt64 = 1_700_000_000
    static let oneTimePrekeyID: UInt32 = 100

    init() throws {
        alice = IdentityKeys(signingKey: try Ed25519.SigningKey(seed: fixedSecret("alice/identity-ed25519")),
                             agreementKey: try fixedX25519("alice/identity-x25519"))
        bob = IdentityKeys(signingKey: try Ed25519.SigningKey(seed: fixedSecret("bob/identity-ed25519")),
                           agreementKey: try fixedX25519("bob/identity-x25519"))
        let prekey = try fixedX25519("bob/signed-prekey")
        let signature = bob.signingKey.signature(for: SignedPrekey.signedMessage(
            id: Self.signedPrekeyID, createdAt: Self.signedPrekeyCreatedAt, publicKey: prekey.publicKey))
        signedPrekey = try SignedPrekey(serialized: [1] + bigEndian(Self.signedPrekeyID) + bigEndian(Self.signedPrekeyCreatedAt)
                                        + prekey.secret.unprotectedBytes + signature)
        oneTimePrekey = try OneTimePrekey(serialized: [1] + bigEndian(Self.oneTimePrekeyID)
                                          + fixedX25519("bob/one-time-prekey").secret.unprotectedBytes)
    }

    func bundle(withOneTimePrekey: Bool) -> PrekeyBundle {
        PrekeyBundle(identity: bob.publicBundle, signedPrekey: signedPrekey.publicPart,
                     oneTimePrekey: withOneTimePrekey ? oneTimePrekey.publicPart : nil)
    }

    /// An identity's keys as the vector files list them.
    static func json(_ identity: IdentityKeys) -> [String: Any] {
        [
            "ed25519_seed": hex(identity.signingKey.seed),
            "ed25519_public": hex(identity.signingKey.verifyingKey.bytes),
            "x25519_private": hex(identity.agreementKey.secret),
            "x25519_public": hex(identity.agreementKey.publicKey.bytes),
        ]
    }
}
