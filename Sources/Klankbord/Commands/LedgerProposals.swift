import FoundationEssentials
import KlankbordClient
import KlankbordConsultations
import KlankbordCrypto
import KlankbordE2E
import KlankbordLedger
import KlankbordMeetings
import KlankbordProtocol

/// Fees that meetings (attendance) and consultations (counted answers) propose, read with their own cores from the
/// feature events this device holds for each group room, with that room's facilitators and members from its signed
/// log. Each becomes one proposed ledger entry whose id is derived from its source, so taking it twice is impossible.
enum LedgerProposals {
    /// One fee a feature proposes.
    struct Fee {
        let id: LedgerEntryID
        let recipient: UInt64
        let cents: Int64
        let purpose: LedgerPurpose
        let title: String
        let date: Int64
    }

    /// The entry id of the fee for `account` from the meeting or consultation `source`: BLAKE2b-128 over
    /// "klankbord/ledger-proposal/1" || source event id || account u64.
    static func entryID(source: PayloadEvent.ID, account: UInt64) -> LedgerEntryID? {
        var w = WireWriter(capacity: 64)
        w.fixed(Array("klankbord/ledger-proposal/1".utf8))
        w.fixed(source.bytes)
        w.u64(account)
        return LedgerEntryID(BLAKE2b.hash(w.bytes, length: LedgerEntryID.length))
    }

    /// Every fee the meetings and consultations of this account's group rooms propose (the ledger room excluded).
    static func fees(_ run: Invocation, ledgerRoom: UInt64) throws(CommandFailure) -> [Fee] {
        let messenger = try run.messenger()
        guard case let .rooms(rooms) = try run.call(messenger.connection, .rooms) else { throw .client(.protocolViolation, server: nil) }
        var fees: [Fee] = []
        for room in rooms where room.kind == .group && room.id != ledgerRoom {
            let (facilitators, members) = try run.secure { () throws -> (Set<UInt64>, Set<UInt64>) in
                try messenger.catchUp(room.id)
                return (Set(try messenger.facilitators(of: room.id).map(\.account)), Set(try messenger.signedMembers(of: room.id).map(\.account)))
            }
            // Without a signed log nobody is a facilitator, so nothing is proposed from that room.
            guard !facilitators.isEmpty else { continue }
            var meetings = MeetingBook()
            for feature in messenger.featureEvents(in: room.id, prefix: "meeting.") {
                guard let event = try? MeetingEvent(payload: feature.event) else { continue }
                meetings.apply(event, from: feature.sender, at: Date(secondsSince1970: feature.time), facilitators: facilitators)
            }
            for fee in MeetingFees.proposals(in: meetings) {
                guard let id = entryID(source: fee.meeting, account: fee.account) else { continue }
                fees.append(Fee(id: id, recipient: fee.account, cents: fee.amountCents, purpose: .meeting, title: fee.title,
                                date: Int64(fee.start.timeIntervalSince1970)))
            }
            var consultations = ConsultationBook()
            for feature in messenger.featureEvents(in: room.id, prefix: "consultation.") {
                consultations.apply(feature.event, from: feature.sender, at: feature.time, facilitators: facilitators, members: members)
            }
            for (source, posed) in consultations.posed.sorted(by: { $0.value.at < $1.value.at }) {
                for fee in ConsultationFees.proposals(for: source, in: consultations) {
                    guard let id = entryID(source: source, account: fee.recipient) else { continue }
                    fees.append(Fee(id: id, recipient: fee.recipient, cents: fee.amountCents, purpose: .consultation, title: fee.title, date: posed.at))
                }
            }
        }
        return fees
    }

    /// Turns every fee not yet in the ledger into a proposed entry (paid in cash unless changed later), with a copy to
    /// its recipient. Returns how many were taken.
    static func take(_ book: inout LedgerBook, _ run: Invocation) throws(CommandFailure) -> Int {
        guard book.facilitatorIDs.contains(try run.messenger().account.id) else { return 0 }
        var people = LedgerPeople(run, messenger: try run.messenger())
        var taken = 0
        for fee in try fees(run, ledgerRoom: book.room.id) where book.state.entries[fee.id] == nil && fee.cents > 0 {
            guard let member = try people.member(fee.recipient) else { continue }
            let draft = LedgerEntryDraft(id: fee.id, recipient: fee.recipient, handle: member.handle, cents: fee.cents, purpose: fee.purpose,
                                         description: fee.title, method: .cash, date: fee.date)
            let event = try book.append(.created(draft), run)
            try people.sendCopy(event, recipient: fee.recipient, handle: member.handle)
            taken += 1
        }
        return taken
    }
}
