import Glibc

/// The command line: `klankbord-bench [--workload w1|w1-scaling|w2|w3|w4|w5|w6|w6-room|e2e|all] [--json FILE]
/// [--members N] [--msgs N] [--size N] [--rate R] [--connections N] [--events N] [--duration S] [--quick] …`
struct Options {
    enum Workload: String, CaseIterable {
        case w1, w1Scaling = "w1-scaling", w2, w3, w4, w5, w6, w6Room = "w6-room", e2e, all
    }

    struct UsageError: Error, CustomStringConvertible {
        let description: String
    }

    var workload: Workload = .w1
    var jsonPath: String?
    var label = "klankbord"
    var quick = false
    /// W1: members of the room, messages each, payload bytes.
    var members: Int?
    var msgs: Int?
    var size = 200
    /// W1: messages per second per member; nil runs unpaced, 10 and 50; 0 runs only unpaced.
    var rate: Double?
    /// W1 unpaced: sends in flight per member.
    var window = 16
    /// W1 unpaced: how many times to repeat the run.
    var repeats = 1
    /// W2: total sends per second (one run per rate, on the same daemon), and seconds of steady load.
    var offered: [Double] = [2000]
    var duration: Double?
    var connections: Int?
    var events: Int?
    /// W5: runs of each command.
    var runs: Int?
    /// W6: history sizes, as multiples of one year's history (HistoryShape).
    var history: [Double]?
    /// W6: seconds to keep the daemon and the seeded profile after measuring, to look into a command by hand.
    var hold: Double?
    /// W1: a command attached to the daemon for the measured part of each run (`{pid}` is the daemon's id), and
    /// the seconds to let it attach first (`make bench-trace`).
    var tracer: String?
    var tracerSettle: Double = 2
    /// Seconds one run may take before the watchdog stops it.
    var timeout: Double = 300
    var daemonPath: String?
    var cliPath: String?
    var dataParent = "/tmp"
    /// Extra daemon settings (`--set key=value`), after the bench's own raised limits.
    var settings: [(String, String)] = []

    static let usage = """
        usage: klankbord-bench [--workload w1|w1-scaling|w2|w3|w4|w5|w6|w6-room|e2e|all] [--json FILE] [--label TEXT] [--quick]
                               [--members N] [--msgs N] [--size BYTES] [--rate MSGS_PER_S_PER_MEMBER] [--window N] [--repeat N]
                               [--offered SENDS_PER_S[,…]] [--duration S] [--connections N] [--events N] [--runs N] [--history X[,…]] [--hold S]
                               [--tracer 'COMMAND {pid}'] [--tracer-settle S] [--timeout S] [--daemon PATH] [--cli PATH] [--data-parent DIR] [--set KEY=VALUE]…
        """

    init(_ words: [String]) throws(UsageError) {
        var index = 0
        func value(_ name: String) throws(UsageError) -> String {
            guard index < words.count else { throw UsageError(description: "\(name) needs a value\n\(Options.usage)") }
            defer { index += 1 }
            return words[index]
        }
        func number(_ name: String) throws(UsageError) -> Double {
            let text = try value(name)
            guard let parsed = Double(text), parsed >= 0 else { throw UsageError(description: "\(name): not a number: \(text)") }
            return parsed
        }
        func count(_ name: String) throws(UsageError) -> Int {
            let parsed = try number(name)
            guard parsed >= 1, parsed == parsed.rounded() else { throw UsageError(description: "\(name): needs a whole number of at least 1") }
            return Int(parsed)
        }
        while index < words.count {
            let word = words[index]
            index += 1
            switch word {
            case "--workload":
                let name = try value(word)
                guard let chosen = Workload(rawValue: name) else { throw UsageError(description: "unknown workload \(name)\n\(Options.usage)") }
                workload = chosen
            case "--json": jsonPath = try value(word)
            case "--label": label = try value(word)
            case "--quick": quick = true
            case "--members": members = try count(word)
            case "--msgs": msgs = try count(word)
            case "--size": size = max(try count(word), 8)
            case "--rate": rate = try number(word)
            case "--window": window = try count(word)
            case "--repeat": repeats = try count(word)
            case "--offered":
                let text = try value(word)
                let rates = text.split(separator: ",").compactMap { Double($0) }.filter { $0 >= 1 }
                guard !rates.isEmpty else { throw UsageError(description: "--offered: rates like 2000 or 1000,2000,4000") }
                offered = rates
            case "--duration": duration = max(try number(word), 1)
            case "--connections": connections = try count(word)
            case "--events": events = try count(word)
            case "--runs": runs = try count(word)
            case "--hold": hold = try number(word)
            case "--tracer": tracer = try value(word)
            case "--tracer-settle": tracerSettle = try number(word)
            case "--history":
                let text = try value(word)
                let scales = text.split(separator: ",").compactMap { Double($0) }.filter { $0 > 0 }
                guard !scales.isEmpty else { throw UsageError(description: "--history: sizes like 1 or 0.5,1,2") }
                history = scales
            case "--timeout": timeout = max(try number(word), 5)
            case "--daemon": daemonPath = try value(word)
            case "--cli": cliPath = try value(word)
            case "--data-parent": dataParent = try value(word)
            case "--set":
                let pair = try value(word)
                guard let equals = pair.firstIndex(of: "=") else { throw UsageError(description: "--set needs key=value") }
                settings.append((String(pair[..<equals]), String(pair[pair.index(after: equals)...])))
            case "--help", "-h": throw UsageError(description: Options.usage)
            default: throw UsageError(description: "unknown option \(word)\n\(Options.usage)")
            }
        }
    }

    /// The folder this executable is in, where `swift build` also puts `klankbordd` and `klankbord`.
    static func executableFolder() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard length > 0 else { return "." }
        let path = String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return String(path[..<slash])
    }

    var daemonBinary: String { daemonPath ?? Options.executableFolder() + "/klankbordd" }
    var cliBinary: String { cliPath ?? Options.executableFolder() + "/klankbord" }
}
