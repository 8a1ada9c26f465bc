import KlankbordProtocol

extension Relay {
    /// Attempts an invite allows beyond its uses, so someone whose handle is taken can try a few other names
    /// with the same single-use code. The rule: an invite of N uses answers at most N + 5 redeems of any outcome.
    static let spareRedeemAttempts: Int64 = 5

    /// Spends one attempt of `invite`, then runs `body` in a savepoint. When `body` refuses, its own changes
    /// are undone but the spent attempt stays: the refusal is answered as an error that still commits. So a
    /// `handle_taken` answer costs an invite attempt, and one code cannot probe handles without end (the
    /// per-connection limit starts again on every new connection).
    func spendingAnAttempt(of invite: ValidInvite, _ body: () throws -> Outcome) throws -> Outcome {
        let allowed = try database.queryOne("SELECT uses_total FROM invites WHERE id = ?", [.integer(invite.id)]) { $0.int64(0) } ?? 0
        let spent = try database.queryOne("SELECT spent FROM invite_attempts WHERE invite_id = ?", [.integer(invite.id)]) { $0.int64(0) } ?? 0
        guard spent < allowed + Relay.spareRedeemAttempts else { throw ErrorCode.inviteUsedUp }
        try database.run("INSERT INTO invite_attempts(invite_id, spent) VALUES (?, 1) ON CONFLICT(invite_id) DO UPDATE SET spent = spent + 1",
                         [.integer(invite.id)])
        do {
            return try database.savepoint(body)
        } catch let code as ErrorCode {
            // Cached member lists may have seen the rolled-back join.
            memberCache = [:]
            return Outcome(response: .done, failure: code)
        }
    }
}
