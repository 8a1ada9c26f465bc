// Layout of a log entry (docs/TRUST.md, "Entry"), all integers big-endian:
//
//   version u8 = 1 · scope u64 · prev (32) · time i64 · author u64 · kind u8 · body · signature (64)
//
// signature = Ed25519 by the author's identity over "klankbord/log-entry/1" || every byte before it.
// hash      = BLAKE2b-256("klankbord/log-hash/1" || the whole signed entry).

import KlankbordCrypto
import KlankbordProtocol

/// One signed entry of the community roster (scope 0) or of a room log (scope = room id).
///
/// Decoding checks only the layout; whether the signature and the author are valid depends on the state
/// of the log so far, which `LogState` checks.
public struct LogEntry: Sendable, Equatable {
    /// The version byte this code writes and reads.
    public static let version: UInt8 = 1
    /// The longest entry, in bytes; the server refuses longer appends too.
    public static let maxLength = 4096
    /// The scope of the community roster; every other scope is a room id.
    public static let rosterScope: UInt64 = 0
    /// The length of an entry hash (BLAKE2b-256).
    public static let hashLength = 32
    static let signatureDomain = Array("klankbord/log-entry/1".utf8)
    static let hashDomain = Array("klankbord/log-hash/1".utf8)
    /// The `prev` of a genesis entry.
    public static let zeroHash = [UInt8](repeating: 0, count: hashLength)

    /// 0 for the roster, otherwise the room id.
    public let scope: UInt64
    /// The hash of the previous valid entry, or `zeroHash`.
    public let prev: [UInt8]
    /// The author's clock, seconds since 1970 UTC. Only invite expiry reads it.
    public let time: Int64
    /// The account id of the signer.
    public let author: UInt64
    /// The kind-specific fields.
    public let body: LogBody
    /// Ed25519 by the author's identity over the domain string and every byte before it.
    public let signature: [UInt8]
    /// The whole signed entry, exactly as stored and hashed.
    public let bytes: [UInt8]
    /// This entry's hash, which the next entry names as its `prev`.
    public let hash: [UInt8]

    /// Makes and signs an entry with `signer` (the author's identity signing key).
    public init(scope: UInt64, prev: [UInt8], time: Int64, author: UInt64, body: LogBody, signer: Ed25519.SigningKey) {
        let unsigned = Self.unsignedBytes(scope: scope, prev: prev, time: time, author: author, body: body)
        let signature = signer.signature(for: Self.signatureDomain + unsigned)
        self.init(scope: scope, prev: prev, time: time, author: author, body: body, signature: signature, bytes: unsigned + signature)
    }

    private init(scope: UInt64, prev: [UInt8], time: Int64, author: UInt64, body: LogBody, signature: [UInt8], bytes: [UInt8]) {
        self.scope = scope
        self.prev = prev
        self.time = time
        self.author = author
        self.body = body
        self.signature = signature
        self.bytes = bytes
        self.hash = BLAKE2b.hash(Self.hashDomain + bytes, length: Self.hashLength)
    }

    /// Decodes the layout above; throws `TrustError` for anything else. Does not check the signature.
    public init(decoding bytes: [UInt8]) throws(TrustError) {
        try self.init(decoding: bytes, bundlesChecked: false)
    }

    /// The hash of the signed entry `bytes`, before decoding them.
    static func hash(of bytes: [UInt8]) -> [UInt8] {
        BLAKE2b.hash(hashDomain + bytes, length: hashLength)
    }

    /// Decodes as above; with `bundlesChecked`, the identity bundle's own signature is not checked again (bytes this
    /// device checked before, `CheckedEntries`).
    init(decoding bytes: [UInt8], bundlesChecked: Bool) throws(TrustError) {
        guard bytes.count <= Self.maxLength else { throw .tooLarge }
        var r = WireReader(bytes)
        do {
            let version = try r.u8()
            guard version == Self.version else { throw TrustError.unsupportedVersion(version) }
            let scope = try r.u64(), prev = try r.fixed(Self.hashLength), time = try r.i64(), author = try r.u64()
            guard let kind = LogEntryKind(rawValue: try r.u8()) else { throw TrustError.malformed }
            let body = try LogBody.decode(kind, from: &r, bundlesChecked: bundlesChecked)
            let signature = try r.fixed(Ed25519.signatureLength)
            try r.finish()
            self.init(scope: scope, prev: prev, time: time, author: author, body: body, signature: signature, bytes: bytes)
        } catch let error as TrustError {
            throw error
        } catch {
            throw .malformed
        }
    }

    /// The kind of entry.
    public var kind: LogEntryKind { body.kind }

    /// Whether the signature verifies under `key`.
    public func isSigned(by key: Ed25519.VerifyingKey) -> Bool {
        let unsigned = Array(bytes.dropLast(Ed25519.signatureLength))
        do {
            try key.verify(signature, for: Self.signatureDomain + unsigned)
            return true
        } catch {
            return false
        }
    }

    static func unsignedBytes(scope: UInt64, prev: [UInt8], time: Int64, author: UInt64, body: LogBody) -> [UInt8] {
        var w = WireWriter(capacity: 256)
        w.u8(version)
        w.u64(scope)
        w.fixed(prev)
        w.i64(time)
        w.u64(author)
        w.u8(body.kind.rawValue)
        body.encode(into: &w)
        return w.bytes
    }
}
