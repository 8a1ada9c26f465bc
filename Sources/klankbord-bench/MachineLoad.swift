import Glibc

/// What else the machine is doing, so a figure taken while other work shares the cores or the disk
/// can be recognised: CPU time used outside the daemon and the bench, and the disk's fsync latency.
struct CPUWindow {
    private let daemonPID: pid_t
    private let startDaemon: Double
    private let startBench: Double
    private let startMachine: Double

    /// Starts counting now.
    init(daemonPID: pid_t) {
        self.daemonPID = daemonPID
        startDaemon = ProcessStats.cpuSeconds(daemonPID) ?? 0
        startBench = ProcessStats.ownCPUSeconds()
        startMachine = CPUWindow.machineBusySeconds()
    }

    /// CPU seconds since the start: the daemon's, the bench's, and everything else's (other
    /// processes, and interrupt work the kernel does not charge to a process).
    func measure() -> (server: Double, client: Double, other: Double) {
        let server = (ProcessStats.cpuSeconds(daemonPID) ?? startDaemon) - startDaemon
        let client = ProcessStats.ownCPUSeconds() - startBench
        let machine = CPUWindow.machineBusySeconds() - startMachine
        return (server, client, max(machine - server - client, 0))
    }

    /// Non-idle CPU seconds of the whole machine since boot (/proc/stat, all cores).
    static func machineBusySeconds() -> Double {
        guard let text = ProcessStats.readSmallFile("/proc/stat"), let first = text.split(separator: "\n").first else { return 0 }
        let ticks = first.split(separator: " ").dropFirst().compactMap { Double($0) }
        guard ticks.count >= 8 else { return 0 }
        // user nice system idle iowait irq softirq steal: busy is all but idle and iowait.
        let busy = ticks[0] + ticks[1] + ticks[2] + ticks[5] + ticks[6] + ticks[7]
        return busy / Double(sysconf(Int32(_SC_CLK_TCK)))
    }
}

/// The latency of fsync after a 4 KiB append in `folder`, which bounds a commit's latency when
/// the daemon runs with `durability = full`.
enum DiskProbe {
    static func fsyncMillis(in folder: String, count: Int = 40) -> (p50: Double?, p99: Double?) {
        let path = folder + "/fsync-probe"
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return (nil, nil) }
        defer {
            close(fd)
            unlink(path)
        }
        let block = [UInt8](repeating: 0x6b, count: 4096)
        var latencies = Latencies()
        for _ in 0..<count {
            _ = block.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            let start = monotonicNanos()
            fsync(fd)
            latencies.record(monotonicNanos() - start)
        }
        return (latencies.percentileMillis(50), latencies.percentileMillis(99))
    }

    /// The 1-minute load average, to warn when other work shares the machine.
    static func loadAverage() -> Double {
        ProcessStats.readSmallFile("/proc/loadavg")?.split(separator: " ").first.flatMap { Double($0) } ?? 0
    }
}
