import FoundationEssentials
import KlankbordClient
import KlankbordConsultations
import KlankbordE2E
import KlankbordLocalization
import KlankbordProtocol
import KlankbordTrust

/// One room's consultations as this device knows them: every `consultation.*` event it holds, reduced with the
/// facilitators and members of the room's signed log (never the server's lists, docs/TRUST.md).
struct ConsultRoom {
    let room: RoomSummary
    /// This device's account.
    let me: UInt64
    let book: ConsultationBook
    /// From the signed room log and roster; empty without a held log, so nobody is trusted then.
    let facilitators: [LogMember]
    let members: [LogMember]
    let events: [FeatureEvent]

    var facilitatorIDs: Set<UInt64> { Set(facilitators.map(\.account)) }
    var memberIDs: Set<UInt64> { Set(members.map(\.account)) }
    var isFacilitator: Bool { facilitatorIDs.contains(me) }

    /// Catches up on `room` (without moving the read cursor) and reduces what this device holds.
    static func load(_ room: RoomSummary, _ messenger: Messenger) throws -> ConsultRoom {
        try messenger.catchUp(room.id)
        return make(room, try messenger.signedRoom(of: room.id), messenger)
    }

    /// `load` for every room of `consult list`: caught up together, so the inbox and the roster are read once and
    /// only rooms with new events are asked for them.
    static func loadAll(_ rooms: [RoomSummary], _ messenger: Messenger) throws -> [ConsultRoom] {
        try messenger.catchUp(rooms)
        return zip(rooms, try messenger.signedRooms(of: rooms.map(\.id))).map { make($0, $1, messenger) }
    }

    /// Reduces what this device holds of `room` with the facilitators and members of its signed log.
    private static func make(_ room: RoomSummary, _ signed: SignedRoomTrust, _ messenger: Messenger) -> ConsultRoom {
        let (facilitators, members) = (signed.facilitators, signed.members)
        let events = messenger.featureEvents(in: room.id, prefix: "consultation.")
        var book = ConsultationBook()
        let (facilitatorIDs, memberIDs) = (Set(facilitators.map(\.account)), Set(members.map(\.account)))
        for event in events {
            book.apply(event.event, from: event.sender, at: event.time, facilitators: facilitatorIDs, members: memberIDs)
        }
        return ConsultRoom(room: room, me: messenger.account.id, book: book, facilitators: facilitators, members: members, events: events)
    }

    /// The handle the signed log gives `account`, or nil.
    func handle(of account: UInt64) -> String? {
        members.first { $0.account == account }?.handle
    }

    /// The reference this account chose with its first answer to `consultation`, from the events it sent itself.
    func ownReference(_ consultation: PayloadEvent.ID) -> PayloadEvent.ID? {
        for event in events where event.sender == me {
            switch try? event.event.consultation() {
            case .answered(let id, let reference, _), .changed(let id, let reference, _), .withdrawn(let id, let reference):
                if id == consultation { return reference }
            default: continue
            }
        }
        return nil
    }

    /// When this account last sent an answer, change or withdrawal for `consultation` (seconds since 1970, UTC).
    func lastOwnAnswerTime(_ consultation: PayloadEvent.ID) -> Int64? {
        events.filter { event in
            guard event.sender == me, let decoded = try? event.event.consultation() else { return false }
            return decoded.consultation == consultation && !decoded.isFacilitatorOnly
        }.map(\.time).max()
    }

    /// The members reminded of `consultation`, by a facilitator of the signed log.
    func reminded(_ consultation: PayloadEvent.ID) -> Set<UInt64> {
        Set(events.filter { facilitatorIDs.contains($0.sender) }.compactMap(ConsultationReminderView.init).filter {
            $0.reminder.consultation == consultation
        }.map(\.reminder.recipient))
    }

    /// Whether `consultation` is still open for answers at `now`.
    func isOpen(_ consultation: PayloadEvent.ID, now: Int64) -> Bool {
        book.deadline(of: consultation).map { now <= $0 } ?? false
    }
}

/// A reminder as read from a feature event.
struct ConsultationReminderView {
    let reminder: ConsultationReminder

    init?(_ event: FeatureEvent) {
        guard let reminder = ConsultationReminder(event.event) else { return nil }
        self.reminder = reminder
    }
}

extension ConsultationError {
    /// What the person is told, as a command failure (exit code 2: the request was refused).
    func failure(_ t: Localizer) -> CommandFailure {
        switch self {
        case .unknownConsultation: .message(L10nKey("consult.error.unknown"), exitCode: 2)
        case .answerAfterDeadline: .message(L10nKey("consult.error.answer_late"), exitCode: 2)
        case .notAMember: .message(L10nKey("consult.error.not_a_member"), exitCode: 2)
        case .unknownOption(let option): .message(L10nKey("consult.error.unknown_option"), ["option": String(option)], exitCode: 1)
        case .emptyAnswer: .message(L10nKey("consult.error.empty_answer"), exitCode: 1)
        case .reportBeforeDeadline(let deadline):
            .message(L10nKey("consult.error.report_too_early"), ["deadline": t.dateTime(Date(secondsSince1970: deadline))], exitCode: 2)
        case .notYourConsultation: .message(L10nKey("consult.error.not_yours"), exitCode: 2)
        case .tooFewRespondents(let count, let minimum):
            .message(L10nKey("consult.error.too_few"), ["count": String(count), "minimum": String(minimum)], exitCode: 2)
        case .explanationNeeded: .message(L10nKey("consult.error.explanation_needed"), exitCode: 1)
        }
    }
}
