extension Profile {
    /// The held log of `scope` (0 = roster), or nil when this device holds none yet.
    ///
    /// Rows are found by a vault tag, so a seized profile does not show which rooms have logs.
    public func heldLog(scope: UInt64) throws(Failure) -> HeldLog? {
        guard let box = try readOne("SELECT sealed FROM logs WHERE tag = ?", [.blob(vault.tag("log", scope))], { $0.blob(0) }) else { return nil }
        do {
            return try HeldLog(serialized: try vault.open(box, Self.logContext(scope)))
        } catch {
            throw .unusable
        }
    }

    /// Stores `log` sealed, replacing what was held for its scope.
    public func store(_ log: HeldLog) throws(Failure) {
        try write("INSERT INTO logs(tag, sealed) VALUES (?, ?) ON CONFLICT(tag) DO UPDATE SET sealed = excluded.sealed",
                  [.blob(vault.tag("log", log.scope)), .blob(vault.seal(log.serialized(), Self.logContext(log.scope)))])
    }

    private static func logContext(_ scope: UInt64) -> String { "log/\(scope)" }
}
