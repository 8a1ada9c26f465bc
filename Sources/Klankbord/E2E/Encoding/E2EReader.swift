import KlankbordCrypto
import KlankbordProtocol

extension E2EError: FieldFailure {
    /// A short, overlong or out-of-range field of an end-to-end format is simply `malformed`.
    public static func field(_ error: WireError) -> E2EError { .malformed }
}

/// The package's one reader (`FieldReader`, written by `WireWriter`) as the end-to-end formats use
/// it: every failure is an `E2EError`.
typealias E2EReader = FieldReader<E2EError>

extension FieldReader where Failure == E2EError {
    /// Decodes a whole value: checks the version byte, runs `body`, and rejects trailing bytes.
    static func decode<Value>(
        _ bytes: [UInt8], version: UInt8, maxLength: Int = E2ELimits.maxMessageLength + 4096,
        _ body: (inout E2EReader) throws(E2EError) -> Value
    ) throws(E2EError) -> Value {
        guard bytes.count <= maxLength else { throw .malformed }
        var reader = E2EReader(bytes)
        let found = try reader.u8()
        guard found == version else { throw .unsupportedVersion(found) }
        let value = try body(&reader)
        try reader.finish()
        return value
    }

    /// A 32-byte X25519 public key.
    mutating func x25519PublicKey() throws(E2EError) -> X25519.PublicKey {
        let raw = try fixed(X25519.keyLength)
        return try crypto { () throws(CryptoError) in try X25519.PublicKey(raw) }
    }

    /// A 32-byte X25519 private key, read into secret memory.
    mutating func x25519PrivateKey() throws(E2EError) -> X25519.PrivateKey {
        let secret = try secret(X25519.keyLength)
        return try crypto { () throws(CryptoError) in try X25519.PrivateKey(secret: secret) }
    }

    /// A 32-byte Ed25519 verifying key.
    mutating func ed25519VerifyingKey() throws(E2EError) -> Ed25519.VerifyingKey {
        let raw = try fixed(Ed25519.publicKeyLength)
        return try crypto { () throws(CryptoError) in try Ed25519.VerifyingKey(raw) }
    }

    /// A 32-byte Ed25519 seed, read into secret memory, expanded to a signing key.
    mutating func ed25519SigningKey() throws(E2EError) -> Ed25519.SigningKey {
        let seed = try secret(Ed25519.seedLength)
        return try crypto { () throws(CryptoError) in try Ed25519.SigningKey(seed: seed) }
    }
}
