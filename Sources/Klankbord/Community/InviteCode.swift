import KlankbordCrypto

/// The one line a person pastes to join: the server's address, its static public key, a one-time secret and,
/// from version 2, a commitment to the identity of the person who made the invite.
///
/// Text form: `kb1-` followed by Base64URL of
/// `u8 version (1) | u16 port | u8 host length | host (UTF-8) | 32-byte server key | 32-byte secret`, or
/// `u8 version (2) | the same fields | 16-byte commitment` (see `IdentityCommitment.invite`).
/// The server keeps only a hash of the secret. The daemon's own operator invites stay version 1 (no inviter).
public struct InviteCode: Sendable, Equatable {
    public static let prefix = "kb1-"
    public var host: String
    public var port: UInt16
    public var serverKey: X25519.PublicKey
    public var secret: [UInt8]
    /// The commitment to the inviter's identity (version 2); nil in a version-1 code.
    public var commitment: [UInt8]?
    /// Bytes in a commitment (BLAKE2b-128).
    public static let commitmentLength = 16

    /// A code for `host:port`; with a `commitment` (see `IdentityCommitment.invite`) it is a version-2 code.
    public init(host: String, port: UInt16, serverKey: X25519.PublicKey, secret: [UInt8], commitment: [UInt8]? = nil) {
        self.host = host
        self.port = port
        self.serverKey = serverKey
        self.secret = secret
        self.commitment = commitment
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
            let version = try r.u8()
            guard version == 1 || version == 2 else { throw ParseError.damaged }
            let port = try r.u16()
            let hostLength = Int(try r.u8())
            guard let host = String(validating: try r.fixed(hostLength), as: UTF8.self), !host.isEmpty else { throw ParseError.damaged }
            let key = try X25519.PublicKey(try r.fixed(X25519.keyLength))
            let secret = try r.fixed(Request.secretLength)
            let commitment = version == 2 ? try r.fixed(Self.commitmentLength) : nil
            try r.finish()
            self.init(host: host, port: port, serverKey: key, secret: secret, commitment: commitment)
        } catch {
            throw .damaged
        }
    }

    /// The pasteable text.
    public var text: String {
        var w = WireWriter(capacity: 96)
        let hostBytes = Array(host.utf8.prefix(255))
        w.u8(commitment == nil ? 1 : 2)
        w.u16(port)
        w.u8(UInt8(hostBytes.count))
        w.fixed(hostBytes)
        w.fixed(serverKey.bytes)
        w.fixed(secret)
        if let commitment { w.fixed(commitment) }
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
