// Layout of a ledger event (docs/LEDGER.md, "Event"), all integers big-endian:
//
//   version u8 = 1 · kind u8 · index u64 · prev (32) · time i64 · signer u64 · body · signature (64)
//
// signature = Ed25519 by the signer's identity over "klankbord/ledger-event/1" || every byte before it.
// hash      = BLAKE2b-256("klankbord/ledger-hash/1" || the whole signed event).

import KlankbordCrypto
import KlankbordProtocol

/// One signed event of the reimbursement ledger: an append-only chain where each event names the
/// hash of the one before and its own position, so an edit, a removal or a reordering shows.
///
/// Decoding checks only the layout; `LedgerChain.verify` checks signatures, links and signers.
public struct LedgerEvent: Sendable, Equatable {
    /// The version byte this code writes and reads.
    public static let version: UInt8 = 1
    /// The longest event, in bytes.
    public static let maxLength = 8192
    /// The length of an event hash (BLAKE2b-256).
    public static let hashLength = 32
    static let signatureDomain = Array("klankbord/ledger-event/1".utf8)
    static let hashDomain = Array("klankbord/ledger-hash/1".utf8)
    /// The `prev` of the first event.
    public static let zeroHash = [UInt8](repeating: 0, count: hashLength)

    /// The event's position in the chain, counting from 0.
    public let index: UInt64
    /// The hash of the event before, or `zeroHash` for the first.
    public let prev: [UInt8]
    /// The signer's clock, seconds since 1970 UTC.
    public let time: Int64
    /// The account id of the facilitator who signed.
    public let signer: UInt64
    /// The kind-specific fields.
    public let body: LedgerEventBody
    /// Ed25519 by the signer over the domain string and every byte before it.
    public let signature: [UInt8]
    /// The whole signed event, exactly as stored and hashed.
    public let bytes: [UInt8]
    /// This event's hash, which the next event names as its `prev`.
    public let hash: [UInt8]

    /// Makes and signs an event with `key`, the signer's identity signing key.
    public init(index: UInt64, prev: [UInt8], time: Int64, signer: UInt64, body: LedgerEventBody, key: Ed25519.SigningKey) {
        var w = WireWriter(capacity: 256)
        w.u8(Self.version)
        w.u8(body.kind.rawValue)
        w.u64(index)
        w.fixed(prev)
        w.i64(time)
        w.u64(signer)
        body.encode(into: &w)
        let signature = key.signature(for: Self.signatureDomain + w.bytes)
        self.init(index: index, prev: prev, time: time, signer: signer, body: body, signature: signature, bytes: w.bytes + signature)
    }

    private init(index: UInt64, prev: [UInt8], time: Int64, signer: UInt64, body: LedgerEventBody, signature: [UInt8], bytes: [UInt8]) {
        self.index = index
        self.prev = prev
        self.time = time
        self.signer = signer
        self.body = body
        self.signature = signature
        self.bytes = bytes
        self.hash = BLAKE2b.hash(Self.hashDomain + bytes, length: Self.hashLength)
    }

    /// Decodes the layout above. Does not check the signature.
    public init(decoding bytes: [UInt8]) throws(LedgerDecodeError) {
        guard bytes.count <= Self.maxLength else { throw .tooLarge }
        var r = WireReader(bytes)
        do {
            let version = try r.u8()
            guard version == Self.version else { throw LedgerDecodeError.unsupportedVersion(version) }
            guard let kind = LedgerEventKind(rawValue: try r.u8()) else { throw LedgerDecodeError.malformed }
            let index = try r.u64(), prev = try r.fixed(Self.hashLength), time = try r.i64(), signer = try r.u64()
            let body = try LedgerEventBody.decode(kind, from: &r)
            let signature = try r.fixed(Ed25519.signatureLength)
            try r.finish()
            self.init(index: index, prev: prev, time: time, signer: signer, body: body, signature: signature, bytes: bytes)
        } catch let error as LedgerDecodeError {
            throw error
        } catch {
            throw .malformed
        }
    }

    /// The kind of event.
    public var kind: LedgerEventKind { body.kind }

    /// Whether the signature verifies under `key`.
    public func isSigned(by key: Ed25519.VerifyingKey) -> Bool {
        do {
            try key.verify(signature, for: Self.signatureDomain + bytes.dropLast(Ed25519.signatureLength))
            return true
        } catch {
            return false
        }
    }
}
