import Glibc

// The load generator: starts real `klankbordd` processes and drives them with real clients over
// loopback. See `Options.usage` and docs/PERFORMANCE.md.

Watchdog.blockStopSignals()
let options: Options
do {
    options = try Options(Array(CommandLine.arguments.dropFirst()))
} catch {
    print(error.description)
    exit(error.description == Options.usage ? 0 : 2)
}
raiseFileLimit()
let watchdog = Watchdog()
watchdog.start()
let output = Output(jsonPath: options.jsonPath)
let context = BenchContext(options: options, watchdog: watchdog, output: output)
Workloads.run(options.workload, context)
Workloads.printTables(output)
exit(output.allSucceeded ? 0 : 1)

/// Raises the soft limit on open files to the hard limit (W3 holds thousands of sockets); the
/// daemon, started later, inherits it.
func raiseFileLimit() {
    var limit = rlimit()
    guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur < limit.rlim_max else { return }
    limit.rlim_cur = limit.rlim_max
    setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
}
