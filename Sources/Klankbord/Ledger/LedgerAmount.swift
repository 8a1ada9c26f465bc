/// Amounts as people type them, turned into integer euro cents without floating point.
public enum LedgerAmount {
    /// The largest single entry: € 100,000.00. Far above any fee, far below any overflow.
    public static let maximumCents: Int64 = 10_000_000
    /// The largest yearly budget for one purpose: € 100,000,000.00.
    public static let maximumBudgetCents: Int64 = 10_000_000_000

    /// Cents from "25", "25.5", "25.50" or "25,50" (an optional "€" before it). Refuses a negative,
    /// zero, fractional-cent, grouped ("1.250,00") or non-numeric amount with `invalidAmount`.
    public static func cents(from text: String) throws(LedgerError) -> Int64 {
        var body = Substring(trimmed(text))
        if body.hasPrefix("€") { body = Substring(trimmed(String(body.dropFirst()))) }
        let parts = body.split(separator: body.contains(",") ? "," : ".", maxSplits: 2, omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = parts.first, !whole.isEmpty, whole.count <= 9,
              whole.allSatisfy({ $0.isASCII && $0.isNumber }) else { throw .invalidAmount }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard fraction.count <= 2, parts.count == 1 || !fraction.isEmpty,
              fraction.allSatisfy({ $0.isASCII && $0.isNumber }) else { throw .invalidAmount }
        guard let euros = Int64(whole), let part = Int64(fraction.isEmpty ? "0" : fraction) else { throw .invalidAmount }
        let cents = euros * 100 + (fraction.count == 1 ? part * 10 : part)
        guard cents > 0, cents <= maximumCents else { throw .invalidAmount }
        return cents
    }

    private static func trimmed(_ text: String) -> String {
        String(text.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }

    /// "12.50", "-3.05": decimal euros with a dot and two decimals, as the export writes them.
    public static func decimal(_ cents: Int64) -> String {
        let rest = cents.magnitude % 100
        return "\(cents < 0 ? "-" : "")\(cents.magnitude / 100).\(rest < 10 ? "0" : "")\(rest)"
    }
}
