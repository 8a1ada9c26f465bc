import KlankbordCrypto
import KlankbordE2E
import KlankbordProtocol

extension Relay {
    /// Most one-time prekeys the server keeps per account.
    static let maxOneTimePrekeys = 500

    /// One-time prekeys one account may take of another per UTC day; past it, bundles come without one
    /// (X3DH works without). So no member can drain another's prekeys, however often they ask.
    static let oneTimePrekeysPerPairPerDay: Int64 = 3

    /// Stores the account's public keys. The server checks every signature, so it hands out only bundles
    /// that verify; it cannot make keys of its own pass for someone's (clients check the identity too).
    /// Low-order (all-zero or other small-order) X25519 keys are refused: they would make a secret anyone knows.
    func uploadPrekeys(identity: [UInt8], signedPrekey: [UInt8], oneTimePrekeys: [[UInt8]], for me: AccountRecord) throws -> Outcome {
        // Counted before the key checks, which cost a scalar multiplication each: a member cannot make the
        // relay check more than 500 keys in one request.
        guard try prekeyCount(of: me.id) + UInt32(oneTimePrekeys.count) <= Relay.maxOneTimePrekeys else { throw ErrorCode.limitReached }
        let signed: SignedPrekey.Public
        let probe = X25519.PrivateKey()
        do {
            let bundle = try IdentityKeys.PublicBundle(serialized: identity)
            signed = try SignedPrekey.Public(serialized: signedPrekey)
            try signed.verify(signedBy: bundle)
            guard bundle.agreementKey.isUsable(probe: probe), signed.publicKey.isUsable(probe: probe) else { throw ErrorCode.malformed }
        } catch {
            throw ErrorCode.malformed
        }
        let parsed = try oneTimePrekeys.map { bytes in
            guard let prekey = try? OneTimePrekey.Public(serialized: bytes), prekey.publicKey.isUsable(probe: probe) else { throw ErrorCode.malformed }
            return prekey
        }
        try database.run("INSERT INTO identities(account_id, bundle, signed_prekey) VALUES (?, ?, ?) ON CONFLICT(account_id) DO UPDATE SET bundle = excluded.bundle, signed_prekey = excluded.signed_prekey",
                         [.id(me.id), .blob(identity), .blob(signedPrekey)])
        for (bytes, prekey) in zip(oneTimePrekeys, parsed) {
            try database.run("INSERT OR REPLACE INTO one_time_prekeys(account_id, key_id, public) VALUES (?, ?, ?)",
                             [.id(me.id), .integer(Int64(prekey.id)), .blob(bytes)])
        }
        return Outcome(response: .prekeyCount(try prekeyCount(of: me.id)))
    }

    func prekeyCount(of account: UInt64) throws -> UInt32 {
        UInt32(try database.queryOne("SELECT count(*) FROM one_time_prekeys WHERE account_id = ?", [.id(account)]) { $0.int64(0) } ?? 0)
    }

    /// Bundles of the asked accounts that share a room with `me`, one entry per distinct account in the order
    /// first asked. Each consumed one-time prekey is deleted, at most `oneTimePrekeysPerPairPerDay` of one
    /// account for one requester. Your own account is always absent: nobody starts a session with themselves.
    func bundles(of accounts: [UInt64], consume: Bool, for me: AccountRecord) throws -> Outcome {
        guard accounts.count <= Relay.maxInboxBatch else { throw ErrorCode.tooLarge }
        var result: [AccountBundle] = []
        var seen = Set<UInt64>()
        for account in accounts where seen.insert(account).inserted {
            guard account != me.id, try sharesRoom(me.id, account),
                  let stored = try database.queryOne("SELECT bundle, signed_prekey FROM identities WHERE account_id = ?", [.id(account)], { ($0.blob(0), $0.blob(1)) }),
                  let identity = try? IdentityKeys.PublicBundle(serialized: stored.0),
                  let signed = try? SignedPrekey.Public(serialized: stored.1) else {
                result.append(AccountBundle(account: account, bundle: nil))
                continue
            }
            var oneTime: OneTimePrekey.Public?
            if consume, try mayTakeOneTimePrekey(of: account, by: me.id),
               let row = try database.queryOne("SELECT key_id, public FROM one_time_prekeys WHERE account_id = ? ORDER BY key_id LIMIT 1",
                                               [.id(account)], { ($0.int64(0), $0.blob(1)) }) {
                try database.run("DELETE FROM one_time_prekeys WHERE account_id = ? AND key_id = ?", [.id(account), .integer(row.0)])
                try noteOneTimePrekeyTaken(of: account, by: me.id)
                oneTime = try? OneTimePrekey.Public(serialized: row.1)
            }
            result.append(AccountBundle(account: account, bundle: PrekeyBundle(identity: identity, signedPrekey: signed, oneTimePrekey: oneTime).serialized()))
        }
        return Outcome(response: .bundles(result))
    }

    /// Whether `requester` may take one more of `target`'s one-time prekeys today (UTC).
    private func mayTakeOneTimePrekey(of target: UInt64, by requester: UInt64) throws -> Bool {
        let taken = try database.queryOne("SELECT taken FROM prekey_draws WHERE requester_id = ? AND target_id = ? AND day = ?",
                                          [.id(requester), .id(target), .integer(clock() / 86_400)]) { $0.int64(0) } ?? 0
        return taken < Relay.oneTimePrekeysPerPairPerDay
    }

    /// Counts one one-time prekey of `target` taken by `requester` today; an earlier day's count starts again.
    private func noteOneTimePrekeyTaken(of target: UInt64, by requester: UInt64) throws {
        try database.run("""
            INSERT INTO prekey_draws(requester_id, target_id, day, taken) VALUES (?1, ?2, ?3, 1)
            ON CONFLICT(requester_id, target_id) DO UPDATE SET taken = CASE WHEN day = ?3 THEN taken + 1 ELSE 1 END, day = ?3
            """, [.id(requester), .id(target), .integer(clock() / 86_400)])
    }
}
