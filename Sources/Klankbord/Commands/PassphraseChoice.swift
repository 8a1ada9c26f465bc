import KlankbordCrypto
import KlankbordLocalization
import KlankbordSystem

/// How `join` settles the passphrase of a new profile.
///
/// Scripts give it in `KLANKBORD_PASSPHRASE` (empty: none). A person at the terminal is first told what no
/// passphrase means, then types it twice, because a typo in a passphrase nobody can recover would lock them out.
enum PassphraseChoice {
    /// The chosen passphrase, or nil for none.
    static func choose(_ run: Invocation) throws(CommandFailure) -> SecretBytes? {
        if let given = run.environment["KLANKBORD_PASSPHRASE"] { return given.isEmpty ? nil : SecretBytes(copying: Array(given.utf8)) }
        guard run.terminal.isInteractive else {
            run.terminal.problem(run.t("cli.passphrase.none"))
            return nil
        }
        return try ask(terminal: run.terminal, t: run.t) { run.terminal.readSecretLine() }
    }

    /// Explains, asks, and asks again until both answers match; an empty first answer means none.
    static func ask(terminal: Terminal, t: Localizer, read: () -> SecretBytes?) throws(CommandFailure) -> SecretBytes? {
        terminal.line(t("cli.passphrase.why"))
        while true {
            terminal.prompt(t("cli.passphrase.choose") + " ")
            guard let first = read(), first.count > 0 else {
                terminal.line(t("cli.passphrase.none"))
                return nil
            }
            terminal.prompt(t("cli.passphrase.again") + " ")
            guard let second = read() else { throw .message(L10nKey("cli.passphrase.not_confirmed"), exitCode: 1) }
            if second == first { return first }
            terminal.problem(t("cli.passphrase.mismatch"))
        }
    }
}
