import Klankbord

/// W2, many rooms: accounts in rooms of 5 plus one-to-one threads between members who share a
/// room, all connected and subscribed; a steady offered load (sends from random members to random
/// rooms of theirs) for a fixed time, at one or more rates on the same daemon.
enum ManyRooms {
    /// Pairs (by position in a room of 5) that get a one-to-one thread, in order of use.
    static let pairOrder = [(0, 1), (2, 3), (4, 0), (1, 2), (3, 4), (0, 2), (1, 3), (2, 4), (3, 0), (4, 1)]

    static func run(_ context: BenchContext, rates: [Double]) {
        let quick = context.options.quick
        let accounts = quick ? 100 : 2000, roomSize = 5, threads = quick ? 50 : 1000
        let duration = context.options.duration ?? (quick ? 1 : 60)
        let name = "W2 \(accounts) accounts, \(accounts / roomSize) rooms, \(threads) threads"
        context.output.note(name)
        context.watchdog.arm(name, seconds: context.options.timeout + (duration + 30) * Double(rates.count))
        defer { context.watchdog.disarm() }
        do {
            let daemon = try context.startDaemon()
            defer { daemon.stop() }
            let admin = try Admin(daemon)
            let loop = ClientLoop(address: daemon.address, serverKey: daemon.serverKey)
            let setupStart = monotonicNanos()
            var roomSecrets: [[UInt8]] = []
            for index in 0..<(accounts / roomSize) {
                roomSecrets += try admin.memberInvites(room: try admin.createRoom("w2-\(index)"), uses: roomSize)
            }
            let members = loop.makeClients(accounts, prefix: "p")
            try loop.enroll(members, invites: members.indices.map { [roomSecrets[$0 / roomSize]] }, subscribe: true, deadline: context.deadline())
            let pairs = (0..<threads).map { thread in
                let room = thread % roomSecrets.count, pair = pairOrder[(thread / roomSecrets.count) % pairOrder.count]
                return (members[room * roomSize + pair.0], members[room * roomSize + pair.1])
            }
            let opener = DirectThreads(pairs)
            guard loop.run(opener, until: context.deadline()), opener.failures.isEmpty else {
                throw BenchFailure(description: "opening threads failed: \(opener.failures.first ?? "timed out")")
            }
            let setupSeconds = seconds(from: setupStart, to: monotonicNanos())
            var memberships = members.map { RandomSchedule.Membership(member: $0, room: $0.rooms[0], roomSize: roomSize) }
            for (pair, room) in zip(pairs, opener.rooms) {
                memberships.append(RandomSchedule.Membership(member: pair.0, room: room, roomSize: 2))
                memberships.append(RandomSchedule.Membership(member: pair.1, room: room, roomSize: 2))
            }
            for rate in rates {
                var report = context.report("W2-many-rooms")
                report.set("accounts", accounts)
                report.set("rooms", accounts / roomSize)
                report.set("room_members", roomSize)
                report.set("direct_threads", threads)
                report.set("setup_s", setupSeconds, digits: 1)
                context.probeDisk(daemon, into: &report)
                measure(context, daemon, loop, memberships, directRooms: Set(opener.rooms), rate: rate, duration: duration, into: &report)
                context.output.record(report)
            }
        } catch {
            var report = context.report("W2-many-rooms")
            report.set("error", "\(error)")
            context.output.note("\(name) failed: \(error)")
            context.output.record(report)
        }
    }

    private static func measure(_ context: BenchContext, _ daemon: Daemon, _ loop: ClientLoop, _ memberships: [RandomSchedule.Membership],
                                directRooms: Set<UInt64>, rate: Double, duration: Double, into report: inout RunReport) {
        context.output.note("W2 at \(RunReport.Value.format(rate, 0)) sends/s for \(RunReport.Value.format(duration, 0)) s")
        let sampler = MemorySampler(pid: daemon.pid)
        let fanOut = FanOut(.scheduled(RandomSchedule(memberships: memberships, rate: rate, duration: duration)),
                            payloadSize: context.options.size, sampler: sampler)
        fanOut.directRooms = directRooms
        let cpu = CPUWindow(daemonPID: daemon.pid)
        let finished = loop.run(fanOut, until: monotonicNanos() + nanos(duration + 10))
        let (serverUsed, clientUsed, otherUsed) = cpu.measure()
        var latencies = fanOut.latencies
        let (p50, p99, worst) = latencies.summary()
        report.set("offered_sends_per_s", rate, digits: 0)
        report.set("duration_s", duration, digits: 0)
        report.set("sends", fanOut.sent)
        report.set("sends_per_s", Double(fanOut.sent) / max(fanOut.wallSeconds, 1e-9), digits: 0)
        report.set("deliveries", fanOut.deliveries)
        report.set("expected", fanOut.expected)
        report.set("timed_out", !finished)
        report.set("wall_s", fanOut.wallSeconds, digits: 2)
        report.set("lat_p50_ms", p50)
        report.set("lat_p99_ms", p99)
        report.set("lat_max_ms", worst)
        var lag = fanOut.sendLag
        report.set("send_lag_p99_ms", lag.percentileMillis(99))
        var acks = fanOut.ackLatencies
        report.set("ack_p50_ms", acks.percentileMillis(50))
        report.set("ack_p99_ms", acks.percentileMillis(99))
        report.set("server_cpu_s", serverUsed)
        report.set("server_rss_peak_during_MiB", Double(sampler.peakKiB) / 1024, digits: 1)
        report.set("server_VmHWM_MiB", Double(daemon.memory.peakKiB) / 1024, digits: 1)
        report.set("client_cpu_s", clientUsed)
        report.set("other_cpu_s", otherUsed)
        report.set("refused", fanOut.refused)
        report.set("failed", loop.failures.count)
    }
}
