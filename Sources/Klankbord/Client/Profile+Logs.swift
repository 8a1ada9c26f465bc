import KlankbordTrust

extension Profile {
    /// The held log of `scope` (0 = roster), or nil when this device holds none yet.
    ///
    /// Rows are found by a vault tag, so a seized profile does not show which rooms have logs.
    public func heldLog(scope: UInt64) throws(Failure) -> HeldLog? {
        guard let box = try readOne("SELECT sealed FROM logs WHERE tag = ?", [.blob(vault.tag("log", scope))], { $0.blob(0) }) else { return nil }
        do {
            var log = try HeldLog(serialized: try vault.open(box, Self.logContext(scope)))
            log.checkedBefore = checkedEntries(scope: scope)
            return log
        } catch {
            throw .unusable
        }
    }

    /// The entries of `scope`'s log whose signatures this device checked before (32-byte entry hashes, sealed, under
    /// a vault tag like the log itself). Kept beside the log, so the log's own layout does not change.
    func checkedEntries(scope: UInt64) -> CheckedEntries {
        guard let box = setting(Self.checkedKey(vault.tag("log-checked", scope))),
              let plain = try? vault.open(box, "log-checked/\(scope)"), plain.count % 32 == 0 else { return CheckedEntries() }
        return CheckedEntries(Set(stride(from: 0, to: plain.count, by: 32).map { Array(plain[$0..<$0 + 32]) }))
    }

    /// Remembers that the signatures of `chain` (the hashes of the valid entries of `scope`'s log) were checked.
    package func rememberChecked(scope: UInt64, chain: [[UInt8]]) throws(Failure) {
        try write("INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                  [.text(Self.checkedKey(vault.tag("log-checked", scope))), .blob(vault.seal(chain.flatMap { $0 }, "log-checked/\(scope)"))])
    }

    private static func checkedKey(_ tag: [UInt8]) -> String {
        "log-checked." + tag.map { byte in (byte < 16 ? "0" : "") + String(byte, radix: 16) }.joined()
    }

    /// Stores `log` sealed, replacing what was held for its scope.
    public func store(_ log: HeldLog) throws(Failure) {
        try write("INSERT INTO logs(tag, sealed) VALUES (?, ?) ON CONFLICT(tag) DO UPDATE SET sealed = excluded.sealed",
                  [.blob(vault.tag("log", log.scope)), .blob(vault.seal(log.serialized(), Self.logContext(log.scope)))])
    }

    private static func logContext(_ scope: UInt64) -> String { "log/\(scope)" }
}
