import FoundationEssentials
import KlankbordClient
import KlankbordLocalization
import KlankbordProtocol

/// `room rules <room>`: shows a group room's rules, and lets a facilitator set slow mode, announcement-only and
/// disappearing messages. The server enforces them (docs/SECURITY.md).
enum RoomRulesCommands {
    static func rules(_ run: Invocation) throws(CommandFailure) {
        let reference = try run.word(0, L10nKey("cli.what.room"), command: "room rules")
        let messenger = try run.messenger()
        let connection = messenger.connection
        let room = try run.room(named: reference, over: connection)
        let current = try settings(of: room.id, connection, run).settings
        guard let wanted = try changes(to: current, run) else {
            return show(current, room: room, run)
        }
        // A private conversation has only a disappearing timer, which either person sets.
        if room.kind == .direct, wanted.slowSeconds > 0 || wanted.announceOnly { throw .message(L10nKey("cli.rules.not_group"), exitCode: 1) }
        do {
            _ = try connection.call(.roomSettingsSet(room: room.id, wanted))
        } catch .server(.forbidden) {
            throw .message(L10nKey("cli.rules.facilitators_only"), exitCode: 2)
        } catch .server(.limitReached) {
            throw .message(L10nKey("cli.rules.server_limit"), exitCode: 2)
        } catch {
            throw .client(error, server: try? run.account().server)
        }
        // Every member sees the change at its place among the messages, signed by the facilitator who made it.
        try run.secure {
            try messenger.send(.unsupported(type: MessageBody.rulesType, raw: wanted.bytes), to: room)
            try run.profile().rememberTimer(wanted.disappearSeconds, of: room.id)
        }
        run.showNotices(messenger)
        if !run.json { run.terminal.line(run.t("cli.rules.changed", ["room": TerminalText.inline(room.name)])) }
        show(wanted, room: room, run)
    }

    /// The room's rules and the caller's wait, from the server.
    static func settings(of room: UInt64, _ connection: ClientConnection, _ run: Invocation) throws(CommandFailure) -> (settings: RoomSettings, waitSeconds: UInt32) {
        do {
            return try connection.roomSettings(room)
        } catch {
            throw .client(error, server: try? run.account().server)
        }
    }

    /// The rules after the options `--slow`, `--announce` and `--disappear`; nil when none was given.
    private static func changes(to current: RoomSettings, _ run: Invocation) throws(CommandFailure) -> RoomSettings? {
        var wanted = current
        var changed = false
        if let slow = run.arguments.value("slow") {
            wanted.slowSeconds = try duration(slow, option: "--slow", max: RoomSettings.maxSlowSeconds, run)
            changed = true
        }
        if let disappear = run.arguments.value("disappear") {
            wanted.disappearSeconds = try duration(disappear, option: "--disappear", max: RoomSettings.maxDisappearSeconds, run)
            changed = true
        }
        if let announce = run.arguments.value("announce") {
            switch announce.lowercased() {
            case "on": wanted.announceOnly = true
            case "off": wanted.announceOnly = false
            default: throw .message(L10nKey("cli.rules.bad_switch"), ["option": "--announce"], exitCode: 1)
            }
            changed = true
        }
        return changed ? wanted : nil
    }

    /// Seconds for `off` (0) or a positive time up to `max`; zero, negative or unreadable times get a sentence.
    private static func duration(_ text: String, option: String, max: UInt32, _ run: Invocation) throws(CommandFailure) -> UInt32 {
        if text.lowercased() == "off" { return 0 }
        guard let seconds = DurationText.seconds(text), seconds <= max else {
            throw .message(L10nKey("cli.rules.bad_time"), ["option": option, "max": DurationText.shown(max, run.t)], exitCode: 1)
        }
        return seconds
    }

    /// Prints the rules, one line each (or one JSON object).
    static func show(_ settings: RoomSettings, room: RoomSummary, _ run: Invocation) {
        if run.json {
            return run.terminal.line(JSONText.object([("room", .unsigned(room.id)), ("slow_seconds", .unsigned(UInt64(settings.slowSeconds))),
                                                      ("announce_only", .bool(settings.announceOnly)),
                                                      ("disappear_seconds", .unsigned(UInt64(settings.disappearSeconds)))]))
        }
        let lines = describe(settings, run.t)
        if lines.isEmpty { return run.terminal.line(run.t("cli.rules.none")) }
        for line in lines { run.terminal.line(line) }
    }

    /// One sentence per rule that is on; empty for a room without rules.
    static func describe(_ settings: RoomSettings, _ t: Localizer) -> [String] {
        var lines: [String] = []
        if settings.announceOnly { lines.append(t("cli.rules.announce")) }
        if settings.slowSeconds > 0 { lines.append(t("cli.rules.slow", ["interval": DurationText.shown(settings.slowSeconds, t)])) }
        if settings.disappearSeconds > 0 { lines.append(t("cli.rules.disappear", ["interval": DurationText.shown(settings.disappearSeconds, t)])) }
        return lines
    }

    /// All rules in one line (for the change shown among the messages).
    static func summary(_ settings: RoomSettings, _ t: Localizer) -> String {
        let lines = describe(settings, t)
        return lines.isEmpty ? t("cli.rules.none") : lines.joined(separator: " ")
    }

    /// Turns the server's refusal of a message into a sentence with what to do: for slow mode, the time left.
    static func explain(_ failure: CommandFailure, room: UInt64, _ connection: ClientConnection, _ run: Invocation) -> CommandFailure {
        guard case let .client(.server(code), _) = failure else { return failure }
        switch code {
        case .announcementOnly:
            return .message(L10nKey("error.server.announcement_only"), exitCode: 2)
        case .slowMode:
            let wait = (try? connection.roomSettings(room).waitSeconds) ?? 0
            return .message(L10nKey("cli.send.slow_mode"), ["wait": DurationText.shown(max(wait, 1), run.t)], exitCode: 2)
        default:
            return failure
        }
    }
}
