import CSodium

/// Cryptographically secure random values from libsodium.
public enum Random {
    /// `count` random bytes, for values that are not secret (identifiers, nonces).
    public static func bytes(_ count: Int) -> [UInt8] {
        Sodium.ready()
        return .filled(count: count) { base, n in randombytes_buf(base, n) }
    }

    /// A uniformly random integer in `0..<upperBound`.
    public static func uniform(_ upperBound: UInt32) -> UInt32 {
        Sodium.ready()
        return randombytes_uniform(upperBound)
    }
}
