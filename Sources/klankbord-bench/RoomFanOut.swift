import Klankbord

/// W1 (room fan-out) and its scaling series: one room, every member subscribed, messages sent
/// unpaced (throughput) or paced and staggered (latency).
enum RoomFanOut {
    struct Plan {
        var members: Int
        /// Messages each member sends; with `totalMessages` set, that many are spread over the members instead.
        var messagesEach: Int
        var totalMessages: Int?
        var size: Int
        /// Messages per second per member; nil is unpaced.
        var rate: Double?
        var window: Int
        var series: String?
    }

    /// Unpaced, then paced at 10 and 50 messages/s per member (or only `--rate`), `--repeat` times unpaced.
    static func runAll(_ context: BenchContext) {
        let options = context.options
        let members = options.members ?? (options.quick ? 5 : 20)
        let msgs = options.msgs ?? (options.quick ? 10 : 200)
        let rates: [Double?] = options.rate.map { $0 == 0 ? [nil] : [$0] } ?? [nil, 10, 50]
        for rate in rates {
            for _ in 0..<(rate == nil ? options.repeats : 1) {
                run(context, Plan(members: members, messagesEach: msgs, size: options.size, rate: rate, window: options.window))
            }
        }
    }

    /// Unpaced rooms of 5, 20, 100 and 500 members, 80,000 deliveries each (2,000 with --quick).
    static func runScaling(_ context: BenchContext) {
        let quick = context.options.quick
        let deliveries = quick ? 2000 : 80_000
        for members in quick ? [5, 20] : [5, 20, 100, 500] {
            run(context, Plan(members: members, messagesEach: 0, totalMessages: deliveries / members, size: context.options.size,
                              rate: nil, window: context.options.window, series: "scaling"))
        }
    }

    static func run(_ context: BenchContext, _ plan: Plan) {
        let name = "W1 \(plan.members) members " + (plan.rate.map { "at \(RunReport.Value.format($0, 1))/s" } ?? "unpaced")
        context.output.note(name)
        context.watchdog.arm(name, seconds: context.options.timeout + 60)
        defer { context.watchdog.disarm() }
        var report = context.report("W1-room-fanout")
        if let series = plan.series { report.set("series", series) }
        context.withDaemon(name, report) { daemon, report in
            try measure(context, plan, daemon, into: &report)
        }
    }

    private static func measure(_ context: BenchContext, _ plan: Plan, _ daemon: Daemon, into report: inout RunReport) throws {
        let setupStart = monotonicNanos()
        let admin = try Admin(daemon)
        let room = try admin.createRoom("w1")
        let loop = ClientLoop(address: daemon.address, serverKey: daemon.serverKey)
        let members = try loop.members(plan.members, of: room, prefix: "m", admin: admin, deadline: context.deadline())
        let setupSeconds = seconds(from: setupStart, to: monotonicNanos())

        let counts = members.indices.map { index in
            guard let total = plan.totalMessages else { return plan.messagesEach }
            return total / members.count + (index < total % members.count ? 1 : 0)
        }
        let totalMessages = counts.reduce(0, +)
        let expected = totalMessages * members.count
        let sampler = MemorySampler(pid: daemon.pid)
        let pacing: FanOut.Pacing
        if let rate = plan.rate {
            pacing = .scheduled(StaggeredSchedule(members: members, room: room, count: plan.messagesEach, rate: rate))
        } else {
            pacing = .unpaced(senders: members.indices.map { (members[$0], room, counts[$0]) }, window: plan.window)
        }
        let fanOut = FanOut(pacing, payloadSize: plan.size, expected: plan.rate == nil ? expected : 0, sampler: sampler)
        let tracer = try context.options.tracer.map { command in
            try Tracer(command: command, daemonPID: daemon.pid, folder: daemon.folder, settle: context.options.tracerSettle,
                       watchdog: context.watchdog)
        }
        let cpu = CPUWindow(daemonPID: daemon.pid)
        let finished = loop.run(fanOut, until: context.deadline())
        let (serverUsed, clientUsed, otherUsed) = cpu.measure()
        tracer?.stop()
        let memory = daemon.memory
        var latencies = fanOut.latencies
        let (p50, p99, worst) = latencies.summary()
        let wall = fanOut.wallSeconds

        report.set("members", plan.members)
        report.set("msgs_per_member", plan.totalMessages == nil ? .int(plan.messagesEach) : .number(Double(totalMessages) / Double(plan.members), digits: 2))
        report.set("body_bytes", plan.size)
        report.set("rate_per_member", plan.rate.map { .number($0, digits: 1) } ?? .text("unpaced"))
        report.set("setup_s", setupSeconds, digits: 3)
        report.set("deliveries", fanOut.deliveries)
        report.set("expected", expected)
        report.set("timed_out", !finished)
        report.set("wall_s", wall, digits: 3)
        report.set("deliveries_per_s", wall > 0 ? Double(fanOut.deliveries) / wall : nil, digits: 1)
        report.set("lat_p50_ms", p50)
        report.set("lat_p99_ms", p99)
        report.set("lat_max_ms", worst)
        var lag = fanOut.sendLag
        report.set("send_lag_p99_ms", lag.percentileMillis(99))
        var acks = fanOut.ackLatencies
        report.set("ack_p50_ms", acks.percentileMillis(50))
        report.set("ack_p99_ms", acks.percentileMillis(99))
        if plan.rate != nil {
            var spread = fanOut.fanOutSpread
            report.set("fanout_spread_p50_ms", spread.percentileMillis(50), digits: 3)
            report.set("fanout_spread_p99_ms", spread.percentileMillis(99), digits: 3)
        }
        report.set("server_cpu_s", serverUsed)
        report.set("server_rss_peak_during_MiB", Double(sampler.peakKiB) / 1024, digits: 1)
        report.set("server_VmHWM_MiB", Double(memory.peakKiB) / 1024, digits: 1)
        report.set("server_rss_after_MiB", Double(memory.rssKiB) / 1024, digits: 1)
        report.set("client_cpu_s", clientUsed)
        report.set("other_cpu_s", otherUsed)
        report.set("messages", totalMessages)
        report.set("window", plan.rate == nil ? .int(plan.window) : .null)
        report.set("server_cpu_us_per_delivery", fanOut.deliveries > 0 ? serverUsed * 1e6 / Double(fanOut.deliveries) : nil, digits: 2)
        report.set("client_cpu_us_per_delivery", fanOut.deliveries > 0 ? clientUsed * 1e6 / Double(fanOut.deliveries) : nil, digits: 2)
        if let command = context.options.tracer { report.set("traced_by", command) }
        report.set("refused", fanOut.refused)
        report.set("failed", loop.failures.count)
        if let first = loop.failures.first { report.set("fail_sample", first) }
    }
}
