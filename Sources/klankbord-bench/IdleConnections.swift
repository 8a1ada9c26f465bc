import Klankbord

/// W3: many idle authenticated connections. Accounts are made first (and disconnected), so the
/// memory measured is that of connections, not of new database rows; then every account connects
/// (handshake) and subscribes, the way a phone or laptop stays online, and stays idle. While they
/// are connected, a room of 5 exchanges paced messages for the latency figure.
enum IdleConnections {
    static func run(_ context: BenchContext) {
        let count = context.options.connections ?? (context.options.quick ? 200 : 10_000)
        let name = "W3 \(count) idle connections"
        context.output.note(name)
        context.watchdog.arm(name, seconds: context.options.timeout + 60)
        defer { context.watchdog.disarm() }
        var report = context.report("W3-idle-connections")
        report.set("connections", count)
        context.withDaemon(name, report, settings: [("max_connections", String(count + 100))]) { daemon, report in
            try measure(context, daemon, count: count, into: &report)
        }
    }

    private static func measure(_ context: BenchContext, _ daemon: Daemon, count: Int, into report: inout RunReport) throws {
        let admin = try Admin(daemon)
        let loop = ClientLoop(address: daemon.address, serverKey: daemon.serverKey)
        let room = try admin.createRoom("w3")
        let talkers = try loop.members(5, of: room, prefix: "t", admin: admin, deadline: context.deadline())

        let accountsStart = monotonicNanos()
        let secrets = try admin.memberInvites(room: nil, uses: count)
        let idle = loop.makeClients(count, prefix: "i")
        try loop.enroll(idle, invites: idle.indices.map { [secrets[$0 / 1000]] }, subscribe: false, disconnectWhenDone: true, deadline: context.deadline())
        report.set("accounts_s", seconds(from: accountsStart, to: monotonicNanos()), digits: 2)
        _ = loop.run(Pause(seconds: context.options.quick ? 0.1 : 1), until: context.deadline())

        let before = daemon.memory
        let cpu = CPUWindow(daemonPID: daemon.pid)
        let connectStart = monotonicNanos()
        let enrollment = Enrollment(idle, invites: idle.map { _ in [] }, subscribe: true, concurrency: 256)
        let finished = loop.run(enrollment, until: context.deadline())
        let connectSeconds = seconds(from: connectStart, to: monotonicNanos())
        let (serverUsed, clientUsed, otherUsed) = cpu.measure()
        _ = loop.run(Pause(seconds: context.options.quick ? 0.2 : 2), until: context.deadline())
        let after = daemon.memory
        let connected = idle.filter { $0.phase == .established }.count

        let sampler = MemorySampler(pid: daemon.pid)
        let messages = context.options.quick ? 10 : 100
        let fanOut = FanOut(.scheduled(StaggeredSchedule(members: talkers, room: room, count: messages, rate: 20)), payloadSize: context.options.size, sampler: sampler)
        let talked = loop.run(fanOut, until: context.deadline())
        var latencies = fanOut.latencies
        let (p50, p99, worst) = latencies.summary()

        report.set("failed", count - connected)
        if let first = enrollment.failures.first { report.set("fail_sample", first) }
        report.set("timed_out", !finished || !talked)
        report.set("connect_all_s", connectSeconds, digits: 2)
        report.set("handshakes_per_s", Double(count) / max(enrollment.handshakeSeconds, 1e-9), digits: 0)
        report.set("server_rss_before_MiB", Double(before.rssKiB) / 1024, digits: 1)
        report.set("server_rss_idle_MiB", Double(after.rssKiB) / 1024, digits: 1)
        report.set("server_rss_per_conn_KiB", Double(after.rssKiB - before.rssKiB) / Double(max(connected, 1)), digits: 2)
        report.set("server_VmHWM_MiB", Double(daemon.memory.peakKiB) / 1024, digits: 1)
        report.set("server_cpu_s_connect_phase", serverUsed)
        report.set("server_cpu_us_per_handshake", serverUsed * 1e6 / Double(max(count, 1)), digits: 1)
        report.set("client_cpu_s_connect_phase", clientUsed)
        report.set("other_cpu_s_connect_phase", otherUsed)
        report.set("room_members", talkers.count)
        report.set("rate_per_member", 20.0, digits: 1)
        report.set("deliveries", fanOut.deliveries)
        report.set("expected", talkers.count * talkers.count * messages)
        report.set("lat_p50_ms", p50)
        report.set("lat_p99_ms", p99)
        report.set("lat_max_ms", worst)
        var lag = fanOut.sendLag
        report.set("send_lag_p99_ms", lag.percentileMillis(99))
    }
}
