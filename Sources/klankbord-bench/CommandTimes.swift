import Foundation
import Glibc
import Klankbord

/// W5, the CLI as a person uses it: `klankbord send` and `klankbord read` as whole processes
/// (start, open the profile, handshake, request, exit) against the running daemon, in a room of a
/// facilitator and five members, profiles without a passphrase. Sends and reads alternate, so each
/// read finds one new message to decrypt.
enum CommandTimes {
    static let roomName = "Bench"
    static let memberHandles = ["alma", "bente", "cora", "dirkje", "elske"]

    static func run(_ context: BenchContext) {
        let runs = context.options.runs ?? (context.options.quick ? 3 : 30)
        let name = "W5 CLI send/read × \(runs)"
        context.output.note(name)
        context.watchdog.arm(name, seconds: context.options.timeout + 60)
        defer { context.watchdog.disarm() }
        var report = context.report("W5-cli")
        report.set("runs", runs)
        context.withDaemon(name, report) { daemon, report in
            try measure(context, daemon, runs: runs, into: &report)
        }
    }

    private static func measure(_ context: BenchContext, _ daemon: Daemon, runs: Int, into report: inout RunReport) throws {
        let cli = Person.Runner(binary: context.options.cliBinary, folder: daemon.folder, watchdog: context.watchdog)
        let operatorPerson = Person(cli, "operator")
        try operatorPerson.must(["join", daemon.firstInvite.text, "--handle", "beheer"])
        let facilitatorCode = try operatorPerson.firstLine(["invite", "create", "--role", "facilitator"])
        let facilitator = Person(cli, "facilitator")
        try facilitator.must(["join", facilitatorCode, "--handle", "fenna"])
        try facilitator.must(["room", "create", roomName])
        let roomCode = try facilitator.firstLine(["room", "invite", roomName, "--uses", String(memberHandles.count)])
        let members = memberHandles.map { Person(cli, $0) }
        for (member, handle) in zip(members, memberHandles) { try member.must(["join", roomCode, "--handle", handle]) }
        // Warm-up, not timed: the first send sets up sessions and hands out the sender key.
        for member in members { try member.must(["read", roomName]) }
        try members[0].must(["send", roomName, "hallo allemaal"])
        try members[1].must(["read", roomName])

        let text = String(repeating: "Wanneer is de volgende bijeenkomst? ", count: 5)
        var sends = Latencies(), reads = Latencies(), starts = Latencies()
        var failures = 0
        for index in 0..<runs {
            // The floor: a process that starts, prints its help and exits, with no profile or network.
            let help = try members[2].timed(["--help"])
            help.status == 0 ? starts.record(help.nanos) : (failures += 1)
            let sent = try members[0].timed(["send", roomName, "\(index) \(text)"])
            sent.status == 0 ? sends.record(sent.nanos) : (failures += 1)
            let read = try members[1].timed(["read", roomName])
            read.status == 0 ? reads.record(read.nanos) : (failures += 1)
        }
        report.set("room_members", members.count + 1)
        report.set("send_p50_ms", sends.percentileMillis(50))
        report.set("send_p95_ms", sends.percentileMillis(95))
        report.set("send_max_ms", sends.percentileMillis(100))
        report.set("read_p50_ms", reads.percentileMillis(50))
        report.set("read_p95_ms", reads.percentileMillis(95))
        report.set("read_max_ms", reads.percentileMillis(100))
        report.set("help_p50_ms", starts.percentileMillis(50))
        report.set("failed", failures)
    }
}

/// One person's CLI profile, driven through real `klankbord` processes.
struct Person {
    /// Starts `klankbord` with a clean environment: LANG=C and no passphrase variable.
    struct Runner {
        let binary: String
        let folder: String
        let watchdog: Watchdog

        func run(_ words: [String], profile: String) throws -> (status: Int32, nanos: UInt64, output: String) {
            var environment = ProcessInfo.processInfo.environment
            environment["KLANKBORD_PASSPHRASE"] = nil
            environment["LC_ALL"] = nil
            environment["LANG"] = "C"
            let outputPath = folder + "/cli.out"
            let start = monotonicNanos()
            let pid = try ChildProcess.spawn(binary, words + ["--profile", profile], environment: environment,
                                             stdoutPath: outputPath, stderrPath: folder + "/cli.err")
            watchdog.track(process: pid)
            let status = ChildProcess.wait(pid)
            let elapsed = monotonicNanos() - start
            watchdog.forget(process: pid)
            // Up to 16 MiB: W6 checks a whole ledger export (5,000 events make about 250 KB).
            return (status, elapsed, ProcessStats.readSmallFile(outputPath, limit: 16 << 20) ?? "")
        }
    }

    let runner: Runner
    let profile: String

    init(_ runner: Runner, _ name: String) {
        self.runner = runner
        profile = runner.folder + "/profiles-" + name
    }

    func timed(_ words: [String]) throws -> (status: Int32, nanos: UInt64) {
        let result = try runner.run(words, profile: profile)
        return (result.status, result.nanos)
    }

    @discardableResult
    func must(_ words: [String]) throws -> String {
        let result = try runner.run(words, profile: profile)
        guard result.status == 0 else {
            let problem = ProcessStats.readSmallFile(runner.folder + "/cli.err") ?? ""
            throw BenchFailure(description: "klankbord \(words.first ?? "") exited \(result.status): \(problem)")
        }
        return result.output
    }

    /// The first line a command printed (an invite code).
    func firstLine(_ words: [String]) throws -> String {
        guard let line = try must(words).split(separator: "\n").first else { throw BenchFailure(description: "klankbord \(words.first ?? "") printed nothing") }
        return String(line)
    }
}
