import Foundation
import Glibc
import XCTest

/// The metrics page of a real daemon (issue 23): off by default, loopback only, Prometheus text that the
/// reference parser (`prometheus_client`) reads, and nothing in it names a person, a room or an address.
final class MetricsTests: XCTestCase {
    func testThePageParsesAsPrometheusTextCountsWhatHappenedAndNamesNobody() throws {
        let community = try Community(daemonArguments: ["--set", "metrics_listen=127.0.0.1:0"])
        try community.anna.ok(["send", "Peers", "hello metrics"])
        XCTAssertEqual(try community.read(community.bea, waitingFor: 1), ["hello metrics"])
        let port = try MetricsScrape.port(of: community.daemon)
        let page = try MetricsScrape.get("/metrics", port: port)
        XCTAssertEqual(page.status, "HTTP/1.0 200 OK")
        for name in ["anna", "bea", "carla", "fien", "root", "Peers", "127.0.0.1", "hello"] {
            XCTAssertFalse(page.body.contains(name), "\(name) is not on the metrics page")
        }
        XCTAssertEqual(try MetricsScrape.get("/", port: port).status, "HTTP/1.0 404 Not Found")

        let python = Products.packageRoot.appendingPathComponent(".venv/bin/python3")
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            throw XCTSkip("no .venv: run `make test`, which creates it with prometheus_client")
        }
        let process = Process()
        process.executableURL = python
        process.arguments = ["-c", """
            import sys
            from prometheus_client.parser import text_string_to_metric_families
            for family in text_string_to_metric_families(sys.stdin.read()):
                for sample in family.samples:
                    labels = ",".join(f"{k}={v}" for k, v in sorted(sample.labels.items()))
                    print(family.type, sample.name, labels, sample.value)
            """]
        let input = Pipe(), output = Pipe(), failure = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = failure
        try process.run()
        input.fileHandleForWriting.write(Data(page.body.utf8))
        try input.fileHandleForWriting.close()
        let parsed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let problem = String(decoding: failure.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, problem)
        let samples = parsed.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: false).map(String.init) }
        func value(_ type: String, _ name: String, _ labels: String = "") -> Double? {
            samples.first { $0.count == 4 && $0[0] == type && $0[1] == name && $0[2] == labels }.flatMap { Double($0[3]) }
        }
        XCTAssertNotNil(value("gauge", "klankbordd_connections_open"), parsed)
        XCTAssertGreaterThanOrEqual(value("counter", "klankbordd_requests_total", "type=send") ?? 0, 1, parsed)
        XCTAssertGreaterThanOrEqual(value("counter", "klankbordd_handshakes_total") ?? 0, 5, parsed)
        XCTAssertEqual(value("gauge", "klankbordd_events_stored"), 1, parsed)
        XCTAssertGreaterThan(value("gauge", "klankbordd_database_bytes") ?? 0, 0, parsed)
        XCTAssertGreaterThanOrEqual(value("histogram", "klankbordd_commit_seconds_count") ?? 0, 1, parsed)
        XCTAssertNotNil(value("histogram", "klankbordd_commit_seconds_bucket", "le=+Inf"), parsed)
        XCTAssertNotNil(value("gauge", "klankbordd_uptime_seconds"), parsed)
    }

    func testOnlyALoopbackAddressIsAccepted() throws {
        let base = try Products.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: base) }
        XCTAssertThrowsError(try DaemonProcess(dataDirectory: base.appendingPathComponent("var"), arguments: ["--set", "metrics_listen=0.0.0.0:0"]))
        let log = (try? String(contentsOf: base.appendingPathComponent("var-daemon.log"), encoding: .utf8)) ?? ""
        XCTAssertTrue(log.contains("metrics_listen must be a loopback address and port"), log)
    }

    /// `klankbordd status` shows the connections open now (from the running daemon) and how long messages are kept.
    func testStatusShowsOpenConnectionsAndRetention() throws {
        let community = try Community(daemonArguments: ["--set", "retention_days=30"])
        let chat = try ChatProcess(community.carla, room: "Peers")
        XCTAssertTrue(chat.waitFor("/quit"), chat.text)
        var output = ""
        let deadline = Date().addingTimeInterval(15)
        while Date() < deadline {
            let status = try DaemonAdmin.run(["status", "--set", "retention_days=30"], dataDirectory: community.daemon.dataDirectory)
            XCTAssertEqual(status.status, 0, status.error)
            output = status.output
            if output.contains("Open connections: 1.") { break }
            Thread.sleep(forTimeInterval: 0.5)
        }
        XCTAssertTrue(output.contains("Open connections: 1."), output)
        XCTAssertTrue(output.contains("The server keeps messages for 30 days."), output)
        XCTAssertTrue(output.contains("The first clean-up runs one minute after the start"), output)
        let json = try DaemonAdmin.run(["status", "--json", "--set", "retention_days=30"], dataDirectory: community.daemon.dataDirectory).output
        XCTAssertTrue(json.contains("\"connections\":1") || json.contains("\"connections\": 1"), json)
        XCTAssertTrue(json.contains("\"retention_days\":30") || json.contains("\"retention_days\": 30"), json)
        chat.quit()
        community.daemon.terminate()
        let stopped = try DaemonAdmin.run(["status"], dataDirectory: community.daemon.dataDirectory)
        XCTAssertFalse(stopped.output.contains("Open connections"), "a stopped daemon's last figures are not shown as now: \(stopped.output)")
    }
}
