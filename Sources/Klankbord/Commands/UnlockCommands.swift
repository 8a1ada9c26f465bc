import FoundationEssentials
import KlankbordClient
import KlankbordLocalization

/// `unlock [--minutes N]` and `lock`: type the passphrase once for a while, or end that at once.
enum UnlockCommands {
    /// How long an unlock lasts when `--minutes` is not given.
    static let defaultMinutes = 30
    /// The longest unlock: one day.
    static let maxMinutes = 24 * 60

    static func unlock(_ run: Invocation) throws(CommandFailure) {
        guard Profile.exists(at: run.profileDirectory) else { throw .message(L10nKey("cli.profile.missing"), ["folder": run.profileDirectory], exitCode: 4) }
        var minutes = defaultMinutes
        if let text = run.arguments.value("minutes") {
            guard let number = Int(text), (1...maxMinutes).contains(number) else {
                throw .message(L10nKey("cli.usage.bad_number"), ["option": "--minutes", "min": "1", "max": String(maxMinutes)], exitCode: 1)
            }
            minutes = number
        }
        guard Profile.hasPassphrase(at: run.profileDirectory) else {
            run.terminal.line(run.t("cli.unlock.no_passphrase"))
            return
        }
        let profile = try run.profile()
        guard profile.keepUnlocked(minutes: minutes) else { throw .message(L10nKey("cli.unlock.refused"), exitCode: 4) }
        let end = Date().addingTimeInterval(Double(minutes) * 60)
        if run.json { return run.terminal.line(JSONText.object([("until", .number(Int64(end.timeIntervalSince1970)))])) }
        let until = run.t.time(end)
        run.terminal.line(run.t("cli.unlock.done", ["until": until]))
    }

    static func lock(_ run: Invocation) throws(CommandFailure) {
        run.terminal.line(Profile.lock(at: run.profileDirectory) ? run.t("cli.lock.done") : run.t("cli.lock.nothing"))
    }
}
