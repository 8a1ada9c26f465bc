/// `klankbordd`: reads the settings, prepares the data directory, prints the first invite once, and serves.
///
/// Usage: `klankbordd [operator-invite] [--config FILE] [--listen HOST:PORT] [--port N] [--data-dir DIR] [--set KEY=VALUE]…`
public enum DaemonCommand {
    public static func run(_ words: [String], environment: [String: String], terminal: Terminal = Terminal()) -> Int32 {
        let t = Localizer(Language.choose(flag: nil, profile: nil, environment: environment))
        var configPath: String?
        var overrides: [(key: String, value: String)] = []
        var action = "serve"
        var index = 0
        while index < words.count {
            let word = words[index]
            index += 1
            let takesValue = ["--config", "--listen", "--port", "--data-dir", "--set", "--log-level"].contains(word)
            guard !takesValue || index < words.count else {
                terminal.problem(t("daemon.usage"))
                return 1
            }
            switch word {
            case "--config": configPath = words[index]
            case "--listen": overrides.append(("listen", words[index]))
            case "--port": overrides.append(("port", words[index]))
            case "--data-dir": overrides.append(("data_dir", words[index]))
            case "--log-level": overrides.append(("log_level", words[index]))
            case "--set":
                let pair = words[index]
                guard let equals = pair.firstIndex(of: "=") else {
                    terminal.problem(t("daemon.usage"))
                    return 1
                }
                overrides.append((String(pair[..<equals]).trimmingWhitespace, String(pair[pair.index(after: equals)...]).trimmingWhitespace))
            case "operator-invite": action = "invite"
            case "--help", "-h":
                terminal.line(t("daemon.usage"))
                return 0
            default:
                terminal.problem(t("daemon.usage"))
                return 1
            }
            if takesValue { index += 1 }
        }
        var config: Config
        do {
            config = try configPath.map { path throws(ConfigError) in try Config.load(path: path) } ?? Config()
            try config.apply(overrides: overrides)
        } catch {
            terminal.problem(error.localizedMessage(t, file: configPath ?? "klankbord.conf"))
            return 1
        }
        let log = Log(level: config.logLevel)
        do {
            if action == "invite" {
                let code = try Server.newOperatorInvite(config)
                terminal.line(t("daemon.operator_invite"))
                terminal.line(code.text)
                return 0
            }
            let prepared = try Server.prepare(config)
            try Server.run(config, prepared: prepared, log: log) { port in
                if let secret = prepared.firstInvite?.secret {
                    let code = Server.inviteCode(config, key: prepared.serverKey, secret: secret, listenPort: port)
                    terminal.line(t("daemon.first_invite"))
                    terminal.line(code.text)
                    terminal.line(t("daemon.first_invite_next"))
                }
                terminal.line(t("daemon.listening", ["address": ServerAddress(host: config.listenHost, port: port).description]))
            }
            return 0
        } catch {
            log.error(error.message)
            return 1
        }
    }
}
