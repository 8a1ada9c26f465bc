import XCTest
import Klankbord
@testable import KlankbordE2E


/// One account's keys as a client would hold them.
struct Account {
    let identity = IdentityKeys()
    let signedPrekey: SignedPrekey
    let oneTimePrekeys: [OneTimePrekey]

    init(oneTimePrekeyCount: Int = 3) {
        signedPrekey = SignedPrekey(id: 7, createdAt: 1_700_000_000, identity: identity)
        oneTimePrekeys = OneTimePrekey.generate(count: oneTimePrekeyCount, startingAt: 100)
    }

    func bundle(withOneTimePrekey: Bool = true) -> PrekeyBundle {
        PrekeyBundle(identity: identity.publicBundle, signedPrekey: signedPrekey.publicPart,
                     oneTimePrekey: withOneTimePrekey ? oneTimePrekeys.first?.publicPart : nil)
    }

    func signedPrekey(_ id: UInt32) -> SignedPrekey? {
        id == signedPrekey.id ? signedPrekey : nil
    }

    func oneTimePrekey(_ id: UInt32) -> OneTimePrekey? {
        oneTimePrekeys.first { $0.id == id }
    }
}

/// Alice and Bob with an established ratchet session (Bob has received Alice's first message).
func establishedPair(file: StaticString = #filePath, line: UInt = #line) throws -> (alice: RatchetSession, bob: RatchetSession) {
    let alice = Account(), bob = Account()
    var aliceSession = try X3DH.initiate(identity: alice.identity, bundle: bob.bundle())
    guard case .initial(let initial) = try aliceSession.seal(Array("hello".utf8)) else {
        XCTFail("first message should be an initial message", file: file, line: line)
        throw E2EError.noSession
    }
    let response = try X3DH.respond(to: initial, identity: bob.identity, signedPrekey: bob.signedPrekey, oneTimePrekey: bob.oneTimePrekeys[0])
    XCTAssertEqual(response.plaintext, Array("hello".utf8), file: file, line: line)
    return (aliceSession, response.session)
}

/// Asserts that `body` throws exactly `expected`.
func XCTAssertThrows<T>(_ expected: E2EError, _ body: () throws(E2EError) -> T, file: StaticString = #filePath, line: UInt = #line) {
    do {
        _ = try body()
        XCTFail("expected \(expected), nothing was thrown", file: file, line: line)
    } catch {
        XCTAssertEqual(error, expected, file: file, line: line)
    }
}

func bytes(_ text: String) -> [UInt8] {
    Array(text.utf8)
}
