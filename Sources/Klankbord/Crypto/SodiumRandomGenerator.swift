/// A `RandomNumberGenerator` over libsodium's `randombytes`, the default for anything a person could learn from an
/// order (such as the order of answers in a report). Tests pass a seeded generator instead.
public struct SodiumRandomGenerator: RandomNumberGenerator {
    /// A generator; it holds no state.
    public init() {}

    /// 64 random bits from libsodium.
    public mutating func next() -> UInt64 {
        Random.bytes(8).reduce(0) { $0 << 8 | UInt64($1) }
    }
}
