import FoundationEssentials

import Glibc
import KlankbordClient
import KlankbordLocalization
import KlankbordProtocol
import KlankbordSystem

/// One running `chat`: reads keys, shows live messages above the input line, sends what is typed, and when the
/// connection drops keeps the typed text and reconnects by itself (see `ChatView+Reconnect.swift`).
final class ChatView {
    /// The longest text sent in one message, in UTF-8 bytes: the server's default event limit (16,384 bytes)
    /// less room for the envelope, which is largest for the first one-to-one message (it carries the key agreement).
    static let textLimit = 16_384 - 512
    /// Seconds between pings, so the server does not close an idle chat.
    static let keepAlive = 60.0
    /// How long a message sent by another window of this profile may take to reach the shared history.
    static let ownMessageWait = 10.0

    let run: Invocation
    let room: RoomSummary
    let profile: Profile
    let account: Profile.Account
    let screen: ChatScreen
    /// Nil while the connection is down.
    var messenger: Messenger?
    var editor = LineEditor()
    /// The highest sequence number handled: catching up starts after it, so nothing is missed or shown twice.
    var cursor: UInt64
    /// Sequence numbers already on the screen.
    var shown: Set<UInt64> = []
    /// Own messages another window sent: shown once that window has kept them in the history.
    var awaitingOwn: [(event: EventRecord, until: Double)] = []
    var backoff = Backoff()
    var retryAt = 0.0
    var offline = false
    /// Whether this time away the chat said the server is down (not the internet), so it says it once.
    var toldServerDown = false
    var lastPing = monotonicSeconds()
    /// Senders whose messages this chat showed already (each is checked once for a changed security code).
    /// Bytes typed into a pipe that do not yet end in a line break.
    private var pipedInput: [UInt8] = []

    init(_ run: Invocation, room: RoomSummary, messenger: Messenger, screen: ChatScreen) throws(CommandFailure) {
        self.run = run
        self.room = room
        self.messenger = messenger
        self.screen = screen
        profile = try run.profile()
        account = try run.account()
        cursor = profile.readSeq(room.id)
        run.onServerRestored = { [weak self] in self?.say(L10nKey("cli.server.restored")) }
    }

    /// The recent history, what came in since the last visit, then keys and messages until the person leaves.
    func start() throws(CommandFailure) {
        let recent = profile.history(room.id, limit: 20)
        for message in recent { MessageCommands.show(message, run, withDate: true) }
        shown.formUnion(recent.map(\.seq))
        try live { try self.catchUp($0) }
        if room.kind == .direct {
            say(L10nKey("cli.chat.started_direct"), ["handle": TerminalText.inline(room.name)])
        } else {
            say(L10nKey("cli.chat.started"), ["room": TerminalText.inline(room.name)])
        }
    }

    /// Waits for keys and pushes until `/quit`, Ctrl-C, Ctrl-D (empty line) or the end of input.
    func loop() throws(CommandFailure) {
        while true {
            var fds = [pollfd(fd: 0, events: Int16(POLLIN), revents: 0)]
            if let messenger { fds.append(pollfd(fd: messenger.connection.fileDescriptor, events: Int16(POLLIN), revents: 0)) }
            let wait = messenger == nil ? max(0, retryAt - monotonicSeconds()) : (awaitingOwn.isEmpty ? 1 : 0.1)
            let ready = poll(&fds, nfds_t(fds.count), Int32(min(wait, 1) * 1000))
            // A resized window (SIGWINCH, noted even while the chat was busy) draws the input line at the new width.
            if RawTerminal.takeResize() { screen.redraw(typed: editor.text) }
            if ready < 0 {
                guard errno == EINTR else { return }
                continue
            }
            if fds[0].revents != 0, try keyboard() { return }
            try live { messenger in
                while let push = try messenger.connection.nextPush(timeout: 0) { try self.handle(push, messenger) }
                if monotonicSeconds() - self.lastPing > Self.keepAlive {
                    _ = try messenger.connection.call(.ping)
                    self.lastPing = monotonicSeconds()
                }
            }
            recallOwnMessages()
            if messenger == nil, monotonicSeconds() >= retryAt { try reconnect() }
        }
    }

