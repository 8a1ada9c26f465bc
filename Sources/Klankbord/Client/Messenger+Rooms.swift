import FoundationEssentials
import KlankbordE2E
import KlankbordProtocol

extension Messenger {
    /// Encrypts `content` for everyone in `room`, sends it, and keeps it in this device's history.
    @discardableResult
    public func send(_ content: PayloadEvent.Content, to room: RoomSummary) throws -> UInt64 {
        let seq = try deliver(PayloadEvent(content: content).serialized(), to: room)
        try profile.store(StoredMessage(room: room.id, seq: seq, sender: account.handle, time: Int64(Date().timeIntervalSince1970), body: MessageBody(content)))
        return seq
    }

    /// Encrypts `plaintext` for everyone in `room` and sends it; returns the room's sequence number for it.
    func deliver(_ plaintext: [UInt8], to room: RoomSummary) throws -> UInt64 {
        guard case let .members(members) = try connection.call(.members(room: room.id)) else { throw ClientError.protocolViolation }
        let others = members.filter { $0.accountID != account.id }
        let payload: [UInt8]
        if room.kind == .direct {
            guard let peer = others.first else { throw ClientError.server(.notAMember) }
            payload = try sealForPerson(plaintext, to: peer.accountID, handle: peer.handle)
        } else {
            // Keys go only to members the signed log and the server both show (docs/TRUST.md); a room without a
            // held log (made before the logs, or reached without a welcome) still goes by the server's list.
            let recipients = try keyRecipients(room.id, serverMembers: members).map { Set($0.accounts) }
            payload = try sealForRoom(plaintext, room: room.id, members: others.filter { recipients?.contains($0.accountID) ?? true })
        }
        return try connection.send(payload: payload, to: room.id)
    }

    /// Sender keys: a new epoch whenever someone who had the key is gone; the key goes (once per epoch) to
    /// every member who lacks it, all in one inbox request. A member counts as having it only once the server
    /// stored their item, so someone whose inbox was full gets it with the next message.
    func sealForRoom(_ plaintext: [UInt8], room: UInt64, members: [MemberRecord]) throws -> [UInt8] {
        let present = Set(members.map(\.accountID))
        let saved = try profile.myChain(room)
        var (chain, sentTo) = saved ?? (SenderKeyChain(roomID: room, epoch: 1), [])
        if !sentTo.isSubset(of: present) {
            chain = SenderKeyChain(roomID: room, epoch: chain.epoch &+ 1)
            sentTo = []
        }
        if saved == nil || sentTo.isEmpty {
            // Saved before it is handed out: a distribution that fails halfway is retried with this same chain,
            // so an epoch number never stands for two different chains.
            try profile.saveChain(chain, sentTo: sentTo, room: room)
        }
        let missing = members.filter { !sentTo.contains($0.accountID) }
        if !missing.isEmpty {
            sentTo.formUnion(try distribute(chain.distribution, to: missing))
        }
        let message = try chain.encrypt(plaintext)
        // Saved before the message leaves, so a chain index is never used twice.
        try profile.saveChain(chain, sentTo: sentTo, room: room)
        return [Envelope.senderKey.rawValue] + message.serialized()
    }

    /// Sends a room key to each member over their one-to-one session.
    private func distribute(_ distribution: SenderKeyDistribution, to members: [MemberRecord]) throws -> Set<UInt64> {
        try deliver(control: [ControlMessage.senderKeyDistribution.rawValue] + distribution.serialized(), to: members)
    }

