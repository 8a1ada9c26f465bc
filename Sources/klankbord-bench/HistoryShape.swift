/// How much history one W6 profile holds, as a multiple of the "one year": 100,000 messages in 50 rooms,
/// a 500-member room whose signed log has 2,000 entries, 40 meetings, a 5,000-event ledger (docs/PERFORMANCE.md).
struct HistoryShape {
    let scale: Double

    /// Group rooms besides the ledger room; the first is the big one.
    var rooms: Int { 50 }
    var messages: Int { max(Int(100_000 * scale), rooms) }
    /// Members who stay in the big room (the facilitator comes on top).
    var stayingMembers: Int { max(Int(500 * scale), 2) }
    /// Members who join the big room and leave it again: two log entries each, so the log reaches 2,000 × scale.
    var passingMembers: Int { max(Int(750 * scale), 1) }
    var meetings: Int { max(Int(40 * scale), 1) }
    var consultations: Int { max(Int(10 * scale), 1) }
    /// Ledger events: four budgets, then whole entries of three events each (made, approved, paid).
    var ledgerEvents: Int { 4 + max(Int(5_000 * scale) - 4, 3) / 3 * 3 }

    static let bigRoom = "Groot"
    static func room(_ index: Int) -> String { index == 0 ? bigRoom : "kamer\(index)" }
}
