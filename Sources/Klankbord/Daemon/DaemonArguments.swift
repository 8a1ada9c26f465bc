/// The words given to `klankbordd`, sorted into an action, its file, and the settings to apply.
///
/// Usage: `klankbordd [operator-invite | status [--json] | backup FILE|FOLDER [--keep N] |
/// verify-backup FILE | restore FILE | rotate-key] [--config FILE] [--listen HOST:PORT] [--port N] [--data-dir DIR]
/// [--log-level LEVEL] [--set KEY=VALUE]…`
struct DaemonArguments {
    /// What the daemon is asked to do.
    enum Action: Equatable {
        case serve, operatorInvite, status, backup, verifyBackup, restore, rotateKey
    }

    /// The outcome of reading the words.
    enum Parsed {
        case help
        case usageError
        case run(DaemonArguments)
    }

    var action = Action.serve
    /// The backup file (or, for `backup`, a folder) the action works on.
    var file: String?
    var json = false
    /// For `backup` into a folder: how many backups to keep there.
    var keep: Int?
    var configPath: String?
    var overrides: [(key: String, value: String)] = []

    private static let actions: [String: Action] = [
        "operator-invite": .operatorInvite, "status": .status, "backup": .backup,
        "verify-backup": .verifyBackup, "restore": .restore, "rotate-key": .rotateKey,
    ]
    private static let valueOptions = ["--config", "--listen", "--port", "--data-dir", "--set", "--log-level", "--keep"]

    static func parse(_ words: [String]) -> Parsed {
        var result = DaemonArguments()
        var index = 0
        while index < words.count {
            let word = words[index]
            index += 1
            if valueOptions.contains(word) {
                guard index < words.count else { return .usageError }
                let value = words[index]
                index += 1
                switch word {
                case "--config": result.configPath = value
                case "--listen": result.overrides.append(("listen", value))
                case "--port": result.overrides.append(("port", value))
                case "--data-dir": result.overrides.append(("data_dir", value))
                case "--log-level": result.overrides.append(("log_level", value))
                case "--keep":
                    guard let keep = Int(value), keep >= 1 else { return .usageError }
                    result.keep = keep
                default:
                    guard let equals = value.firstIndex(of: "=") else { return .usageError }
                    result.overrides.append((String(value[..<equals]).trimmingWhitespace,
                                             String(value[value.index(after: equals)...]).trimmingWhitespace))
                }
                continue
            }
            switch word {
            case "--help", "-h": return .help
            case "--json": result.json = true
            default:
                if let action = actions[word], result.action == .serve {
                    result.action = action
                } else if [.backup, .verifyBackup, .restore].contains(result.action), result.file == nil, !word.hasPrefix("-") {
                    result.file = word
                } else {
                    return .usageError
                }
            }
        }
        let needsFile = [.backup, .verifyBackup, .restore].contains(result.action)
        guard needsFile == (result.file != nil) else { return .usageError }
        guard !result.json || result.action == .status, result.keep == nil || result.action == .backup else { return .usageError }
        return .run(result)
    }
}
