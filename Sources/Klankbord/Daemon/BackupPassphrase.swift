import KlankbordCrypto
import KlankbordLocalization
import KlankbordSystem

/// Where the backup passphrase comes from: `KLANKBORD_BACKUP_PASSPHRASE`, then the systemd credential
/// `backup-passphrase` (`LoadCredential=` puts it in `$CREDENTIALS_DIRECTORY`), then the terminal.
enum BackupPassphrase {
    /// Shorter passphrases are refused when a backup is made: the file may leave the machine.
    static let minimumLength = 12

    /// Why no passphrase could be had.
    enum Failure: Error {
        case missing
        case mismatch
        case tooShort
    }

    /// The passphrase; asked twice on a terminal when `confirm` (making a backup).
    static func obtain(environment: [String: String], terminal: Terminal, t: Localizer, confirm: Bool) throws(Failure) -> SecretBytes {
        let passphrase: SecretBytes
        if let text = environment["KLANKBORD_BACKUP_PASSPHRASE"], !text.isEmpty {
            passphrase = SecretBytes(copying: trimmed(Array(text.utf8)))
        } else if let folder = environment["CREDENTIALS_DIRECTORY"], var bytes = FileBytes.read(folder + "/backup-passphrase") {
            passphrase = SecretBytes(copying: trimmed(bytes))
            wipe(&bytes)
        } else if terminal.isInteractive {
            terminal.prompt(t("daemon.passphrase.ask"))
            guard let first = terminal.readSecretLine(), first.count > 0 else { throw .missing }
            if confirm {
                terminal.prompt(t("daemon.passphrase.again"))
                guard let second = terminal.readSecretLine(), second == first else { throw .mismatch }
            }
            passphrase = first
        } else {
            throw .missing
        }
        guard passphrase.count > 0 else { throw .missing }
        if confirm && passphrase.count < minimumLength { throw .tooShort }
        return passphrase
    }

    /// A passphrase file usually ends with a line break that is not part of it.
    private static func trimmed(_ bytes: [UInt8]) -> [UInt8] {
        var end = bytes.count
        while end > 0 && (bytes[end - 1] == 10 || bytes[end - 1] == 13) { end -= 1 }
        return Array(bytes[0..<end])
    }

    /// The sentence for `failure`.
    static func message(_ failure: Failure, _ t: Localizer) -> String {
        switch failure {
        case .missing: t("daemon.passphrase.missing")
        case .mismatch: t("daemon.passphrase.mismatch")
        case .tooShort: t("daemon.passphrase.too_short", ["count": String(minimumLength)])
        }
    }
}
