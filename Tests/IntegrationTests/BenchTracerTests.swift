import Foundation
import XCTest

/// `klankbord-bench --tracer` (what `make bench-trace` attaches strace and perf with): the command gets the
/// daemon's process id, runs while the messages flow and is stopped with SIGINT when they have all arrived;
/// a tracer that cannot start fails the run instead of leaving a quiet, untraced figure.
final class BenchTracerTests: XCTestCase {
    func testTracerSeesTheDaemonAndIsStoppedAfterTheRun() throws {
        let base = try Products.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: base) }
        let log = base.appendingPathComponent("tracer.log").path
        // A stand-in tracer: names the process it was given, then waits for the bench's SIGINT.
        let tracer = "sh -c 'cat /proc/{pid}/comm > \(log); trap \"echo stopped >> \(log); exit 0\" INT; while :; do sleep 0.05; done'"
        let (status, said, reports) = try runBench(in: base, tracer: tracer)
        XCTAssertEqual(status, 0, said)
        let report = try XCTUnwrap(reports.first)
        XCTAssertNil(report["error"], "\(report["error"] ?? "")")
        XCTAssertEqual(report["deliveries"] as? Int, report["expected"] as? Int)
        XCTAssertEqual(report["traced_by"] as? String, tracer)
        let seen = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(seen, ["klankbordd", "stopped"])
    }

    func testTracerThatCannotStartFailsTheRun() throws {
        let base = try Products.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: base) }
        let (status, said, reports) = try runBench(in: base, tracer: "sh -c 'echo no such tracer >&2; exit 7'")
        XCTAssertNotEqual(status, 0)
        let error = try XCTUnwrap(reports.first?["error"] as? String, said)
        XCTAssertTrue(error.contains("status 7") && error.contains("no such tracer"), error)
    }

    /// W1 paced at 10 messages/s with 5 members × 5 messages under `tracer`: exit status, standard error, JSON lines.
    private func runBench(in base: URL, tracer: String) throws -> (Int32, String, [[String: Any]]) {
        let json = base.appendingPathComponent("w1.jsonl")
        let bench = Process()
        bench.executableURL = Products.directory.appendingPathComponent("klankbord-bench")
        bench.arguments = ["--workload", "w1", "--rate", "10", "--members", "5", "--msgs", "5", "--json", json.path,
                           "--data-parent", base.path, "--label", "test", "--tracer", tracer, "--tracer-settle", "0.5"]
        bench.standardOutput = FileHandle.nullDevice
        let problems = Pipe()
        bench.standardError = problems
        try bench.run()
        let said = String(decoding: problems.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        bench.waitUntilExit()
        let text = (try? String(contentsOf: json, encoding: .utf8)) ?? ""
        let reports = text.split(separator: "\n").compactMap { line in
            try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        }
        return (bench.terminationStatus, said, reports)
    }
}
