import Klankbord

/// W4, catch-up: a member is offline while `events` accumulate in its rooms (written by one
/// member per room, unpaced); then it reconnects and fetches until it holds all of them.
enum Backlog {
    static let rooms = 4

    static func run(_ context: BenchContext) {
        let events = context.options.events ?? (context.options.quick ? 2000 : 100_000)
        let name = "W4 catch-up of \(events) events"
        context.output.note(name)
        context.watchdog.arm(name, seconds: context.options.timeout * 2 + 60)
        defer { context.watchdog.disarm() }
        var report = context.report("W4-catch-up")
        report.set("events", events)
        report.set("rooms", rooms)
        report.set("body_bytes", context.options.size)
        context.withDaemon(name, report) { daemon, report in
            try measure(context, daemon, events: events, into: &report)
        }
    }

    private static func measure(_ context: BenchContext, _ daemon: Daemon, events: Int, into report: inout RunReport) throws {
        let admin = try Admin(daemon)
        let loop = ClientLoop(address: daemon.address, serverKey: daemon.serverKey)
        var invites: [[UInt8]] = []
        for index in 0..<rooms { invites += try admin.memberInvites(room: try admin.createRoom("w4-\(index)"), uses: 2) }
        let writers = loop.makeClients(rooms, prefix: "w")
        let reader = loop.makeClients(1, prefix: "r")
        try loop.enroll(reader, invites: [invites], subscribe: false, disconnectWhenDone: true, deadline: context.deadline())
        try loop.enroll(writers, invites: invites.map { [$0] }, subscribe: false, deadline: context.deadline())

        let perWriter = writers.indices.map { events / rooms + ($0 < events % rooms ? 1 : 0) }
        let fill = FanOut(.unpaced(senders: writers.indices.map { (writers[$0], writers[$0].rooms[0], perWriter[$0]) }, window: 64),
                          payloadSize: context.options.size, expected: events)
        let filled = loop.run(fill, until: context.deadline())
        report.set("fill_s", fill.wallSeconds, digits: 2)
        report.set("fill_events_per_s", Double(fill.deliveries) / max(fill.wallSeconds, 1e-9), digits: 0)
        guard filled else { throw BenchFailure(description: "filling the rooms timed out after \(fill.deliveries) events") }
        for writer in writers { loop.disconnect(writer) }
        _ = loop.run(Pause(seconds: context.options.quick ? 0.1 : 0.5), until: context.deadline())

        let before = daemon.memory
        let sampler = MemorySampler(pid: daemon.pid)
        sampler.sample(now: monotonicNanos())
        let cpu = CPUWindow(daemonPID: daemon.pid)
        let catchUp = CatchUp(reader[0], sampler: sampler)
        let finished = loop.run(catchUp, until: context.deadline())
        let (serverUsed, clientUsed, otherUsed) = cpu.measure()
        let after = daemon.memory
        if let failure = catchUp.failure { report.set("error", failure) }
        report.set("timed_out", !finished)
        report.set("received", catchUp.events)
        report.set("pages", catchUp.pages)
        report.set("catchup_s", catchUp.elapsedSeconds, digits: 3)
        report.set("events_per_s", Double(catchUp.events) / max(catchUp.elapsedSeconds, 1e-9), digits: 0)
        report.set("server_rss_before_MiB", Double(before.rssKiB) / 1024, digits: 1)
        report.set("server_rss_peak_during_MiB", Double(sampler.peakKiB) / 1024, digits: 1)
        report.set("server_rss_after_MiB", Double(after.rssKiB) / 1024, digits: 1)
        report.set("server_VmHWM_MiB", Double(after.peakKiB) / 1024, digits: 1)
        report.set("server_cpu_s", serverUsed)
        report.set("client_cpu_s", clientUsed)
        report.set("other_cpu_s", otherUsed)
    }
}
