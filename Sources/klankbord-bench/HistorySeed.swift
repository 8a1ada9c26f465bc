import FoundationEssentials
import Klankbord

/// Seeds a facilitator's profile with a year of history (W6), quickly but as a real client would hold it:
/// - the people, rooms, meetings and consultations through the real CLI code run in this process (`InProcessCLI`),
///   against the real daemon: real accounts, signed log entries, encrypted events;
/// - the big room's members as real accounts on the daemon that join and leave it with their own signed log entries
///   and publish their prekeys, as the real `join` and `room leave` do on the wire, but without a profile each
///   (`HistoryMembers`);
/// - the messages as real server rows (sent by the facilitator's own device key through the bench's protocol
///   client, random bytes the daemon cannot tell from ciphertext) and as the sealed history rows the profile keeps
///   for them (`Profile.store`), the read cursor at the end, as after the person read them;
/// - the ledger as signed, hash-chained events stored the way `ledger restore` keeps them (`Profile.store`).
struct HistorySeed {
    static let facilitator = "fenna"
    let shape: HistoryShape
    let daemon: Daemon
    let cli: InProcessCLI
    let note: (String) -> Void

    /// What the seeding wrote that a check can look for with the real CLI.
    struct Seeded {
        /// One message of the big room: its number, sender and text.
        var sample: StoredMessage?
        /// Ledger entries made (each `created` event).
        var ledgerEntries = 0
    }

    func run(deadline: UInt64) throws -> Seeded {
        var seeded = Seeded()
        let start = monotonicSeconds()
        var phaseStart = start
        // Each phase's own time, so one that grows faster than the history shows at once.
        func phase(_ name: String, _ detail: String = "") {
            let now = monotonicSeconds()
            note("  \(name): " + String(format: "%.1f s", now - phaseStart) + detail)
            phaseStart = now
        }
        try Self.startCommunity(cli, daemon, rooms: shape.rooms)
        try cli.must(Self.facilitator, ["ledger", "init"])
        phase("people and rooms")
        let joined = try HistoryMembers(staying: shape.stayingMembers, passing: shape.passingMembers, daemon: daemon, cli: cli).run()
        phase("members and log", joined.summary)
        let profile = try Profile(openingAt: cli.profile(Self.facilitator)) { nil }
        let connection = try ClientConnection(address: daemon.address, serverKey: daemon.serverKey, deviceKey: try profile.deviceKey())
        let members = try bigRoomMembers(connection)
        seeded.sample = try seedMessages(profile, connection, members: members, deadline: deadline)
        // Read before the meetings are posted: each `meeting create` and `consult pose` catches up on the room from
        // the read cursor, so with the cursors still at 0 every one fetched all the room's messages again.
        try markRead(profile, connection)
        phase("messages", " (\(shape.messages))")
        try seedMeetingsAndConsultations()
        phase("meetings and consultations", " (\(shape.meetings) + \(shape.consultations))")
        seeded.ledgerEntries = try seedLedger(profile, members: members)
        phase("ledger", " (\(shape.ledgerEvents) events)")
        try cli.must(Self.facilitator, ["rooms"])
        try markRead(profile, connection)
        phase("read cursors")
        note(String(format: "  seeded in %.1f s", monotonicSeconds() - start))
        return seeded
    }

    /// Everything up to here was read on this device: the read cursors stand at the end of every room.
    private func markRead(_ profile: Profile, _ connection: ClientConnection) throws {
        guard case let .rooms(rooms) = try connection.call(.rooms) else { throw BenchFailure(description: "unexpected answer to rooms") }
        for room in rooms { try profile.setReadSeq(room.id, room.lastSeq) }
    }

    /// The operator ("beheer") from the daemon's first invite, the facilitator they invite, and the facilitator's
    /// `rooms` group rooms (the big room first), all through the real commands.
    static func startCommunity(_ cli: InProcessCLI, _ daemon: Daemon, rooms: Int) throws {
        try cli.must("beheer", ["join", daemon.firstInvite.text, "--handle", "beheer"])
        let code = try cli.firstLine("beheer", ["invite", "create", "--role", "facilitator"])
        try cli.must(facilitator, ["join", code, "--handle", facilitator])
        for index in 0..<rooms { try cli.must(facilitator, ["room", "create", HistoryShape.room(index)]) }
    }

    private func bigRoomMembers(_ connection: ClientConnection) throws -> [MemberRecord] {
        guard case let .rooms(rooms) = try connection.call(.rooms), let big = rooms.first(where: { $0.name == HistoryShape.bigRoom }),
              case let .members(members) = try connection.call(.members(room: big.id)) else {
            throw BenchFailure(description: "the big room has no members")
        }
        return members.filter { $0.handle != Self.facilitator }
    }

