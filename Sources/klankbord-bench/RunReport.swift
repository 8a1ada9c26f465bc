import Klankbord
import Glibc

/// One run's figures as ordered key/value pairs: one JSON line (keys as `xmpp_load.py` names them
/// where they apply) and rows of the human table.
struct RunReport {
    enum Value {
        case int(Int)
        case number(Double, digits: Int)
        case text(String)
        case flag(Bool)
        case null

        var json: String {
            switch self {
            case let .int(value): String(value)
            case let .number(value, digits): value.isFinite ? Self.format(value, digits) : "null"
            case let .text(value): RunReport.quoted(value)
            case let .flag(value): value ? "true" : "false"
            case .null: "null"
            }
        }

        var shown: String {
            switch self {
            case let .text(value): value
            case .null: "-"
            default: json
            }
        }

        static func format(_ value: Double, _ digits: Int) -> String {
            let scale = pow(10, Double(digits))
            let rounded = (value * scale).rounded() / scale
            if digits == 0 || rounded == rounded.rounded() && abs(rounded) < 1e15 { return String(Int64(rounded)) }
            return String(rounded)
        }
    }

    private(set) var fields: [(key: String, value: Value)] = []

    init(workload: String) {
        set("workload", .text(workload))
    }

    mutating func set(_ key: String, _ value: Value) {
        if let at = fields.firstIndex(where: { $0.key == key }) {
            fields[at].value = value
        } else {
            fields.append((key, value))
        }
    }

    mutating func set(_ key: String, _ value: Int) { set(key, .int(value)) }
    mutating func set(_ key: String, _ value: Double?, digits: Int = 2) { set(key, value.map { .number($0, digits: digits) } ?? .null) }
    mutating func set(_ key: String, _ value: String) { set(key, .text(value)) }
    mutating func set(_ key: String, _ value: Bool) { set(key, .flag(value)) }

    subscript(key: String) -> Value? { fields.first { $0.key == key }?.value }

    var jsonLine: String {
        "{" + fields.map { "\(RunReport.quoted($0.key)): \($0.value.json)" }.joined(separator: ", ") + "}"
    }

    static func quoted(_ text: String) -> String { JSONText.quote(text) }
}