    /// Reads what arrived on standard input; true when the person leaves.
    private func keyboard() throws(CommandFailure) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let count = chunk.withMutablePointer { p, n in Glibc.read(0, p, n) }
        if count < 0 { return errno != EINTR && errno != EAGAIN }
        if count == 0 { return true }
        let bytes = Array(chunk[..<count])
        guard screen.drawsInput else {
            // A pipe (a script, a test): one line is one message, as before.
            pipedInput += bytes
            while let newline = pipedInput.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: pipedInput[..<newline], as: UTF8.self)
                pipedInput.removeSubrange(...newline)
                if try submit(line) { return true }
            }
            return false
        }
        for action in editor.feed(bytes) {
            switch action {
            case .quit: return true
            case let .submit(line): if try submit(line) { return true }
            }
        }
        screen.redraw(typed: editor.text)
        return false
    }

    /// A line the person finished with Enter: a slash command, or a message. True when it asks to leave.
    private func submit(_ line: String) throws(CommandFailure) -> Bool {
        let trimmed = line.trimmingWhitespace
        guard !trimmed.isEmpty else { return false }
        if let command = SlashCommand(trimmed) {
            switch command {
            case .quit: return true
            case .help: say(L10nKey("cli.chat.help"))
            case .who: try who()
            case let .unknown(word): say(L10nKey("cli.chat.unknown_command"), ["command": TerminalText.inline(word)])
            }
            return false
        }
        let text = SlashCommand.message(from: trimmed)
        guard text.utf8.count <= Self.textLimit else {
            editor.restore(line)
            say(L10nKey("cli.chat.too_long"), ["count": String(text.utf8.count), "limit": String(Self.textLimit)])
            return false
        }
        guard messenger != nil else {
            editor.restore(line)
            say(L10nKey("cli.chat.not_connected"))
            return false
        }
        var sent: UInt64?
        try live { messenger in sent = try messenger.send(.text(text), to: self.room) }
        guard let sent else {
            // The connection dropped while sending: the text waits on the input line.
            editor.restore(line)
            return false
        }
        shown.insert(sent)
        let own = StoredMessage(room: room.id, seq: sent, sender: account.handle, time: Int64(Date().timeIntervalSince1970),
                                body: .text(run.t("cli.chat.delivered", ["text": text])))
        screen.above(typed: editor.text) { MessageCommands.show(own, run, withDate: false) }
        return false
    }

    /// `/who`: the handles of the people in this room.
    private func who() throws(CommandFailure) {
        guard messenger != nil else { return say(L10nKey("cli.chat.not_connected")) }
        var handles: [String] = []
        try live { messenger in
            guard case let .members(members) = try messenger.connection.call(.members(room: self.room.id)) else { throw ClientError.protocolViolation }
            handles = members.map { TerminalText.inline($0.handle) }
        }
        if !handles.isEmpty { say(L10nKey("cli.chat.who"), ["handles": handles.joined(separator: ", ")]) }
    }

    /// Prints one sentence from the catalog above the input line.
    func say(_ key: L10nKey, _ values: [String: String] = [:]) {
        screen.above(typed: editor.text) { run.terminal.line(run.t(key, values)) }
    }

    /// Shows messages not on the screen yet, above the input line.
    func show(_ messages: [StoredMessage]) {
        let fresh = messages.filter { !shown.contains($0.seq) }
        guard !fresh.isEmpty else { return }
        shown.formUnion(fresh.map(\.seq))
        // A changed security code never reaches this list: such messages are held, and the notice says so (showNotices).
        screen.above(typed: editor.text) {
            for message in fresh { MessageCommands.show(message, run, withDate: false) }
        }
    }

    /// Leaves the terminal tidy: the input line erased, so the shell's prompt starts on a clean line.
    func finish() {
        screen.eraseInput()
    }
}
