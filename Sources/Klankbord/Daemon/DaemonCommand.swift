import Glibc
import KlankbordConfig
import KlankbordLocalization
import KlankbordProtocol
import KlankbordServer
import KlankbordSystem

/// `klankbordd`: reads the settings, prepares the data directory, prints the first invite once, and serves;
/// or runs one administration command (`operator-invite`, `status`, `backup`, `verify-backup`, `restore`, `rotate-key`).
///
/// Usage: see `DaemonArguments`.
public enum DaemonCommand {
    public static func run(_ words: [String], environment: [String: String], terminal: Terminal = Terminal()) -> Int32 {
        let t = Localizer(Language.choose(flag: nil, profile: nil, environment: environment))
        let arguments: DaemonArguments
        switch DaemonArguments.parse(words) {
        case .help:
            terminal.line(t("daemon.usage"))
            return 0
        case .usageError:
            terminal.problem(t("daemon.usage"))
            return 1
        case let .run(parsed):
            arguments = parsed
        }
        var config: Config
        do {
            config = try arguments.configPath.map { path throws(ConfigError) in try Config.load(path: path) } ?? Config()
            try config.apply(overrides: arguments.overrides)
        } catch {
            terminal.problem(error.localizedMessage(t, file: arguments.configPath ?? "klankbord.conf"))
            return 1
        }
        let admin = AdminContext(config: config, t: t, terminal: terminal, environment: environment)
        switch arguments.action {
        case .serve:
            // SIGHUP reads the same file again and applies the same command-line options over it.
            let path = arguments.configPath, overrides = arguments.overrides
            let reloader = ConfigReloader(file: path) { () throws(ConfigError) -> Config in
                var fresh = try path.map { path throws(ConfigError) in try Config.load(path: path) } ?? Config()
                try fresh.apply(overrides: overrides)
                return fresh
            }
            return serve(config, reloader: reloader, t: t, terminal: terminal, environment: environment)
        case .operatorInvite: return operatorInvite(config, t: t, terminal: terminal, environment: environment)
        case .status: return admin.status(json: arguments.json)
        case .backup: return admin.backup(to: arguments.file ?? "", keep: arguments.keep)
        case .verifyBackup: return admin.verifyBackup(arguments.file ?? "")
        case .restore: return admin.restore(arguments.file ?? "")
        case .rotateKey: return admin.rotateKey()
        }
    }

    private static func operatorInvite(_ config: Config, t: Localizer, terminal: Terminal, environment: [String: String]) -> Int32 {
        do {
            let code = try Server.newOperatorInvite(config)
            terminal.line(t("daemon.operator_invite"))
            terminal.line(code.text)
            return 0
        } catch {
            return startFailed(error, config: config, t: t, terminal: terminal, log: Log(level: config.logLevel, environment: environment))
        }
    }

    private static func serve(_ config: Config, reloader: ConfigReloader, t: Localizer, terminal: Terminal, environment: [String: String]) -> Int32 {
        let log = Log(level: config.logLevel, environment: environment)
        let folder = config.dataDirectory
        // The lock comes before the database is opened: a restore in progress holds it.
        _ = mkdir(folder, 0o700)
        let early = DaemonLock.acquire(directory: folder)
        if early == nil && DaemonLock.holder(directory: folder) != nil {
            terminal.problem(t("daemon.start.locked", ["folder": folder]))
            return 1
        }
        do {
            // prepare reports a data directory that cannot be made or used.
            let prepared = try Server.prepare(config)
            guard let lock = early ?? DaemonLock.acquire(directory: folder) else {
                terminal.problem(t("daemon.start.locked", ["folder": folder]))
                return 1
            }
            lock.record(startedAt: wallClockSeconds())
            try withExtendedLifetime(lock) { () throws(Server.StartError) in
                try Server.run(config, prepared: prepared, log: log, reloader: reloader) { port in
                    if let secret = prepared.firstInvite?.secret {
                        let code = Server.inviteCode(config, key: prepared.serverKey, secret: secret, listenPort: port)
                        terminal.line(t("daemon.first_invite"))
                        terminal.line(code.text)
                        terminal.line(t("daemon.first_invite_next"))
                    }
                    terminal.line(t("daemon.listening", ["address": ServerAddress(host: config.listenHost, port: port).description]))
                }
            }
            return 0
        } catch {
            return startFailed(error, config: config, t: t, terminal: terminal, log: log)
        }
    }

    /// A database from a newer version gets a translated sentence that says what to do; other
    /// start failures are logged for the operator (in English, like every log line).
    private static func startFailed(_ error: Server.StartError, config: Config, t: Localizer, terminal: Terminal, log: Log) -> Int32 {
        if case .database(let storage) = error, storage.meansNewerSchema {
            log.error("the database was made by a newer version of klankbordd; not starting")
            terminal.problem(t("daemon.start.newer_database"))
        } else {
            log.error(error.message)
        }
        return 1
    }
}
