import Glibc

/// Where results go: one JSON line per run appended to `--json FILE`, and tables on standard output.
final class Output {
    private let jsonPath: String?
    private(set) var reports: [RunReport] = []

    init(jsonPath: String?) {
        self.jsonPath = jsonPath
    }

    /// Keeps `report` for the final tables and appends its JSON line to the file at once, so an
    /// interrupted bench keeps what it measured.
    func record(_ report: RunReport) {
        reports.append(report)
        guard let jsonPath else { return }
        let fd = open(jsonPath, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            note("cannot write \(jsonPath): \(String(cString: strerror(errno)))")
            return
        }
        defer { close(fd) }
        let line = Array((report.jsonLine + "\n").utf8)
        _ = line.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    }

    /// Whether every run finished: no error, nothing timed out, no client lost.
    var allSucceeded: Bool {
        reports.allSatisfy { report in
            if report["error"] != nil { return false }
            if case .flag(true)? = report["timed_out"] { return false }
            if case let .int(failed)? = report["failed"], failed > 0 { return false }
            return true
        }
    }

    /// A progress line on standard error (standard output stays for results).
    func note(_ text: String) {
        let line = Array(("klankbord-bench: " + text + "\n").utf8)
        _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    }

    /// Prints the reports whose workload is one of `workloads` as a table with `columns`.
    func table(_ title: String, workloads: Set<String>, columns: [String]) {
        let rows = reports.filter { report in
            if case let .text(name)? = report["workload"] { return workloads.contains(name) }
            return false
        }
        guard !rows.isEmpty else { return }
        let cells = rows.map { report in columns.map { report[$0]?.shown ?? "-" } }
        let widths = columns.indices.map { column in max(columns[column].count, cells.map { $0[column].count }.max() ?? 0) }
        func line(_ values: [String]) -> String {
            values.indices.map { values[$0].padding(toLength: widths[$0]) }.joined(separator: "  ")
        }
        print("\n" + title)
        print(line(columns))
        print(line(widths.map { String(repeating: "-", count: $0) }))
        for row in cells { print(line(row)) }
    }
}

extension String {
    /// The text right-aligned in `length` characters.
    func padding(toLength length: Int) -> String {
        count >= length ? self : String(repeating: " ", count: length - count) + self
    }
}
