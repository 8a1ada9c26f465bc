import Klankbord

/// `--workload e2e`: what end-to-end encryption costs a client, in process, with the library's own
/// types: a 1:1 message (encrypt and decrypt with the Double Ratchet), a room message in a room of
/// 20 (one sender-key encryption, 19 decryptions), and an epoch rotation in a room of 50 (a new
/// chain, its distribution encrypted over 49 pairwise sessions and opened by each). Every step
/// includes what a client also does: payload and message serialization, and serializing the
/// updated session or chain state it must persist.
enum EncryptionCost {
    static func run(_ context: BenchContext) {
        let quick = context.options.quick
        context.output.note("E2E cost in process")
        context.watchdog.arm("e2e", seconds: context.options.timeout)
        defer { context.watchdog.disarm() }
        var report = context.report("E2E-cost")
        let text = String(repeating: "x", count: context.options.size)
        report.set("body_bytes", text.utf8.count)
        do {
            let direct = quick ? 50 : 2000
            report.set("direct_messages", direct)
            report.set("direct_ms_per_message", try directMessages(direct, text: text, alternate: true), digits: 4)
            report.set("direct_one_way_ms_per_message", try directMessages(direct, text: text, alternate: false), digits: 4)
            let roomMessages = quick ? 10 : 300
            let roomCost = try roomMessage(members: 20, messages: roomMessages, text: text)
            report.set("room_members", 20)
            report.set("room_ms_per_message", roomCost, digits: 4)
            report.set("room_us_per_recipient", roomCost * 1000 / 19, digits: 1)
            report.set("rotation_members", 50)
            report.set("rotation_ms", try rotation(members: 50, rounds: quick ? 2 : 20), digits: 3)
            report.set("session_setup_ms", try sessionSetup(quick ? 5 : 200), digits: 3)
            report.set("safety_number_ms", safetyNumber(quick ? 2 : 20), digits: 3)
        } catch {
            report.set("error", "\(error)")
            context.output.note("e2e failed: \(error)")
        }
        context.output.record(report)
    }

    /// Milliseconds per 1:1 message, either alternating direction (each message turns the DH
    /// ratchet) or all from one side (symmetric chain steps only).
    static func directMessages(_ count: Int, text: String, alternate: Bool) throws -> Double {
        var alice = Party(), bob = Party()
        try Party.connect(&alice, &bob)
        let start = monotonicNanos()
        for index in 0..<count {
            if alternate && index % 2 == 1 {
                try Party.deliver(text, from: &bob, to: &alice)
            } else {
                try Party.deliver(text, from: &alice, to: &bob)
            }
        }
        return Double(monotonicNanos() - start) / 1e6 / Double(count)
    }

    /// Milliseconds per room message: one sender-key encryption, `members - 1` decryptions.
    static func roomMessage(members: Int, messages: Int, text: String) throws -> Double {
        var chain = SenderKeyChain(roomID: 7, epoch: 1)
        let distribution = try SenderKeyDistribution(serialized: chain.distribution.serialized())
        var receivers = (1..<members).map { _ in SenderKeyReceiver(distribution: distribution) }
        var persisted = 0
        let start = monotonicNanos()
        for _ in 0..<messages {
            let payload = PayloadEvent(content: .text(text)).serialized()
            let wire = try chain.encrypt(payload).serialized()
            persisted &+= chain.serialized().count
            for index in receivers.indices {
                let plaintext = try receivers[index].decrypt(try SenderKeyMessage(serialized: wire))
                _ = try PayloadEvent(serialized: plaintext)
                persisted &+= receivers[index].serialized().count
            }
        }
        let elapsed = monotonicNanos() - start
        precondition(persisted > 0)
        return Double(elapsed) / 1e6 / Double(messages)
    }

    /// Milliseconds per new pairwise session: X3DH and the first message each way (what `Party.connect`
    /// does), without making the two parties' keys.
    static func sessionSetup(_ count: Int) throws -> Double {
        var total: UInt64 = 0
        for _ in 0..<count {
            var a = Party(), b = Party()
            let start = monotonicNanos()
            try Party.connect(&a, &b)
            total += monotonicNanos() - start
        }
        return Double(total) / 1e6 / Double(count)
    }

    /// Milliseconds per safety number (the slow, iterated hash people compare when they verify).
    static func safetyNumber(_ count: Int) -> Double {
        let one = IdentityKeys().publicBundle, two = IdentityKeys().publicBundle
        let start = monotonicNanos()
        var digits = 0
        for _ in 0..<count { digits &+= SafetyNumber.compute(local: one, localHandle: "a", remote: two, remoteHandle: "b").count }
        precondition(digits > 0)
        return Double(monotonicNanos() - start) / 1e6 / Double(count)
    }

    /// Milliseconds per epoch rotation in a room of `members`, each peer having written last.
    static func rotation(members: Int, rounds: Int) throws -> Double {
        var sender = Party()
        var peers = (1..<members).map { _ in Party() }
        for index in peers.indices { try Party.connect(&sender, &peers[index]) }
        var total: UInt64 = 0
        for round in 0..<rounds {
            // Untimed: every peer writes once first, so each distribution message turns the DH ratchet (the dearer case).
            for index in peers.indices { try Party.deliver("ok", from: &peers[index], to: &sender) }
            let start = monotonicNanos()
            let chain = SenderKeyChain(roomID: 7, epoch: UInt32(round + 2))
            let distribution = chain.distribution.serialized()
            var persisted = chain.serialized().count
            for index in peers.indices {
                let wire = try sender.encrypt(distribution, to: peers[index].id)
                persisted &+= try peers[index].decrypt(wire, from: sender).count
                let receiver = SenderKeyReceiver(distribution: try SenderKeyDistribution(serialized: try peers[index].lastPlaintext()))
                persisted &+= receiver.serialized().count
            }
            total += monotonicNanos() - start
            precondition(persisted > 0)
        }
        return Double(total) / 1e6 / Double(rounds)
    }
}
