import FoundationEssentials
import Glibc
import Klankbord

/// W6, client cost with history: the commands a facilitator runs every day — `read` of the big room, `rooms`,
/// `agenda`, `consult list`, `ledger export` — timed as whole processes against a real release daemon, on a profile
/// seeded with `scale` years of history (`HistorySeed`), one fresh daemon and profile per scale.
enum HistoryCost {
    /// The timed commands: a name for the table, and the words after `klankbord`.
    static func commands(year: Int) -> [(name: String, words: [String])] {
        [("read", ["read", HistoryShape.bigRoom]), ("rooms", ["rooms"]), ("agenda", ["agenda"]), ("consult_list", ["consult", "list"]),
         ("ledger_export", ["ledger", "export", "--from", "\(year - 1)-01-01", "--to", "\(year + 1)-12-31"])]
    }

    /// Scales run by default: the growth up to ten years' history (`--history 1,2,5,10`).
    static let defaultScales = [1.0, 2, 5, 10]

    static func run(_ context: BenchContext) {
        let scales = context.options.history ?? (context.options.quick ? [0.02, 0.05] : defaultScales)
        let runs = context.options.runs ?? (context.options.quick ? 3 : 11)
        for scale in scales {
            let name = "W6 client cost with history × \(scale)"
            context.output.note(name)
            context.watchdog.arm(name, seconds: context.options.timeout * 4 + 120)
            var report = context.report("W6-history")
            report.set("history_x", scale, digits: 3)
            report.set("runs", runs)
            context.withDaemon(name, report, settings: [("max_members_per_room", "30000")]) { daemon, report in
                try measure(context, daemon, shape: HistoryShape(scale: scale), runs: runs, into: &report)
            }
            context.watchdog.disarm()
        }
    }

    private static func measure(_ context: BenchContext, _ daemon: Daemon, shape: HistoryShape, runs: Int, into report: inout RunReport) throws {
        let seed = HistorySeed(shape: shape, daemon: daemon, cli: InProcessCLI(folder: daemon.folder), note: context.output.note)
        defer {
            if let hold = context.options.hold {
                // For looking into one command by hand (perf, timing prints): the daemon and the seeded profile stay a while.
                context.output.note("holding \(Int(hold)) s: \(context.options.cliBinary) <command> --profile \(seed.cli.profile(HistorySeed.facilitator))")
                sleep(UInt32(hold))
            }
        }
        let seedStart = monotonicSeconds()
        // The seeding grows with the history (about 25 s at 1× on a busy machine), so its deadline does too, past
        // `--timeout` (which `context.deadline` would cap).
        let seeded = try seed.run(deadline: monotonicNanos() + nanos(context.options.timeout * 3 * max(1, shape.scale)))
        report.set("seed_s", monotonicSeconds() - seedStart, digits: 1)
        report.set("messages", shape.messages)
        report.set("meetings", shape.meetings)
        report.set("ledger_events", shape.ledgerEvents)
        report.set("profile_MiB", Double(fileSize(seed.cli.profile(HistorySeed.facilitator) + "/client.db")) / 1_048_576, digits: 1)

        let cli = Person.Runner(binary: context.options.cliBinary, folder: daemon.folder, watchdog: context.watchdog)
        let person = Person(cli, HistorySeed.facilitator)
        let commands = commands(year: AmsterdamTime(Date()).year)
        // Warm-up, not timed: the first of each catches up what the seeding left (the ledger's head, pins).
        for command in commands { try person.must(command.words) }
        // After the warm-up: the facilitator's device last synced the big room's log before the last members joined.
        let log = try bigRoomLog(seed)
        report.set("log_entries", log.held)
        report.set("log_members", log.members)
        let year = AmsterdamTime(Date()).year
        try HistoryCheck.run(person, shape: shape, seeded: seeded, logMembers: log.members, year: year)
        report.set("seed_checked", true)
        var times = commands.map { _ in Latencies() }
        var starts = Latencies()
        var failures = 0
        let cpu = CPUWindow(daemonPID: daemon.pid)
        for _ in 0..<runs {
            // The floor in the same machine state: a process that starts, prints its help and exits.
            let help = try person.timed(["--help"])
            help.status == 0 ? starts.record(help.nanos) : (failures += 1)
            for (index, command) in commands.enumerated() {
                let result = try person.timed(command.words)
                result.status == 0 ? times[index].record(result.nanos) : (failures += 1)
            }
        }
        let (server, _, other) = cpu.measure()
        for (index, command) in commands.enumerated() {
            report.set(command.name + "_p50_ms", times[index].percentileMillis(50))
            report.set(command.name + "_p95_ms", times[index].percentileMillis(95))
        }
        report.set("help_p50_ms", starts.percentileMillis(50))
        report.set("server_cpu_s", server)
        report.set("other_cpu_s", other)
        report.set("failed", failures)
    }

    /// The big room's signed log on the facilitator's device: how many entries it holds, and how many members the
    /// whole log names once synced and checked by the library's own reduction (not kept: the timed profile stays as seeded).
    private static func bigRoomLog(_ seed: HistorySeed) throws -> (held: Int, members: Int) {
        let profile = try Profile(openingAt: seed.cli.profile(HistorySeed.facilitator)) { nil }
        let connection = try ClientConnection(address: seed.daemon.address, serverKey: seed.daemon.serverKey, deviceKey: try profile.deviceKey())
        guard case let .rooms(rooms) = try connection.call(.rooms), let big = rooms.first(where: { $0.name == HistoryShape.bigRoom }),
              var log = try profile.heldLog(scope: big.id), let roster = try profile.heldLog(scope: LogEntry.rosterScope)?.roster() else { return (0, 0) }
        let held = log.entries.count
        guard try log.sync(connection.logServer.fetch) else { throw BenchFailure(description: "the big room's log skipped an index") }
        let membership = log.membership(roster: roster)
        guard membership.log.warnings.isEmpty else { throw BenchFailure(description: "the big room's log holds entries clients refuse") }
        return (held, membership.memberIDs.count)
    }

    private static func fileSize(_ path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : 0
    }
}
