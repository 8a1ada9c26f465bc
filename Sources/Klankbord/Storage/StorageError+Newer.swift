import CSQLite

extension StorageError {
    /// Whether the database records a migration this binary does not know: a newer version made it.
    public var meansNewerSchema: Bool {
        if case .migrationFailed(_, let code) = self { return code == SQLITE_SCHEMA }
        return false
    }
}
