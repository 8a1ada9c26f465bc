extension X25519.PublicKey {
    /// Whether a Diffie-Hellman with this key can give a secret. False for the all-zero key and every other
    /// small-order point: their shared secret with any private key is all zero, which libsodium's
    /// `crypto_scalarmult` refuses. `probe` is a throwaway key; pass one to check many keys at the cost of one.
    public func isUsable(probe: X25519.PrivateKey = X25519.PrivateKey()) -> Bool {
        (try? probe.sharedSecret(with: self)) != nil
    }
}