    /// Sends a control message to each member over their one-to-one session, into their inbox, fetching the bundles
    /// it needs in one request. Returns the members whose item the server stored; a member whose identity changed
    /// gets nothing (and the person is told) until the change is accepted.
    func deliver(control: [UInt8], to members: [MemberRecord]) throws -> Set<UInt64> {
        let needBundles = try members.filter { try profile.session(with: $0.accountID).current == nil }.map(\.accountID)
        var bundles: [UInt64: [UInt8]] = [:]
        // In parts: one answer is one Noise message (at most 64 KiB) and a bundle is about 300 bytes, so the first key
        // sent in a room of 250 members or more came back as "This message is too long" (found by bench W6).
        for start in stride(from: 0, to: needBundles.count, by: Self.bundlesPerRequest) {
            let part = Array(needBundles[start..<min(start + Self.bundlesPerRequest, needBundles.count)])
            guard case let .bundles(list) = try connection.call(.bundles(accounts: part, consume: true)) else { throw ClientError.protocolViolation }
            for entry in list { bundles[entry.account] = entry.bundle }
        }
        var delivered = Set<UInt64>()
        var batch: [InboxDelivery] = []
        var size = 0
        for member in members {
            // Someone who has not published keys yet cannot get the key now; they get it with the next message.
            if needBundles.contains(member.accountID) && bundles[member.accountID] == nil { continue }
            let sealed: [UInt8]
            do {
                sealed = try sealForPerson(control, to: member.accountID, handle: member.handle, bundle: bundles[member.accountID])
            } catch is IdentityRefusal {
                notices.append(.roomKeyWithheld(handle: member.handle))
                continue
            }
            if size + sealed.count > inboxBatchBytes, !batch.isEmpty {
                delivered.formUnion(try put(batch))
                batch = []
                size = 0
            }
            batch.append(InboxDelivery(recipient: member.accountID, payload: sealed))
            size += sealed.count + 16
        }
        if !batch.isEmpty { delivered.formUnion(try put(batch)) }
        return delivered
    }

    /// Accounts asked for in one `bundles` request: their answer stays well inside one Noise message.
    static let bundlesPerRequest = 100

    /// Puts a batch of inbox items and returns the recipients whose item was stored.
    private func put(_ batch: [InboxDelivery]) throws -> Set<UInt64> {
        guard case let .deliveries(statuses) = try connection.call(.inboxPutMany(batch)), statuses.count == batch.count else {
            throw ClientError.protocolViolation
        }
        return Set(zip(batch, statuses).filter { $0.1 == .delivered }.map(\.0.recipient))
    }

    /// Opens room events into messages for the history. Events whose key has not arrived are kept to try again;
    /// own messages (already in the history) and duplicates are skipped.
    public func open(_ events: [EventRecord]) throws -> [StoredMessage] {
        var opened: [StoredMessage] = []
        let blocked = profile.blockedHandles()
        for event in events where event.senderID != account.id && !profile.holdsFeatureEvent(event.room, seq: event.seq) {
            let maybeOpened: Opened?
            do {
                maybeOpened = try openPayload(event)
            } catch is IdentityRefusal {
                continue  // held until the person accepts the sender's new identity
            }
            guard let result = maybeOpened else {
                try profile.keepPending(event)
                continue
            }
            // A blocked person's one-to-one message is opened (so the session stays in step) and then refused:
            // it is never kept nor shown. Their room messages are kept, and hidden when shown.
            if profile.roomKind(event.room) == .direct, let handle = Handle(event.senderHandle), blocked.contains(handle.key) { continue }
            if let message = try keep(result, of: event) { opened.append(message) }
        }
        return opened
    }

    /// Tries the events of `room` that were waiting for their key again.
    public func retryPending(_ room: UInt64) throws -> [StoredMessage] {
        var opened: [StoredMessage] = []
        for event in profile.pendingEvents(room) {
            guard let result = try openPayload(event) else { continue }
            try profile.dropPending(room, event.seq)
            if let message = try keep(result, of: event) { opened.append(message) }
        }
        return opened.sorted { $0.seq < $1.seq }
    }

    /// What an opened room event is: a line of the history, or a feature event (kept apart from it).
    private enum Opened {
        case message(MessageBody)
        case feature(PayloadEvent)
    }

