extension Relay {
    /// Most one-time prekeys the server keeps per account.
    static let maxOneTimePrekeys = 500

    /// Stores the account's public keys. The server checks every signature, so it hands out only bundles
    /// that verify; it cannot make keys of its own pass for someone's (clients check the identity too).
    func uploadPrekeys(identity: [UInt8], signedPrekey: [UInt8], oneTimePrekeys: [[UInt8]], for me: AccountRecord) throws -> Outcome {
        let signed: SignedPrekey.Public
        do {
            let bundle = try IdentityKeys.PublicBundle(serialized: identity)
            signed = try SignedPrekey.Public(serialized: signedPrekey)
            try signed.verify(signedBy: bundle)
        } catch {
            throw ErrorCode.malformed
        }
        try database.run("INSERT INTO identities(account_id, bundle, signed_prekey) VALUES (?, ?, ?) ON CONFLICT(account_id) DO UPDATE SET bundle = excluded.bundle, signed_prekey = excluded.signed_prekey",
                         [.id(me.id), .blob(identity), .blob(signedPrekey)])
        guard try prekeyCount(of: me.id) + UInt32(oneTimePrekeys.count) <= Relay.maxOneTimePrekeys else { throw ErrorCode.limitReached }
        for bytes in oneTimePrekeys {
            guard let prekey = try? OneTimePrekey.Public(serialized: bytes) else { throw ErrorCode.malformed }
            try database.run("INSERT OR REPLACE INTO one_time_prekeys(account_id, key_id, public) VALUES (?, ?, ?)",
                             [.id(me.id), .integer(Int64(prekey.id)), .blob(bytes)])
        }
        return Outcome(response: .prekeyCount(try prekeyCount(of: me.id)))
    }

    func prekeyCount(of account: UInt64) throws -> UInt32 {
        UInt32(try database.queryOne("SELECT count(*) FROM one_time_prekeys WHERE account_id = ?", [.id(account)]) { $0.int64(0) } ?? 0)
    }

    /// Bundles of the asked accounts that share a room with `me`; each consumed one-time prekey is deleted.
    func bundles(of accounts: [UInt64], consume: Bool, for me: AccountRecord) throws -> Outcome {
        guard accounts.count <= Relay.maxInboxBatch else { throw ErrorCode.tooLarge }
        var result: [AccountBundle] = []
        for account in accounts {
            guard try sharesRoom(me.id, account),
                  let stored = try database.queryOne("SELECT bundle, signed_prekey FROM identities WHERE account_id = ?", [.id(account)], { ($0.blob(0), $0.blob(1)) }),
                  let identity = try? IdentityKeys.PublicBundle(serialized: stored.0),
                  let signed = try? SignedPrekey.Public(serialized: stored.1) else {
                result.append(AccountBundle(account: account, bundle: nil))
                continue
            }
            var oneTime: OneTimePrekey.Public?
            if consume, let row = try database.queryOne("SELECT key_id, public FROM one_time_prekeys WHERE account_id = ? ORDER BY key_id LIMIT 1",
                                                        [.id(account)], { ($0.int64(0), $0.blob(1)) }) {
                try database.run("DELETE FROM one_time_prekeys WHERE account_id = ? AND key_id = ?", [.id(account), .integer(row.0)])
                oneTime = try? OneTimePrekey.Public(serialized: row.1)
            }
            result.append(AccountBundle(account: account, bundle: PrekeyBundle(identity: identity, signedPrekey: signed, oneTimePrekey: oneTime).serialized()))
        }
        return Outcome(response: .bundles(result))
    }
}
