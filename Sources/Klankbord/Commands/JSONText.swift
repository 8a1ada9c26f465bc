/// A tiny JSON writer for `--json` output: objects of strings, numbers and booleans, one per line.
public enum JSONText {
    enum Value {
        case string(String)
        case number(Int64)
        /// An id, sequence number or count the server sent: any UInt64, written exactly (never trapped or wrapped).
        case unsigned(UInt64)
        case bool(Bool)
        case null
    }

    /// One JSON object with the keys in the given order.
    static func object(_ fields: [(String, Value)]) -> String {
        "{" + fields.map { quote($0.0) + ":" + render($0.1) }.joined(separator: ",") + "}"
    }

    private static func render(_ value: Value) -> String {
        switch value {
        case let .string(text): quote(text)
        case let .number(number): String(number)
        case let .unsigned(number): String(number)
        case let .bool(flag): flag ? "true" : "false"
        case .null: "null"
        }
    }

    /// `text` as a JSON string literal, quotes included.
    public static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            // Also DEL, C1 controls, line and paragraph separators and bidi controls: the value stays exact for a
            // JSON reader, and a person who looks at the raw output on a terminal sees nothing act on it.
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || (0x2028...0x202E).contains(scalar.value)
                || (0x2066...0x2069).contains(scalar.value):
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
