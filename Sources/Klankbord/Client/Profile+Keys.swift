import KlankbordE2E

extension Profile {
    /// This account's identity keys, made on first use.
    package func identity() throws(Failure) -> IdentityKeys {
        if let bytes = try secret("identity"), let keys = try? IdentityKeys(serialized: bytes) { return keys }
        let keys = IdentityKeys()
        try setSecret("identity", keys.serialized())
        return keys
    }

    /// The signed prekeys kept: the newest first, then the previous one (for first messages still on their way).
    func signedPrekeys() throws(Failure) -> [SignedPrekey] {
        var prekeys: [SignedPrekey] = []
        for name in ["signed_prekey", "signed_prekey_previous"] {
            if let bytes = try secret(name), let prekey = try? SignedPrekey(serialized: bytes) { prekeys.append(prekey) }
        }
        return prekeys
    }

    /// Makes a new signed prekey and keeps the current one as previous.
    func rotateSignedPrekey(now: UInt64) throws(Failure) -> SignedPrekey {
        let current = try signedPrekeys().first
        let prekey = SignedPrekey(id: (current?.id ?? 0) &+ 1, createdAt: now, identity: try identity())
        if let current { try setSecret("signed_prekey_previous", current.serialized()) }
        try setSecret("signed_prekey", prekey.serialized())
        return prekey
    }

    /// Makes `count` new one-time prekeys, keeps their private halves, and returns them.
    func makeOneTimePrekeys(_ count: Int) throws(Failure) -> [OneTimePrekey] {
        let next = try readOne("SELECT max(id) FROM one_time_prekeys", []) { $0.isNull(0) ? 0 : UInt32($0.int64(0)) } ?? 0
        let fresh = OneTimePrekey.generate(count: count, startingAt: next &+ 1)
        for prekey in fresh {
            try write("INSERT INTO one_time_prekeys(id, sealed) VALUES (?, ?)", [.integer(Int64(prekey.id)), .blob(vault.seal(prekey.serialized(), "otpk/\(prekey.id)"))])
        }
        return fresh
    }

    func oneTimePrekey(_ id: UInt32) -> OneTimePrekey? {
        guard let sealed = try? readOne("SELECT sealed FROM one_time_prekeys WHERE id = ?", [.integer(Int64(id))], { $0.blob(0) }),
              let bytes = try? vault.open(sealed, "otpk/\(id)") else { return nil }
        return try? OneTimePrekey(serialized: bytes)
    }

    /// Forgets a one-time prekey once a session was made with it, so it can never be used again.
    func deleteOneTimePrekey(_ id: UInt32) throws(Failure) {
        try write("DELETE FROM one_time_prekeys WHERE id = ?", [.integer(Int64(id))])
    }
}
