import Synchronization
import KlankbordTrust

/// The last reductions of held logs in this process, by their exact input.
///
/// Reducing a log checks every entry's signature from the genesis on (about 50 µs each): with a year of history
/// (a roster of 1,250 people, a room log of 2,000 entries) that is over 100 ms, and one command asked for the same
/// reduction many times — `agenda` twice per room. The reducers are pure, so the result for the same entries (and
/// the same roster) is the same: it is kept, and compared in full before it is used again.
enum LogReductions {
    private struct RosterMemo {
        var entries: [[UInt8]]
        var roster: Roster
    }

    private struct MembershipMemo {
        var entries: [[UInt8]]
        var roster: Roster
        var membership: RoomMembership
    }

    private static let rosterMemo = Mutex<RosterMemo?>(nil)
    private static let membershipMemos = Mutex<[UInt64: MembershipMemo]>([:])

    /// `Roster(entries:)`, or the kept result for exactly these entries.
    static func roster(_ entries: [[UInt8]], reduce: ([[UInt8]]) -> Roster) -> Roster {
        if let kept = rosterMemo.withLock({ memo in memo?.entries == entries ? memo?.roster : nil }) { return kept }
        let roster = reduce(entries)
        rosterMemo.withLock { $0 = RosterMemo(entries: entries, roster: roster) }
        return roster
    }

    /// The membership of room `scope`, or the kept result for exactly these entries and this roster.
    static func membership(_ scope: UInt64, _ entries: [[UInt8]], roster: Roster, reduce: () -> RoomMembership) -> RoomMembership {
        let kept = membershipMemos.withLock { memos -> RoomMembership? in
            guard let memo = memos[scope], memo.entries == entries, memo.roster == roster else { return nil }
            return memo.membership
        }
        if let kept { return kept }
        let membership = reduce()
        membershipMemos.withLock { $0[scope] = MembershipMemo(entries: entries, roster: roster, membership: membership) }
        return membership
    }
}
