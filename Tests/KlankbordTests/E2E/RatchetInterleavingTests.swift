import XCTest
import Klankbord
@testable import KlankbordE2E

/// Long random conversations: both sides send, messages arrive reordered, some are lost, some
/// arrive twice, and the sessions are saved and reloaded along the way.
final class RatchetInterleavingTests: XCTestCase {
    private struct InFlight {
        let message: RatchetMessage
        let text: [UInt8]
    }

    func testLongRandomInterleavingsWithReorderingAndLossDecrypt() throws {
        for seed: UInt64 in [1, 2, 3] {
            try runConversation(seed: seed, messages: 2000)
        }
    }

    private func runConversation(seed: UInt64, messages total: Int) throws {
        var random = SeededGenerator(seed: seed)
        var (alice, bob) = try establishedPair()
        var toBob: [InFlight] = [], toAlice: [InFlight] = []
        var delivered: [[UInt8]] = [], duplicates = 0
        var sent = 0, lost = 0, decrypted = 0
        while sent < total || !toBob.isEmpty || !toAlice.isEmpty {
            let roll = Int.random(in: 0..<100, using: &random)
            switch roll {
            case 0..<30 where sent < total:
                let text = bytes("a→b #\(sent) seed \(seed)")
                toBob.append(InFlight(message: try alice.encrypt(text), text: text))
                sent += 1
            case 30..<55 where sent < total:
                let text = bytes("b→a #\(sent) seed \(seed)")
                toAlice.append(InFlight(message: try bob.encrypt(text), text: text))
                sent += 1
            case 55..<95:
                let toBobSide = Bool.random(using: &random)
                let picked = toBobSide ? pick(&toBob, using: &random) : pick(&toAlice, using: &random)
                guard let item = picked else { continue }
                if Int.random(in: 0..<100, using: &random) < 4 {
                    lost += 1
                    continue
                }
                let plaintext = try toBobSide ? bob.decrypt(item.message) : alice.decrypt(item.message)
                XCTAssertEqual(plaintext, item.text)
                delivered.append(plaintext)
                decrypted += 1
                if Int.random(in: 0..<100, using: &random) < 3 {
                    XCTAssertThrows(.duplicateMessage) { () throws(E2EError) in
                        try toBobSide ? bob.decrypt(item.message) : alice.decrypt(item.message)
                    }
                    duplicates += 1
                }
            default:
                alice = try RatchetSession(serialized: alice.serialized())
                bob = try RatchetSession(serialized: bob.serialized())
            }
        }
        XCTAssertEqual(decrypted + lost, total)
        XCTAssertEqual(Set(delivered).count, delivered.count)
        XCTAssertGreaterThan(lost, 0)
        XCTAssertGreaterThan(duplicates, 0)
    }

    /// Removes and returns a random element among the oldest few, so reordering stays local.
    private func pick(_ queue: inout [InFlight], using random: inout SeededGenerator) -> InFlight? {
        guard !queue.isEmpty else { return nil }
        let window = min(queue.count, 20)
        return queue.remove(at: Int.random(in: 0..<window, using: &random))
    }
}
