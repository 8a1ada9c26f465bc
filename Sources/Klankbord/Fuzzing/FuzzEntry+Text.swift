import KlankbordConfig
import KlankbordCrypto
import KlankbordProtocol

extension FuzzEntry {
    /// `Config.parse` on the input as UTF-8 text (invalid sequences replaced), then each
    /// `key=value` line of it as a command-line override.
    static func config(_ bytes: [UInt8]) throws(FuzzViolation) {
        let text = String(decoding: bytes, as: UTF8.self)
        _ = try? Config.parse(text)
        let overrides = text.split(separator: "\n").compactMap { (line: Substring) -> (key: String, value: String)? in
            guard let equals = line.firstIndex(of: "=") else { return nil }
            return (String(line[..<equals]), String(line[equals...].dropFirst()))
        }
        var config = Config()
        _ = try? config.apply(overrides: overrides)
    }

    /// `InviteCode(parsing:)` on the input as text and on the input as a code's payload (so the
    /// binary layout is reached without guessing Base64URL), and `ServerAddress(_:)` on the text.
    /// A code or address that parses must parse equal from its own text.
    static func inviteCode(_ bytes: [UInt8]) throws(FuzzViolation) {
        let text = String(decoding: bytes, as: UTF8.self)
        for candidate in [text, InviteCode.prefix + Base64URL.encode(bytes)] {
            guard let code = try? InviteCode(parsing: candidate) else { continue }
            guard (try? InviteCode(parsing: code.text)) == code else { throw .roundTripChanged(type: "InviteCode") }
        }
        if let address = ServerAddress(text), ServerAddress(address.description) != address {
            throw .roundTripChanged(type: "ServerAddress")
        }
    }
}
