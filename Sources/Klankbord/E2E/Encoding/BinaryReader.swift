/// Reads the compact binary layouts written by `BinaryWriter`. Every read checks the remaining
/// length first and throws `malformed` instead of trapping, so any input is safe to feed it.
struct BinaryReader {
    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// How many bytes are left to read.
    var remaining: Int { bytes.count - offset }

    /// Decodes a whole value: checks the version byte, runs `body`, and rejects trailing bytes.
    static func decode<Value>(
        _ bytes: [UInt8], version: UInt8, maxLength: Int = E2ELimits.maxMessageLength + 4096,
        _ body: (inout BinaryReader) throws(E2EError) -> Value
    ) throws(E2EError) -> Value {
        guard bytes.count <= maxLength else { throw .malformed }
        var reader = BinaryReader(bytes)
        let found = try reader.readUInt8()
        guard found == version else { throw .unsupportedVersion(found) }
        let value = try body(&reader)
        try reader.finish()
        return value
    }

    /// Throws `malformed` if any byte is left over.
    func finish() throws(E2EError) {
        guard offset == bytes.count else { throw .malformed }
    }

    mutating func readUInt8() throws(E2EError) -> UInt8 {
        guard remaining >= 1 else { throw .malformed }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func readUInt32() throws(E2EError) -> UInt32 {
        guard remaining >= 4 else { throw .malformed }
        var value: UInt32 = 0
        for index in offset..<offset + 4 { value = value << 8 | UInt32(bytes[index]) }
        offset += 4
        return value
    }

    mutating func readUInt64() throws(E2EError) -> UInt64 {
        guard remaining >= 8 else { throw .malformed }
        var value: UInt64 = 0
        for index in offset..<offset + 8 { value = value << 8 | UInt64(bytes[index]) }
        offset += 8
        return value
    }

    /// One byte that must be 0 or 1.
    mutating func readFlag() throws(E2EError) -> Bool {
        switch try readUInt8() {
        case 0: return false
        case 1: return true
        default: throw .malformed
        }
    }

    /// Exactly `count` bytes.
    mutating func readBytes(_ count: Int) throws(E2EError) -> [UInt8] {
        guard count >= 0, remaining >= count else { throw .malformed }
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }

    /// Exactly `count` bytes copied straight into a secret buffer.
    mutating func readSecret(_ count: Int) throws(E2EError) -> SecretBytes {
        guard count >= 0, remaining >= count else { throw .malformed }
        let start = offset
        offset += count
        return SecretBytes(count: count) { out, n in
            bytes.withUnsafeBufferPointer { source in
                if let base = source.baseAddress { out.update(from: base + start, count: n) }
            }
        }
    }

    /// A 4-byte length, at most `maxLength`, then that many bytes.
    mutating func readLengthPrefixed(maxLength: Int) throws(E2EError) -> [UInt8] {
        let length = Int(try readUInt32())
        guard length <= maxLength else { throw .malformed }
        return try readBytes(length)
    }

    /// A 32-byte X25519 public key.
    mutating func readX25519PublicKey() throws(E2EError) -> X25519.PublicKey {
        let raw = try readBytes(X25519.keyLength)
        return try crypto { () throws(CryptoError) in try X25519.PublicKey(raw) }
    }

    /// A 32-byte X25519 private key, read into secret memory.
    mutating func readX25519PrivateKey() throws(E2EError) -> X25519.PrivateKey {
        let secret = try readSecret(X25519.keyLength)
        return try crypto { () throws(CryptoError) in try X25519.PrivateKey(secret: secret) }
    }

    /// A 32-byte Ed25519 verifying key.
    mutating func readEd25519VerifyingKey() throws(E2EError) -> Ed25519.VerifyingKey {
        let raw = try readBytes(Ed25519.publicKeyLength)
        return try crypto { () throws(CryptoError) in try Ed25519.VerifyingKey(raw) }
    }

    /// A 32-byte Ed25519 seed, read into secret memory, expanded to a signing key.
    mutating func readEd25519SigningKey() throws(E2EError) -> Ed25519.SigningKey {
        let seed = try readSecret(Ed25519.seedLength)
        return try crypto { () throws(CryptoError) in try Ed25519.SigningKey(seed: seed) }
    }
}
