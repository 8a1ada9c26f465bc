#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Strict readers for setting values: each returns `nil` for anything it does not fully accept.
enum ConfigValue {
    /// A whole number written in ASCII digits only (no sign, no separators) within `range`.
    static func wholeNumber(_ text: String, in range: ClosedRange<Int>) -> Int? {
        guard !text.isEmpty, text.utf8.count <= 18, text.utf8.allSatisfy(isDigit), let value = Int(text) else { return nil }
        return range.contains(value) ? value : nil
    }

    /// A decimal number such as `20` or `0.5` (no sign, exponent, `inf` or `nan`) within `range`.
    static func decimal(_ text: String, in range: ClosedRange<Double>) -> Double? {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.allSatisfy({ !$0.isEmpty && $0.utf8.count <= 18 && $0.utf8.allSatisfy(isDigit) }),
              let value = Double(text) else { return nil }
        return range.contains(value) ? value : nil
    }

    /// A listen address: an IPv4 literal or a bracketed IPv6 literal, a colon and a port in `ports`.
    /// The host comes back without brackets, ready for `inet_pton`.
    static func listenAddress(_ text: String, ports: ClosedRange<Int>) -> (host: String, port: UInt16)? {
        guard let (host, bracketed, port) = hostAndPort(text, ports: ports) else { return nil }
        let valid = bracketed ? isIPLiteral(host, family: AF_INET6) : isIPLiteral(host, family: AF_INET)
        return valid ? (host, port) : nil
    }

    /// A public address: a host name, IPv4 literal or bracketed IPv6 literal, a colon and a port 1...65535.
    /// Whether `host` (an IP literal, IPv6 without brackets) is a loopback address: 127.0.0.0/8 or ::1.
    static func isLoopback(_ host: String) -> Bool {
        if host == "::1" { return true }
        return host.hasPrefix("127.") && isIPLiteral(host, family: AF_INET)
    }

    static func isPublicAddress(_ text: String) -> Bool {
        guard let (host, bracketed, _) = hostAndPort(text, ports: 1...65535) else { return false }
        if bracketed { return isIPLiteral(host, family: AF_INET6) }
        return host.utf8.allSatisfy { isDigit($0) || isLetter($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }
    }

    /// Splits `host:port` or `[host]:port`; the host is non-empty and has no brackets.
    private static func hostAndPort(_ text: String, ports: ClosedRange<Int>) -> (String, Bool, UInt16)? {
        guard let colon = text.lastIndex(of: ":") else { return nil }
        var host = text[..<colon]
        let bracketed = host.hasPrefix("[") && host.hasSuffix("]") && host.count >= 2
        if bracketed { host = host.dropFirst().dropLast() }
        guard !host.isEmpty, !host.contains("["), !host.contains("]"), bracketed || !host.contains(":"),
              let port = wholeNumber(String(text[text.index(after: colon)...]), in: ports),
              let port16 = UInt16(exactly: port) else { return nil }
        return (String(host), bracketed, port16)
    }

    private static func isIPLiteral(_ host: String, family: Int32) -> Bool {
        var storage = in6_addr()
        return inet_pton(family, host, &storage) == 1
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }
}
