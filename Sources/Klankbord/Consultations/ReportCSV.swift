import Foundation

/// RFC 4180 CSV for the consultation report: fields separated by commas, records ended by CRLF, a field with a comma,
/// a quote, a CR or an LF put in double quotes with its quotes doubled. Kept small on purpose: the ledger's
/// `Export/CSV.swift` (another branch) does the same, and the two should become one.
enum ReportCSV {
    /// One field, quoted when needed.
    static func field(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Records, each ended by CRLF.
    static func document(_ records: [[String]]) -> String {
        records.map { $0.map(field).joined(separator: ",") + "\r\n" }.joined()
    }
}
