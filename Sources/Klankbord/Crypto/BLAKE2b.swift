import CSodium

/// BLAKE2b (libsodium `crypto_generichash`), plus the HMAC construction Noise builds on it.
public enum BLAKE2b {
    /// Noise's HASHLEN and BLOCKLEN for BLAKE2b.
    public static let maxOutputLength = 64
    public static let blockLength = 128

    /// The BLAKE2b digest of `data`, `length` bytes long (16...64), optionally keyed.
    public static func hash(_ data: [UInt8], length: Int = 64, key: [UInt8] = []) -> [UInt8] {
        Sodium.ready()
        return .filled(count: length) { out, n in
            data.withPointer { d, dlen in
                key.withPointer { k, klen in _ = crypto_generichash(out, n, d, UInt64(dlen), key.isEmpty ? nil : k, klen) }
            }
        }
    }

    /// The 64-byte digest of the concatenation of `parts`, without copying them together.
    public static func hash(parts: [[UInt8]]) -> [UInt8] {
        Sodium.ready()
        // The state struct is 64-byte aligned, so Swift imports it as opaque: allocate it by hand.
        let size = crypto_generichash_statebytes()
        let raw = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 64)
        defer {
            sodium_memzero(raw, size)
            raw.deallocate()
        }
        let state = OpaquePointer(raw)
        _ = crypto_generichash_init(state, nil, 0, maxOutputLength)
        for part in parts { part.withPointer { p, n in _ = crypto_generichash_update(state, p, UInt64(n)) } }
        return .filled(count: maxOutputLength) { out, n in _ = crypto_generichash_final(state, out, n) }
    }

    /// HMAC over BLAKE2b-512 as the Noise specification (section 4.3) defines it, since libsodium has none.
    public static func hmac(key: SecretBytes, data: [UInt8]) -> SecretBytes {
        // Keys longer than a block are hashed first (RFC 2104); Noise keys are always shorter.
        var blockKey: [UInt8] = key.count > blockLength ? hash(key.unprotectedBytes) : key.unprotectedBytes
        defer { wipe(&blockKey) }
        var inner = [UInt8](repeating: 0x36, count: blockLength)
        var outer = [UInt8](repeating: 0x5c, count: blockLength)
        for (index, byte) in blockKey.enumerated() {
            inner[index] ^= byte
            outer[index] ^= byte
        }
        let innerDigest = hash(parts: [inner, data])
        let result = SecretBytes(copying: hash(parts: [outer, innerDigest]))
        wipe(&inner)
        wipe(&outer)
        return result
    }
}

/// Overwrites `bytes` with zeros in a way the compiler cannot remove.
public func wipe(_ bytes: inout [UInt8]) {
    bytes.withMutablePointer { p, n in sodium_memzero(p, n) }
}