    /// Keeps an opened event; returns the message when it is a new line of the history.
    private func keep(_ opened: Opened, of event: EventRecord) throws -> StoredMessage? {
        switch opened {
        case let .message(body):
            // Only a facilitator (by the signed roster) changes a room's rules; anyone else's "rules" cannot be shown as such.
            var shown = body
            switch body {
            case .rules where profile.roomKind(event.room) == .direct:
                break  // either person in a thread sets its timer
            case .rules, .announcement:
                if try syncedRoster().roster().role(of: event.senderID) != .facilitator { shown = .unsupported }
            default: break
            }
            let message = StoredMessage(room: event.room, seq: event.seq, sender: event.senderHandle, time: event.time, body: shown)
            return try profile.store(message) ? message : nil
        case let .feature(payload):
            try profile.store(FeatureEvent(room: event.room, sender: event.senderID, senderHandle: event.senderHandle,
                                           time: event.time, seq: event.seq, event: payload))
            return nil
        }
    }

    /// What one event holds; nil when its key has not arrived yet.
    private func openPayload(_ event: EventRecord) throws -> Opened? {
        guard let first = event.payload.first, let envelope = Envelope(rawValue: first) else { return .message(.unsupported) }
        let rest = event.payload.dropFirst()
        do {
            let plaintext: [UInt8]
            switch envelope {
            case .senderKey:
                let message = try SenderKeyMessage(serialized: Array(rest))
                guard var receiver = profile.receiver(room: event.room, sender: event.senderID, epoch: message.epoch) else { return nil }
                let opened = try receiver.decryptKeepingKey(message)
                plaintext = opened.plaintext
                try profile.saveReceiver(receiver, sender: event.senderID)
                // Kept so this message can be reported to the facilitators with proof of who wrote it.
                try profile.keepProof(room: event.room, seq: event.seq, sender: event.senderID, message: Array(rest), messageKey: opened.messageKey)
            case .session:
                // Only in a one-to-one room: in a group, a session message would pass one person's words off
                // as the room's (and the server refuses it there too).
                guard profile.roomKind(event.room) == .direct else { return .message(.unreadable) }
                plaintext = try openFromPerson(rest, sender: event.senderID, handle: event.senderHandle, item: .event(event))
            }
            let payload = try PayloadEvent(serialized: plaintext)
            return FeatureEvent.isFeature(payload.type) ? .feature(payload) : .message(MessageBody(payload.content))
        } catch E2EError.unknownEpoch {
            return nil
        } catch E2EError.unsupportedVersion {
            return .message(.unsupported)
        } catch is E2EError {
            return .message(.unreadable)
        }
    }

    /// Reads and opens every inbox item (room keys, for now), then acknowledges them so the server deletes them.
    public func processInbox() throws {
        while true {
            guard case let .inboxItems(items) = try connection.call(.inboxFetch(limit: 200)) else { throw ClientError.protocolViolation }
            if items.isEmpty { return }
            for item in items { try handle(item) }
            _ = try connection.call(.inboxAck(ids: items.map(\.id)))
            if items.count < 200 { return }
        }
    }

    /// Opens one inbox item: a room key, or a private feature event. Items that cannot be opened are dropped:
    /// they can never be opened later either.
    public func handle(_ item: InboxItem) throws {
        guard item.payload.first == Envelope.session.rawValue,
              let plaintext = try? openFromPerson(item.payload.dropFirst(), sender: item.senderID, handle: item.senderHandle, item: .inbox(item))
        else { return }
        if let control = PrivateEventControl(plaintext) {
            try profile.store(FeatureEvent(room: control.room, sender: item.senderID, senderHandle: item.senderHandle,
                                           time: item.time, seq: nil, event: control.event))
            return
        }
        if plaintext.first == ControlMessage.report.rawValue { return try receiveReport(plaintext.dropFirst(), from: item.senderHandle) }
        if plaintext.first == ControlMessage.readConfirmation.rawValue { return try receiveConfirmation(plaintext.dropFirst(), from: item.senderHandle) }
        guard plaintext.first == ControlMessage.senderKeyDistribution.rawValue,
              let distribution = try? SenderKeyDistribution(serialized: Array(plaintext.dropFirst())) else { return }
        // A key already held for that epoch is kept: a repeated distribution must not rewind it.
        guard profile.receiver(room: distribution.roomID, sender: item.senderID, epoch: distribution.epoch) == nil else { return }
        try profile.saveReceiver(SenderKeyReceiver(distribution: distribution), sender: item.senderID)
    }
}
