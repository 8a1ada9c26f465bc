import KlankbordCrypto

/// Safety numbers: a 60-digit code two people compare (read aloud or side by side) to know that
/// their sessions run between the keys they think. Both sides compute the same code.
///
/// Each side's half, after Signal's numeric fingerprint:
///
///     h0   = BLAKE2b-512("klankbord/safety-number/1" || Ed25519 key (32) || X25519 key (32) || handle UTF-8)
///     hi+1 = BLAKE2b-512(hi || Ed25519 key || X25519 key)           for i in 0 ..< 5200
///     half = the first 30 bytes of h5200 as six 5-byte big-endian integers, each mod 100000,
///            written as 5 decimal digits (leading zeros kept): 30 digits
///
/// The code is the two halves in ascending order, 60 digits, shown as 12 groups of 5 separated
/// by single spaces. The iterations make finding a key with a chosen half about 2^12 times
/// costlier than one hash.
///
/// - Warning: Handles must be passed exactly as the server spells them, the same on both sides.
public enum SafetyNumber {
    static let domain = Array("klankbord/safety-number/1".utf8)
    static let iterations = 5200

    /// The 60-digit safety number for two identities, as 12 space-separated groups of 5 digits.
    public static func compute(local: IdentityKeys.PublicBundle, localHandle: String,
                               remote: IdentityKeys.PublicBundle, remoteHandle: String) -> String {
        let halves = [half(local, handle: localHandle), half(remote, handle: remoteHandle)].sorted { $0.lexicographicallyPrecedes($1) }
        return (halves[0] + halves[1]).joined(separator: " ")
    }

    /// One side's 30 digits, as six groups of five.
    package static func half(_ identity: IdentityKeys.PublicBundle, handle: String) -> [String] {
        let key = identity.signingKey.bytes + identity.agreementKey.bytes
        var hash = BLAKE2b.hash(parts: [domain, key, Array(handle.utf8)])
        for _ in 0..<iterations {
            hash = BLAKE2b.hash(parts: [hash, key])
        }
        return (0..<6).map { chunk in
            let value = hash[chunk * 5..<chunk * 5 + 5].reduce(UInt64(0)) { $0 << 8 | UInt64($1) } % 100_000
            let digits = String(value)
            return String(repeating: "0", count: 5 - digits.count) + digits
        }
    }
}
