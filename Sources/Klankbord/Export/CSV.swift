/// Comma-separated values as RFC 4180 defines them: fields separated by commas, records ended by CRLF,
/// and a field holding a comma, a double quote, a CR or an LF wrapped in double quotes, with each double
/// quote inside doubled.
public enum CSV {
    /// One field, quoted when it must be.
    public static func field(_ value: String) -> String {
        let needsQuotes = value.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }
        guard needsQuotes else { return value }
        return "\"" + value.replacingAll("\"", with: "\"\"") + "\""
    }

    /// One record, ended by CRLF.
    public static func record(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    /// A whole document: every record in order.
    public static func document(_ records: [[String]]) -> String {
        records.map(record).joined()
    }

    /// Text a person typed, made safe to open in a spreadsheet: a field starting with `=`, `+`, `-`, `@`, a
    /// tab or a CR would be run as a formula, so it gets a leading apostrophe (OWASP "CSV injection").
    public static func text(_ value: String) -> String {
        guard let first = value.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) else { return value }
        return "'" + value
    }
}

extension String {
    /// Every `target` replaced by `replacement`, scanning Unicode scalars (no Foundation needed).
    fileprivate func replacingAll(_ target: Unicode.Scalar, with replacement: String) -> String {
        var out = ""
        for scalar in unicodeScalars {
            if scalar == target { out += replacement } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }
}
