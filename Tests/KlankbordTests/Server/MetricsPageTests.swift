import XCTest
import KlankbordProtocol
@testable import KlankbordServer

/// The metrics page's text and the status file: fixed names and numbers, nothing that names a person.
final class MetricsPageTests: XCTestCase {
    func testCountersHistogramsAndGaugesAppearInTheTextFormat() {
        let metrics = Metrics()
        metrics.handshakeCompleted()
        metrics.committed([.send, .send, .ping], seconds: 0.003)
        metrics.committed([.fetch], seconds: 0.2)
        metrics.refused(.rateLimited)
        metrics.maintained(at: 1_000, removedEvents: 12, pages: 100, freePages: 4, pageSize: 4096, reclaimedBytes: 524_288)
        let page = MetricsPage.render(metrics.snapshot, MetricsPage.Gauges(connections: 3, uptimeSeconds: 61, events: 40, inboxItems: 2,
                                                                            databaseBytes: 409_600, walBytes: 0, backupAgeSeconds: nil))
        let lines = Set(page.split(separator: "\n").map(String.init))
        for expected in ["klankbordd_connections_open 3", "klankbordd_handshakes_total 1", "klankbordd_requests_total{type=\"send\"} 2",
                         "klankbordd_requests_total{type=\"ping\"} 1", "klankbordd_errors_total{code=\"rate_limited\"} 1",
                         "klankbordd_events_stored 40", "klankbordd_inbox_items 2", "klankbordd_database_bytes 409600",
                         "klankbordd_database_free_bytes 16384", "klankbordd_uptime_seconds 61",
                         "klankbordd_commit_seconds_bucket{le=\"0.0025\"} 0", "klankbordd_commit_seconds_bucket{le=\"0.005\"} 1",
                         "klankbordd_commit_seconds_bucket{le=\"+Inf\"} 2", "klankbordd_commit_seconds_count 2",
                         "klankbordd_commit_batch_requests_bucket{le=\"2\"} 1", "klankbordd_commit_batch_requests_bucket{le=\"4\"} 2",
                         "klankbordd_retention_removed_events_total 12", "klankbordd_vacuum_reclaimed_bytes_total 524288", "# TYPE klankbordd_commit_seconds histogram"] {
            XCTAssertTrue(lines.contains(expected), "\(expected) in:\n\(page)")
        }
        XCTAssertFalse(page.contains("last_backup"), "no backup yet: the gauge is left out rather than made up")
    }

    func testStatusFileReadsBackWhatWasWritten() throws {
        let folder = NSTemporaryDirectory() + "status-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let status = StatusFile(connections: 7, maintenanceAt: 1_700_000_000, removedEvents: 3, freeBytes: 8192, reclaimedBytes: 4096)
        status.write(directory: folder)
        let text = try String(contentsOfFile: folder + "/" + StatusFile.name, encoding: .utf8)
        XCTAssertEqual(StatusFile(text: text), status)
        XCTAssertEqual(StatusFile(text: "connections 2\n"), StatusFile(connections: 2, maintenanceAt: nil, removedEvents: 0, freeBytes: nil))
        XCTAssertNil(StatusFile(text: "garbage"))
    }
}
