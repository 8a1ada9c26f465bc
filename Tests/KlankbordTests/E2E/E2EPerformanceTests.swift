import Foundation
import XCTest
@testable import Klankbord

/// Prints what the E2E operations cost on this machine; asserts nothing about time. Run in
/// release for meaningful numbers:
/// `swift test -c release -Xswiftc -enable-testing --disable-swift-testing --filter E2EPerformanceTests`
final class E2EPerformanceTests: XCTestCase {
    private func milliseconds(_ label: String, count: Int, _ body: () throws -> Void) rethrows {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
        print(String(format: "E2E timing: %@: %.4f ms each (%d runs)", label, elapsed / Double(count), count))
    }

    func testPrintMessageCosts() throws {
        let text = Array(repeating: UInt8(ascii: "x"), count: 200)
        var (alice, bob) = try establishedPair()
        let count = 2000
        try milliseconds("1:1 encrypt+decrypt, same direction, 200 B", count: count) {
            for _ in 0..<count { _ = try bob.decrypt(try alice.encrypt(text)) }
        }
        try milliseconds("1:1 encrypt+decrypt, alternating (DH ratchet step each), 200 B", count: count) {
            for index in 0..<count {
                if index % 2 == 0 { _ = try bob.decrypt(try alice.encrypt(text)) } else { _ = try alice.decrypt(try bob.encrypt(text)) }
            }
        }
        try milliseconds("1:1 session serialize+deserialize (load/store per message)", count: count) {
            for _ in 0..<count { bob = try RatchetSession(serialized: bob.serialized()) }
        }
        var chain = SenderKeyChain(roomID: 1, epoch: 1)
        try milliseconds("sender key encrypt+sign", count: count) {
            for _ in 0..<count { _ = try chain.encrypt(text) }
        }
        var receiver = SenderKeyReceiver(distribution: chain.distribution)
        let messages = try (0..<count).map { _ in try chain.encrypt(text) }
        try milliseconds("sender key verify+decrypt", count: count) {
            for message in messages { _ = try receiver.decrypt(message) }
        }
        let account = Account(), initiatorIdentity = IdentityKeys()
        try milliseconds("X3DH initiate + first seal + respond", count: 200) {
            for _ in 0..<200 {
                var session = try X3DH.initiate(identity: initiatorIdentity, bundle: account.bundle())
                guard case .initial(let initial) = try session.seal(text) else { return }
                _ = try X3DH.respond(to: initial, identity: account.identity, signedPrekey: account.signedPrekey, oneTimePrekey: account.oneTimePrekeys[0])
            }
        }
        let one = IdentityKeys().publicBundle, two = IdentityKeys().publicBundle
        milliseconds("safety number", count: 20) {
            for _ in 0..<20 { _ = SafetyNumber.compute(local: one, localHandle: "a", remote: two, remoteHandle: "b") }
        }
    }
}
