import KlankbordConfig

/// What SIGHUP does: reads the configuration file again (with the same command-line overrides) and puts in
/// force what may change while the daemon runs (`SettingsReload`). A file that does not parse changes nothing.
/// Log lines name settings, never values a person typed into a message.
public struct ConfigReloader: Sendable {
    /// The configuration file, for log lines; nil when the daemon was started without `--config`.
    let file: String?
    let load: @Sendable () throws(ConfigError) -> Config

    /// Reloads with `load`, which reads `file` and applies the command-line overrides.
    public init(file: String?, load: @escaping @Sendable () throws(ConfigError) -> Config) {
        self.file = file
        self.load = load
    }

    func reload(_ settings: LiveSettings, log: Log) {
        guard let file else {
            log.warn("reload: the daemon was started without --config; nothing to reload")
            return
        }
        let loaded: Config
        do {
            loaded = try load()
        } catch {
            log.error("reload refused, the running settings stay: \(error.message(file: file))")
            return
        }
        let result = SettingsReload(running: settings.config, loaded: loaded)
        for key in result.needRestart { log.warn("reload: \(key) changed but takes effect only after a restart") }
        guard !result.changed.isEmpty else {
            log.info("reload: no setting that can change while running was changed")
            return
        }
        settings.replace(result.applied)
        log.setLevel(result.applied.logLevel)
        log.info("reload: now in force: \(result.changed.joined(separator: ", "))")
    }
}
