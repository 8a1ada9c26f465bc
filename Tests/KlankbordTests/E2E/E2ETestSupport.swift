import XCTest
@testable import Klankbord

/// A deterministic random number generator (SplitMix64) so shuffles and fuzz inputs repeat.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func bytes(_ count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: 0...255, using: &self) }
    }
}

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
