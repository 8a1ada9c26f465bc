/// The one line a person pastes to join: the server's address, its static public key and a one-time secret.
///
/// Text form: `kb1-` followed by Base64URL of
/// `u8 version (1) | u16 port | u8 host length | host (UTF-8) | 32-byte server key | 32-byte secret`.
/// The server keeps only a hash of the secret.
public struct InviteCode: Sendable, Equatable {
    public static let prefix = "kb1-"
    public var host: String
    public var port: UInt16
    public var serverKey: X25519.PublicKey
    public var secret: [UInt8]

    public init(host: String, port: UInt16, serverKey: X25519.PublicKey, secret: [UInt8]) {
        self.host = host
        self.port = port
        self.serverKey = serverKey
        self.secret = secret
    }

    /// Why a pasted code could not be read.
    public enum ParseError: Error, Equatable, Sendable {
        case notAnInviteCode
        case damaged
    }

    /// Reads a pasted code; spaces and line breaks a mail program may have added are ignored.
    public init(parsing text: String) throws(ParseError) {
        let cleaned = String(text.unicodeScalars.filter { !$0.properties.isWhitespace })
        guard cleaned.hasPrefix(InviteCode.prefix) else { throw .notAnInviteCode }
        let bytes: [UInt8]
        do { bytes = try Base64URL.decode(String(cleaned.dropFirst(InviteCode.prefix.count))) } catch { throw .damaged }
        var r = WireReader(bytes)
        do {
            guard try r.u8() == 1 else { throw ParseError.damaged }
            let port = try r.u16()
            let hostLength = Int(try r.u8())
            guard let host = String(validating: try r.fixed(hostLength), as: UTF8.self), !host.isEmpty else { throw ParseError.damaged }
            let key = try X25519.PublicKey(try r.fixed(X25519.keyLength))
            let secret = try r.fixed(Request.secretLength)
            try r.finish()
            self.init(host: host, port: port, serverKey: key, secret: secret)
        } catch {
            throw .damaged
        }
    }

    /// The pasteable text.
    public var text: String {
        var w = WireWriter(capacity: 80)
        let hostBytes = Array(host.utf8.prefix(255))
        w.u8(1)
        w.u16(port)
        w.u8(UInt8(hostBytes.count))
        w.fixed(hostBytes)
        w.fixed(serverKey.bytes)
        w.fixed(secret)
        return InviteCode.prefix + Base64URL.encode(w.bytes)
    }
}

/// A host and port, parsed from `host:port` or `[v6]:port`.
public struct ServerAddress: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var port: UInt16

    public init(host: String, port: UInt16) {
        self.host = host
        self.port = port
    }

    /// Parses `host:port`; IPv6 literals in brackets.
    public init?(_ text: String) {
        let hostPart: Substring, portPart: Substring
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            hostPart = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":") else { return nil }
            portPart = rest.dropFirst()
        } else {
            guard let colon = text.lastIndex(of: ":") else { return nil }
            hostPart = text[..<colon]
            // An IPv6 literal without brackets has no unambiguous port: "::1" is not host ":" on port 1.
            guard !hostPart.contains(":") else { return nil }
            portPart = text[text.index(after: colon)...]
        }
        guard !hostPart.isEmpty, let port = UInt16(portPart) else { return nil }
        self.init(host: String(hostPart), port: port)
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
