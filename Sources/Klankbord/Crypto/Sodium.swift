import CSodium

/// The one place that initialises libsodium; every wrapper calls `Sodium.ready()` first.
package enum Sodium {
    /// `sodium_init` is thread-safe and idempotent; a static `let` makes Swift run it once.
    private static let initialised: Bool = sodium_init() >= 0

    /// Makes sure libsodium is initialised. A failure here means the library cannot work at all.
    package static func ready() {
        precondition(initialised, "libsodium could not be initialised")
    }
}
