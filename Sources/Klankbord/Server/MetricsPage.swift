import KlankbordProtocol

/// The metrics page in the Prometheus text exposition format (version 0.0.4). Labels are only request
/// types and error codes, fixed words of the protocol: nothing here can name a person.
struct MetricsPage {
    /// Figures read from disk at scrape time; nil when unknown.
    struct Gauges {
        var connections: Int
        var uptimeSeconds: Double
        var events: Int64?
        var inboxItems: Int64?
        var databaseBytes: Int64?
        var walBytes: Int64?
        var backupAgeSeconds: Int64?
    }

    private var text = ""

    /// The whole page for `counts` and `gauges`.
    static func render(_ counts: Metrics.Counts, _ gauges: Gauges) -> String {
        var page = MetricsPage()
        page.single("klankbordd_up", "gauge", "1 while the daemon serves.", 1)
        page.single("klankbordd_uptime_seconds", "gauge", "Seconds since the daemon started.", gauges.uptimeSeconds)
        page.single("klankbordd_connections_open", "gauge", "Connections open now.", Double(gauges.connections))
        page.single("klankbordd_handshakes_total", "counter", "Noise handshakes completed.", Double(counts.handshakes))
        page.single("klankbordd_handshakes_previous_key_total", "counter", "Handshakes made with the previous server key (after rotate-key).",
                    Double(counts.previousKeyHandshakes))
        page.header("klankbordd_requests_total", "counter", "Requests answered, by request type.")
        for type in MessageType.allCases.sorted(by: { $0.rawValue < $1.rawValue }) {
            if let count = counts.requests[type] { page.sample("klankbordd_requests_total{type=\"\(type)\"}", Double(count)) }
        }
        page.header("klankbordd_errors_total", "counter", "Requests refused, by error code.")
        for code in ErrorCode.allCases {
            if let count = counts.errors[code] { page.sample("klankbordd_errors_total{code=\"\(code.rawValue)\"}", Double(count)) }
        }
        page.optional("klankbordd_events_stored", "gauge", "Room events stored now.", gauges.events)
        page.optional("klankbordd_inbox_items", "gauge", "Undelivered key messages waiting now, all devices together.", gauges.inboxItems)
        page.optional("klankbordd_database_bytes", "gauge", "Size of the database file.", gauges.databaseBytes)
        page.optional("klankbordd_wal_bytes", "gauge", "Size of the write-ahead log.", gauges.walBytes)
        page.optional("klankbordd_database_free_bytes", "gauge", "Free space inside the database file, reused before it grows.",
                      counts.freePages.flatMap { free in counts.pageSize.map { free * $0 } })
        page.optional("klankbordd_last_backup_age_seconds", "gauge", "Seconds since the last klankbordd backup.", gauges.backupAgeSeconds)
        page.single("klankbordd_retention_removed_events_total", "counter", "Old events removed by housekeeping since start.",
                    Double(counts.removedEventsTotal))
        page.single("klankbordd_vacuum_reclaimed_bytes_total", "counter", "Bytes housekeeping gave back to the disk since start (incremental vacuum).",
                    Double(counts.reclaimedBytesTotal))
        page.histogram("klankbordd_commit_seconds", "Time to process and commit one batch of requests.", counts.commitSeconds)
        page.histogram("klankbordd_commit_batch_requests", "Requests committed together in one batch.", counts.batchSizes)
        return page.text
    }

    private mutating func header(_ name: String, _ type: String, _ help: String) {
        text += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
    }

    private mutating func sample(_ series: String, _ value: Double) {
        text += "\(series) \(MetricsPage.number(value))\n"
    }

    private mutating func single(_ name: String, _ type: String, _ help: String, _ value: Double) {
        header(name, type, help)
        sample(name, value)
    }

    private mutating func optional(_ name: String, _ type: String, _ help: String, _ value: Int64?) {
        guard let value else { return }
        single(name, type, help, Double(value))
    }

    private mutating func histogram(_ name: String, _ help: String, _ histogram: Metrics.Histogram) {
        header(name, "histogram", help)
        for (bound, count) in zip(histogram.bounds, histogram.buckets) {
            sample("\(name)_bucket{le=\"\(MetricsPage.number(bound))\"}", Double(count))
        }
        sample("\(name)_bucket{le=\"+Inf\"}", Double(histogram.count))
        sample("\(name)_sum", histogram.sum)
        sample("\(name)_count", Double(histogram.count))
    }

    /// Whole numbers without a fraction, others as Swift prints a Double (both are valid Go floats).
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}
