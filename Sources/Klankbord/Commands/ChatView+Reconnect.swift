import FoundationEssentials
import KlankbordClient
import KlankbordLocalization
import KlankbordProtocol
import KlankbordSystem

/// The chat's side of the connection: pushes, catching up, and reconnecting with backoff when the server goes away.
extension ChatView {
    /// Runs `body` with the connection. When the connection is lost, the chat says so once and keeps going
    /// (typed text stays); any other failure ends the chat with its sentence, as every command does.
    func live(_ body: (Messenger) throws -> Void) throws(CommandFailure) {
        guard let messenger else { return }
        do {
            try run.secure { try body(messenger) }
        } catch .client(let error, _) where error.meansConnectionLost {
            lost(restarting: error == .server(.serverRestarting))
        }
    }

    /// Forgets the broken connection and plans the first new try. A server that said it is restarting is
    /// named as such, so the person knows nobody needs to do anything.
    private func lost(restarting: Bool = false) {
        messenger = nil
        if !offline {
            offline = true
            say(restarting ? L10nKey("cli.chat.server_restarting") : L10nKey("cli.chat.disconnected"))
        }
        retryAt = monotonicSeconds() + backoff.delay()
    }

    /// One try to connect again; on success, everything missed is shown (once) and the chat says it is back.
    func reconnect() throws(CommandFailure) {
        do {
            messenger = Messenger(profile: profile, connection: try run.connect(), account: account)
        } catch .client(let error, _) where error.meansConnectionLost {
            // The server's computer refused: the person's internet works, which the first line could not know yet.
            if error == .serverDown && !toldServerDown {
                toldServerDown = true
                say(L10nKey("error.client.server_down"), ["server": account.server.description])
            }
            retryAt = monotonicSeconds() + backoff.delay()
            return
        }
        try live { try self.catchUp($0) }
        guard messenger != nil else { return }
        backoff.reset()
        lastPing = monotonicSeconds()
        toldServerDown = false
        if offline {
            offline = false
            say(L10nKey("cli.chat.reconnected"))
        }
    }

    /// Subscribes first and fetches after: a message sent in between comes both ways and is shown once.
    func catchUp(_ messenger: Messenger) throws {
        // Only a restored server (see `Profile.adopt`) moves the read cursor back: read again from there.
        let kept = profile.readSeq(room.id)
        if kept < cursor {
            cursor = kept
            shown = shown.filter { $0 <= kept }
        }
        _ = try messenger.connection.call(.subscribe)
        try messenger.processInbox()
        // The signed room log: who joined, left or was removed since last time, and any account the server lists
        // that nobody invited (it gets no room key; the person is told).
        if room.kind == .group { try messenger.checkMembers(of: room.id) }
        let changes = try messenger.unseenLogEvents(room.id)
        if !changes.isEmpty { screen.above(typed: editor.text) { for change in changes { MessageCommands.show(change, room: self.room.id, self.run) } } }
        show(try messenger.retryPending(room.id))
        try take(try messenger.connection.events(in: room.id, after: cursor), messenger)
        try messenger.publishKeys()
        showNotices(messenger)
    }

    /// Shows the room's new events. One already kept by another window of this profile is shown from the history.
    func take(_ events: [EventRecord], _ messenger: Messenger) throws {
        for event in events {
            if !shown.contains(event.seq) {
                let opened = try messenger.openOrRecall([event])
                if opened.isEmpty && event.senderID == account.id {
                    awaitingOwn.append((event, monotonicSeconds() + Self.ownMessageWait))
                }
                show(opened)
            }
            cursor = max(cursor, event.seq)
        }
        if cursor > profile.readSeq(room.id) { try profile.setReadSeq(room.id, cursor) }
    }

    /// Shows own messages that another window sent once they are in the shared history.
    func recallOwnMessages() {
        guard !awaitingOwn.isEmpty else { return }
        let now = monotonicSeconds()
        var still: [(event: EventRecord, until: Double)] = []
        for entry in awaitingOwn {
            if let kept = profile.storedMessage(entry.event.room, seq: entry.event.seq) {
                show([kept])
            } else if now < entry.until {
                still.append(entry)
            }
        }
        awaitingOwn = still
    }

    /// One push: a room event, a key in the inbox, or someone joining or leaving.
    func handle(_ push: Push, _ messenger: Messenger) throws {
        switch push {
        case let .event(event) where event.room == room.id:
            try take([event], messenger)
        case let .inboxItem(item):
            try messenger.handle(item)
            _ = try messenger.connection.call(.inboxAck(ids: [item.id]))
            show(try messenger.retryPending(room.id))
        case let .membership(changed, _, rawHandle, change) where changed == room.id:
            let handle = TerminalText.inline(rawHandle)
            switch change {
            case .joined: say(L10nKey("cli.chat.member_joined"), ["handle": handle])
            case .left: say(L10nKey("cli.chat.member_left"), ["handle": handle])
            case .removed: say(L10nKey("cli.chat.member_removed"), ["handle": handle])
            }
        default:
            break
        }
        showNotices(messenger)
    }

    /// New sessions and changed security codes, inline.
    func showNotices(_ messenger: Messenger) {
        guard !messenger.notices.isEmpty else { return }
        screen.above(typed: editor.text) { run.showNotices(messenger) }
    }
}

extension ClientError {
    /// Failures that a new connection may cure (the server restarted, the network came back).
    var meansConnectionLost: Bool {
        switch self {
        case .cannotReachServer, .serverDown, .timedOut, .protocolViolation, .handshakeFailed: true
        // The daemon said it is stopping (SIGTERM): it will be back, so reconnect like after a lost connection.
        case .server(.serverRestarting): true
        case .server, .unsupportedVersion: false
        }
    }
}