    /// The messages: real rows on the server, and their sealed copies with sender, time and text in the profile.
    /// Returns the last message of the big room.
    private func seedMessages(_ profile: Profile, _ connection: ClientConnection, members: [MemberRecord], deadline: UInt64) throws -> StoredMessage? {
        guard case let .rooms(before) = try connection.call(.rooms) else { throw BenchFailure(description: "unexpected answer to rooms") }
        let groups = before.filter { $0.kind == .group && $0.name != "ledger" }
        let loop = ClientLoop(address: daemon.address, serverKey: daemon.serverKey)
        // One connection per room, all the facilitator's device: the driver keeps one window of sends per connection.
        let key = try profile.deviceKey()
        let senders = groups.map { _ in loop.makeClient(handle: Self.facilitator, deviceKey: key) }
        try loop.enroll(senders, invites: senders.map { _ in [] }, subscribe: false, deadline: deadline)
        let perRoom = groups.indices.map { shape.messages / groups.count + ($0 < shape.messages % groups.count ? 1 : 0) }
        let fill = FanOut(.unpaced(senders: groups.indices.map { (senders[$0], groups[$0].id, perRoom[$0]) }, window: 32), payloadSize: 200,
                          expected: shape.messages)
        guard loop.run(fill, until: deadline), fill.refused == 0 else {
            throw BenchFailure(description: "filling the rooms stopped after \(fill.deliveries) messages (\(fill.refused) refused)")
        }
        for sender in senders { loop.disconnect(sender) }
        guard case let .rooms(after) = try connection.call(.rooms) else { throw BenchFailure(description: "unexpected answer to rooms") }
        let year: Int64 = 365 * 86_400
        let now = Int64(Date().timeIntervalSince1970)
        var sample: StoredMessage?
        try profile.inOneTransaction {
            for room in groups {
                guard let last = after.first(where: { $0.id == room.id })?.lastSeq, last > room.lastSeq else { continue }
                let count = last - room.lastSeq
                for seq in (room.lastSeq + 1)...last {
                    let member = members[Int(seq) % members.count]
                    let time = now - year + Int64(Double(year) * Double(seq - room.lastSeq) / Double(count + 1))
                    let message = StoredMessage(room: room.id, seq: seq, sender: member.handle, time: time, body: .text(Self.text(seq)))
                    try profile.store(message)
                    if room.name == HistoryShape.bigRoom { sample = message }
                }
            }
        }
        return sample
    }

    private static let sentences = [
        "Wanneer is de volgende bijeenkomst?", "Ik kom iets later, de bus is vertraagd.", "Dank je wel voor het regelen!",
        "Heeft iemand het verslag van vorige week?", "Zaterdag ben ik er weer bij.", "Goed idee, laten we dat voorstellen.",
    ]

    private static func text(_ seq: UInt64) -> String {
        sentences[Int(seq) % sentences.count] + " " + sentences[Int(seq / 7) % sentences.count]
    }

    /// Meetings on the coming days and open consultations, through the real commands, in five of the smaller rooms:
    /// in a room of 250 or more members the first event a facilitator posts fails with "This message is too long"
    /// (found by this workload at 0.5×; docs/PERFORMANCE.md, "Client cost with history").
    private func seedMeetingsAndConsultations() throws {
        for index in 0..<shape.meetings {
            let day = AmsterdamTime(Date().addingTimeInterval(TimeInterval(1 + index % 360) * 86_400))
            let date = String(format: "%04d-%02d-%02d", day.year, day.month, day.day)
            let hour = 9 + index / 360 % 10
            try cli.must(Self.facilitator, ["meeting", "create", HistoryShape.room(1 + index % 5), "Overleg \(index + 1)", date,
                                            String(format: "%02d:00-%02d:30", hour, hour), "--place", "Buurthuis"])
        }
        for index in 0..<shape.consultations {
            try cli.must(Self.facilitator, ["consult", "pose", HistoryShape.room(1 + index % 5), "Wat vinden jullie van voorstel \(index + 1)?",
                                            "--title", "Voorstel \(index + 1)", "--body", "Gemeente Leeuwarden", "--days", "30"])
        }
    }

    /// The ledger: budgets, then entries made, approved and paid, each event signed by the facilitator and chained to
    /// the one before, kept as `ledger restore` keeps a handed-over chain.
    /// Returns how many entries it made.
    private func seedLedger(_ profile: Profile, members: [MemberRecord]) throws -> Int {
        guard let room = profile.ledgerRoom, let account = profile.account else { throw BenchFailure(description: "no ledger room") }
        let key = try profile.identity().signingKey
        let now = Int64(Date().timeIntervalSince1970)
        let year = UInt16(AmsterdamTime(Date()).year)
        var bodies: [LedgerEventBody] = LedgerPurpose.allCases.map { .budget(year: year, purpose: $0, cents: 1_000_000_000) }
        var made = 0
        while bodies.count < shape.ledgerEvents {
            let member = members[made % members.count]
            let id = LedgerEntryID.random()
            let date = now - Int64(made % 300) * 3_600
            bodies.append(.created(LedgerEntryDraft(id: id, recipient: member.accountID, handle: member.handle, cents: 1_250,
                                                    purpose: .travel, method: .cash, date: date, note: "reiskosten")))
            bodies.append(.approved(id, overBudget: false, overAllowance: false))
            bodies.append(.paid(id))
            made += 1
        }
        // Whole entries only (made, approved, paid): the export lists approved and paid entries, not proposals.
        let kept = bodies.prefix(LedgerPurpose.allCases.count + (shape.ledgerEvents - LedgerPurpose.allCases.count) / 3 * 3)
        var prev = LedgerEvent.zeroHash
        try profile.inOneTransaction {
            for (index, body) in kept.enumerated() {
                let event = LedgerEvent(index: UInt64(index), prev: prev, time: now - 1_000 + Int64(index / 10), signer: account.id, body: body, key: key)
                prev = event.hash
                try profile.store(FeatureEvent(room: room, sender: account.id, senderHandle: "", time: event.time, seq: nil, event: event.payload))
            }
        }
        return kept.filter { if case .created = $0 { true } else { false } }.count
    }
}
