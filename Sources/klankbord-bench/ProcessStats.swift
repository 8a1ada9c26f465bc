import Glibc

/// What /proc and getrusage say about a process: CPU seconds and memory, read without Foundation.
enum ProcessStats {
    /// Resident memory now and at its peak (VmRSS, VmHWM), in KiB.
    struct Memory {
        var rssKiB: Int
        var peakKiB: Int
    }

    /// utime + stime of `pid`, in seconds (fields 14 and 15 of /proc/PID/stat).
    static func cpuSeconds(_ pid: pid_t) -> Double? {
        guard let text = readSmallFile("/proc/\(pid)/stat"), let close = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        // After ")" the fields start at field 3 (state); utime is field 14, stime field 15.
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// VmRSS and VmHWM of `pid`.
    static func memory(_ pid: pid_t) -> Memory? {
        guard let text = readSmallFile("/proc/\(pid)/status") else { return nil }
        var memory = Memory(rssKiB: 0, peakKiB: 0)
        for line in text.split(separator: "\n") {
            if line.hasPrefix("VmRSS:") { memory.rssKiB = kibibytes(line) }
            if line.hasPrefix("VmHWM:") { memory.peakKiB = kibibytes(line) }
        }
        return memory
    }

    /// CPU seconds (user + system) this process has used so far, all threads.
    static func ownCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    }

    private static func kibibytes(_ line: Substring) -> Int {
        line.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
    }

    /// The text of a file, its first `limit` bytes (64 KiB: enough for anything in /proc/PID).
    static func readSmallFile(_ path: String, limit: Int = 65_536) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: limit)
        var total = 0
        while total < bytes.count {
            let count = bytes.withUnsafeMutableBytes { raw in read(fd, raw.baseAddress.map { $0 + total }, raw.count - total) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            total += count
        }
        return String(decoding: bytes[0..<total], as: UTF8.self)
    }
}
