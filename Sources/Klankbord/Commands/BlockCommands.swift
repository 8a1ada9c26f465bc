import KlankbordClient
import KlankbordLocalization
import KlankbordProtocol

/// `block`, `unblock` and `blocked`: a person's own list of people they do not want to hear from.
///
/// The list lives only in the sealed profile; nothing is sent to the server, and the blocked person is not told.
enum BlockCommands {
    /// `block <name>`: hides that person's room messages and refuses their one-to-one messages.
    static func block(_ run: Invocation) throws(CommandFailure) {
        let handle = try target(run, command: "block")
        let profile = try run.profile()
        if try handle.key == Handle(run.account().handle)?.key { throw .message(L10nKey("cli.block.self"), exitCode: 1) }
        let changed = try run.secure { try profile.setBlocked(handle, true) }
        let name = TerminalText.inline(handle.text)
        run.terminal.line(changed ? run.t("cli.block.done", ["handle": name]) : run.t("cli.block.already", ["handle": name]))
    }

    /// `unblock <name>`: shows that person's messages again from now on.
    static func unblock(_ run: Invocation) throws(CommandFailure) {
        let handle = try target(run, command: "unblock")
        let profile = try run.profile()
        let changed = try run.secure { try profile.setBlocked(handle, false) }
        let name = TerminalText.inline(handle.text)
        run.terminal.line(changed ? run.t("cli.unblock.done", ["handle": name]) : run.t("cli.unblock.not_blocked", ["handle": name]))
    }

    /// `blocked`: the names this person blocked.
    static func list(_ run: Invocation) throws(CommandFailure) {
        let keys = try run.profile().blockedHandles().sorted()
        if run.json {
            for key in keys { run.terminal.line(JSONText.object([("handle", .string(key))])) }
            return
        }
        if keys.isEmpty { return run.terminal.line(run.t("cli.blocked.none")) }
        run.terminal.line(run.t("cli.blocked.list", ["handles": keys.map(TerminalText.inline).joined(separator: ", ")]))
    }

    /// The handle named by the first word (`anna` or `@anna`).
    private static func target(_ run: Invocation, command: String) throws(CommandFailure) -> Handle {
        let typed = try run.word(0, L10nKey("cli.what.handle"), command: command)
        let bare = typed.hasPrefix("@") ? String(typed.dropFirst()) : typed
        guard let handle = Handle(bare) else { throw .message(L10nKey("cli.block.bad_name"), ["handle": TerminalText.inline(bare)], exitCode: 1) }
        return handle
    }

    /// Refuses to write to a blocked person, so a thread is not opened again by mistake.
    static func refuseIfBlocked(_ handle: String, _ run: Invocation) throws(CommandFailure) {
        guard try run.profile().isBlocked(handle) else { return }
        throw .message(L10nKey("cli.block.write_refused"), ["handle": TerminalText.inline(handle)], exitCode: 1)
    }
}
