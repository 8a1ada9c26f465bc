import Klankbord

/// Checks with the real `klankbord` process that a seeded profile (W6) holds what the seeding wrote: the big room's
/// last message by its number, its members (as the server lists them and as the signed log names them), every
/// meeting on the agenda, every consultation, every ledger entry in the export.
/// A seeding the CLI could not read would time nothing worth having, so a failed check stops the run.
enum HistoryCheck {
    static func run(_ person: Person, shape: HistoryShape, seeded: HistorySeed.Seeded, logMembers: Int, year: Int) throws {
        guard let sample = seeded.sample, case let .text(text) = sample.body else { throw failure("the big room got no message") }
        let shown = try person.must(["read", HistoryShape.bigRoom, "--show", String(sample.seq), "--json"])
        guard shown.contains("\"sender\":\"\(sample.sender)\""), shown.contains("\"text\":\"\(text)\"") else {
            throw failure("read --show \(sample.seq) printed \(shown.prefix(300))")
        }
        // The big room's members as the server lists them to the facilitator, and as its signed log names them: the
        // facilitator and everyone who stayed, nobody who left.
        try expect(lines(try person.must(["members", HistoryShape.bigRoom, "--json"])), shape.stayingMembers + 1, "members")
        try expect(logMembers, shape.stayingMembers + 1, "the big room's signed log")
        try expect(lines(try person.must(["agenda", "--json"])), shape.meetings, "agenda")
        try expect(lines(try person.must(["consult", "list", "--json"])), shape.consultations, "consult list")
        let export = try person.must(["ledger", "export", "--from", "\(year - 1)-01-01", "--to", "\(year + 1)-12-31"])
        let entries = export.split(whereSeparator: \.isNewline).filter { $0.count > 33 && $0.prefix(32).allSatisfy(\.isHexDigit) && $0.dropFirst(32).first == "," }
        try expect(entries.count, seeded.ledgerEntries, "ledger export")
    }

    private static func lines(_ output: String) -> Int {
        output.split(whereSeparator: \.isNewline).filter { $0.hasPrefix("{") }.count
    }

    private static func expect(_ found: Int, _ wanted: Int, _ command: String) throws {
        guard found == wanted else { throw failure("\(command) shows \(found), the seeding made \(wanted)") }
    }

    private static func failure(_ text: String) -> BenchFailure {
        BenchFailure(description: "the seeded profile does not read back: " + text)
    }
}
