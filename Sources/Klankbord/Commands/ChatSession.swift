import Glibc

/// The interactive `chat`: live messages appear while you type; a line you type is sent; `/quit` stops.
enum ChatSession {
    /// Seconds between pings, so the server does not close an idle chat.
    static let keepAlive = 60.0

    static func run(_ run: Invocation, room reference: String) throws(CommandFailure) {
        let messenger = try run.messenger()
        let connection = messenger.connection
        let room = try run.room(named: reference, over: connection, opening: true)
        let profile = try run.profile()
        _ = try run.call(connection, .subscribe)
        for message in profile.history(room.id, limit: 20) { MessageCommands.show(message, run, withDate: true) }
        try run.secure {
            try messenger.processInbox()
            if room.kind == .group { try messenger.checkMembers(of: room.id) }
            for change in try messenger.unseenLogEvents(room.id) { MessageCommands.show(change, room: room.id, run) }
            show(try messenger.retryPending(room.id), run)
            let events = try connection.events(in: room.id, after: profile.readSeq(room.id))
            show(try messenger.open(events), run)
            if let last = events.last { try profile.setReadSeq(room.id, last.seq) }
            try messenger.publishKeys()
        }
        run.showNotices(messenger)
        run.terminal.line(run.t("cli.chat.started", ["room": TerminalText.inline(room.name)]))
        var input: [UInt8] = []
        var lastPing = monotonicSeconds()
        while true {
            var fds = [pollfd(fd: 0, events: Int16(POLLIN), revents: 0), pollfd(fd: connection.fileDescriptor, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&fds, 2, 1000)
            if ready < 0 && errno != EINTR { break }
            let stop = try run.secure { () throws -> Bool in
                while let push = try connection.nextPush(timeout: 0) { try handle(push, room: room, messenger, run) }
                if fds[0].revents != 0 {
                    var chunk = [UInt8](repeating: 0, count: 4096)
                    let count = chunk.withMutablePointer { p, n in Glibc.read(0, p, n) }
                    if count <= 0 { return true }
                    input += chunk[0..<count]
                    while let newline = input.firstIndex(of: UInt8(ascii: "\n")) {
                        let line = String(decoding: input[..<newline], as: UTF8.self).trimmingWhitespace
                        input.removeSubrange(...newline)
                        if line == "/quit" || line == "/q" { return true }
                        if !line.isEmpty { try messenger.send(.text(line), to: room) }
                    }
                }
                if monotonicSeconds() - lastPing > keepAlive {
                    _ = try connection.call(.ping)
                    lastPing = monotonicSeconds()
                }
                return false
            }
            run.showNotices(messenger)
            if stop { return }
        }
    }

    private static func handle(_ push: Push, room: RoomSummary, _ messenger: Messenger, _ run: Invocation) throws {
        switch push {
        case let .event(event) where event.room == room.id:
            show(try messenger.open([event]), run)
            try messenger.profile.setReadSeq(room.id, event.seq)
        case let .inboxItem(item):
            try messenger.handle(item)
            _ = try messenger.connection.call(.inboxAck(ids: [item.id]))
            show(try messenger.retryPending(room.id), run)
        case let .membership(changed, _, rawHandle, change) where changed == room.id:
            let handle = TerminalText.inline(rawHandle)
            let sentence = switch change {
            case .joined: run.t("cli.chat.member_joined", ["handle": handle])
            case .left: run.t("cli.chat.member_left", ["handle": handle])
            case .removed: run.t("cli.chat.member_removed", ["handle": handle])
            }
            run.terminal.line(sentence)
        default:
            break
        }
    }

    private static func show(_ messages: [StoredMessage], _ run: Invocation) {
        for message in messages { MessageCommands.show(message, run, withDate: false) }
    }
}
