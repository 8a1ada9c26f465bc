import KlankbordCrypto
import KlankbordE2E
import KlankbordProtocol

/// Why a message could not be reported; the CLI says each in a sentence.
public enum ReportRefusal: Error, Equatable, Sendable {
    /// No message with that number on this device (a wrong number, or it was deleted or disappeared).
    case noSuchMessage
    case ownMessage
    /// This device kept no proof of who wrote it (it came before this version).
    case noProof
    /// The room has no facilitator besides the reporter.
    case noFacilitators
}

// A report travels as a one-to-one session message in the inbox, control byte 0x12 (`ReportControl`, InboxControl.swift).
// The facilitator's device checks the signature with the sender's chain signing key it holds itself, and opens the
// message with the key: the text it shows is the sender's, never the reporter's.

extension Messenger {
    /// Sends message `seq` of `room`, its sender, time and `note` to each facilitator of the room (role from the signed
    /// roster; member of the signed log and the server's list), over their one-to-one sessions. Returns their handles.
    public func report(seq: UInt64, in room: RoomSummary, note: String) throws -> [String] {
        guard let message = profile.storedMessage(room.id, seq: seq) else { throw ReportRefusal.noSuchMessage }
        guard message.sender != account.handle else { throw ReportRefusal.ownMessage }
        guard let proof = profile.proof(room: room.id, seq: seq) else { throw ReportRefusal.noProof }
        guard case let .members(members) = try connection.call(.members(room: room.id)) else { throw ClientError.protocolViolation }
        let inLog = try keyRecipients(room.id, serverMembers: members).map { Set($0.accounts) }
        let roster = try syncedRoster().roster()
        let facilitators = members.filter {
            $0.accountID != account.id && roster.role(of: $0.accountID) == .facilitator && (inLog?.contains($0.accountID) ?? true)
        }
        guard !facilitators.isEmpty else { throw ReportRefusal.noFacilitators }
        let control = ReportControl(room: room.id, seq: seq, sender: proof.sender, senderHandle: message.sender, time: message.time,
                                    note: note, message: proof.message, messageKey: proof.messageKey).serialized()
        var batch: [InboxDelivery] = []
        for facilitator in facilitators {
            batch.append(InboxDelivery(recipient: facilitator.accountID, payload: try sealForPerson(control, to: facilitator.accountID, handle: facilitator.handle)))
        }
        guard case let .deliveries(statuses) = try connection.call(.inboxPutMany(batch)), statuses.count == batch.count else {
            throw ClientError.protocolViolation
        }
        return zip(facilitators, statuses).filter { $0.1 == .delivered }.map(\.0.handle)
    }

    /// Checks a report and keeps it. One that does not open under the sender's own signature is kept only as
    /// "rejected", without its words: a member cannot put words in someone else's mouth.
    func receiveReport(_ body: ArraySlice<UInt8>, from reporter: String) throws {
        guard let report = ReportControl(body: body) else { return }
        var text = ""
        var verified = false
        if let message = try? SenderKeyMessage(serialized: report.message),
           let receiver = profile.receiver(room: report.room, sender: report.sender, epoch: message.epoch),
           let plaintext = try? message.openReported(roomID: report.room, signingKey: receiver.signingKey, messageKey: report.messageKey),
           let event = try? PayloadEvent(serialized: plaintext), case let .text(words) = MessageBody(event.content) {
            text = words
            verified = true
        }
        // The sender's name as this device knows that account, not as the reporter wrote it.
        let name = verified ? profile.pin(report.sender)?.handle ?? report.senderHandle : report.senderHandle
        try profile.keep(ReceivedReport(reporter: reporter, room: report.room, seq: report.seq, sender: name, time: report.time, text: text,
                                        note: report.note, verified: verified))
    }
}
