import Glibc

/// The interactive `chat`: live messages appear while you type; a line you type is sent; `/quit` stops.
enum ChatSession {
    /// Seconds between pings, so the server does not close an idle chat.
    static let keepAlive = 60.0

    static func run(_ run: Invocation, room reference: String) throws(CommandFailure) {
        let connection = try run.connect()
        let room = try run.room(named: reference, over: connection)
        let profile = try run.profile()
        _ = try run.call(connection, .subscribe)
        var lastSeq = profile.readSeq(room.id)
        for message in profile.history(room.id, limit: 20) { MessageCommands.show(message, run, withDate: true) }
        do {
            for event in try connection.events(in: room.id, after: lastSeq) { lastSeq = try show(event, run, profile, lastSeq) }
        } catch let error as ClientError {
            throw .client(error, server: nil)
        } catch {
            throw .profile(.unusable)
        }
        run.terminal.line(run.t("cli.chat.started", ["room": room.name]))
        var input: [UInt8] = []
        var lastPing = monotonicSeconds()
        while true {
            var fds = [pollfd(fd: 0, events: Int16(POLLIN), revents: 0), pollfd(fd: connection.fileDescriptor, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&fds, 2, 1000)
            if ready < 0 && errno != EINTR { break }
            do {
                while let push = try connection.nextPush(timeout: 0) { lastSeq = try handle(push, room: room, run, profile, lastSeq) }
                if fds[0].revents != 0 {
                    var chunk = [UInt8](repeating: 0, count: 4096)
                    let count = chunk.withMutablePointer { p, n in Glibc.read(0, p, n) }
                    if count <= 0 { break }
                    input += chunk[0..<count]
                    while let newline = input.firstIndex(of: UInt8(ascii: "\n")) {
                        let line = String(decoding: input[..<newline], as: UTF8.self).trimmingWhitespace
                        input.removeSubrange(...newline)
                        if line == "/quit" || line == "/q" { return }
                        // Your own line goes into the history; the read position moves only with what others sent.
                        if !line.isEmpty { try MessageCommands.deliver(line, to: room.id, over: connection, run) }
                    }
                }
                if monotonicSeconds() - lastPing > keepAlive {
                    _ = try connection.call(.ping)
                    lastPing = monotonicSeconds()
                }
            } catch let error as ClientError {
                throw .client(error, server: try? run.account().server)
            } catch {
                throw .profile(.unusable)
            }
        }
    }

    private static func handle(_ push: Push, room: RoomSummary, _ run: Invocation, _ profile: Profile, _ lastSeq: UInt64) throws -> UInt64 {
        switch push {
        case let .event(event) where event.room == room.id:
            return try show(event, run, profile, lastSeq)
        case let .membership(changed, _, handle, change) where changed == room.id:
            let sentence = switch change {
            case .joined: run.t("cli.chat.member_joined", ["handle": handle])
            case .left: run.t("cli.chat.member_left", ["handle": handle])
            case .removed: run.t("cli.chat.member_removed", ["handle": handle])
            }
            run.terminal.line(sentence)
        default:
            break
        }
        return lastSeq
    }

    /// Shows an event once (pushes and fetches may overlap), keeps it, and moves the read position.
    private static func show(_ event: EventRecord, _ run: Invocation, _ profile: Profile, _ lastSeq: UInt64) throws -> UInt64 {
        guard event.seq > lastSeq else { return lastSeq }
        let message = StoredMessage(room: event.room, seq: event.seq, sender: event.senderHandle, time: event.time, body: MessageBody(decoding: event.payload))
        if try profile.store(message) { MessageCommands.show(message, run, withDate: false) }
        try profile.setReadSeq(event.room, event.seq)
        return event.seq
    }
}
