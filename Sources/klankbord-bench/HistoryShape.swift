/// How much history one W6 profile holds, as a multiple of the "one year": 100,000 messages in 50 rooms,
/// a 500-member room whose signed log has 2,000 entries, 40 meetings, a 5,000-event ledger (docs/PERFORMANCE.md).
struct HistoryShape {
    let scale: Double

    /// Group rooms besides the ledger room; the first is the big one.
    var rooms: Int { 50 }
    var messages: Int { max(Int(100_000 * scale), rooms) }
    /// Members who stay in the big room (the facilitator comes on top), up to what one `members` answer can list
    /// (`membersListed`): past 6× the room stops growing.
    var stayingMembers: Int { min(max(Int(500 * scale), 2), Self.membersListed) }
    /// Members who join the big room and leave it again: two log entries each, so the log reaches 2,000 × scale —
    /// up to what the daemon lets one room's log hold (`Relay.maxLogEntries`, 10,000 entries): at 5× and above
    /// more members stay but fewer come and go, and the log stays just under that limit.
    var passingMembers: Int { max(min(Int(750 * scale), (Self.logEntriesAllowed - Self.logReserve - stayingMembers) / 2), 1) }
    var meetings: Int { max(Int(40 * scale), 1) }
    var consultations: Int { max(Int(10 * scale), 1) }
    /// Ledger events: four budgets, then whole entries of three events each (made, approved, paid).
    var ledgerEvents: Int { 4 + max(Int(5_000 * scale) - 4, 3) / 3 * 3 }

    static let bigRoom = "Groot"
    /// The daemon's limit on one log (`Relay.maxLogEntries`); a seeding past it fails with `limit_reached`.
    static let logEntriesAllowed = 10_000
    /// The daemon answers `members` in one Noise message (65,519 bytes; 11 bytes and the handle a member: about
    /// 3,700 members with these handles); a bigger room fails every command that names a room (`room invite`, `read`,
    /// `members`) with "This message is too long", found seeding 10× (5,000 members). Until `members` is answered in
    /// pages the big room stays below that.
    static let membersListed = 3_000
    /// Log entries besides joins and leaves: the genesis and one `invite` per 500 members, with room to spare.
    static let logReserve = 64
    static func room(_ index: Int) -> String { index == 0 ? bigRoom : "kamer\(index)" }
}
